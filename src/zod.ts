/**
 * zod, for every schema of the project (configuration, content). Importing it through this one module lets
 * `npm run build` replace the compiled module with zod bundled into one file (src/bin/bundle-zod.ts): zod
 * loaded as its ~80 separate modules was a tenth of the bot's start.
 */
export { z } from 'zod';
