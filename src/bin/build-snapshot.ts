/** Run by `npm run build`: writes the search index's snapshot beside the compiled code. */
import { loadContent } from '../content/load.js';
import { SNAPSHOT_PATH, writeSnapshot } from '../search/snapshot.js';

const started = performance.now();
writeSnapshot(loadContent());
console.log(`search index snapshot: ${SNAPSHOT_PATH} (${Math.round(performance.now() - started)} ms)`);
