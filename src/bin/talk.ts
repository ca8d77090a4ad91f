/** `npm run talk -- <quote|summary|search|topics|takeaway|about|help> [args] [--lang zh|en|both] [--json]` */
import { runCli } from '../cli.js';
import { loadContentFast } from '../content/fast.js';
import { Talk } from '../core/talk.js';

const talk = new Talk(await loadContentFast());
process.exitCode = await runCli(process.argv.slice(2), talk, process);
