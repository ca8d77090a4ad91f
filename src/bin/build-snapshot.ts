/**
 * Run by `npm run build`: validates content/ and keeps it, with the search index's slow part, beside the
 * compiled code, so start-up neither validates nor segments what the build already did.
 */
import { filesHash, writeContentSnapshot } from '../content/fast.js';
import { loadContent } from '../content/load.js';
import { writeSnapshot } from '../search/snapshot.js';

const started = performance.now();
const content = loadContent();
writeContentSnapshot(content);
writeSnapshot(content, undefined, filesHash(content.dir));
console.log(`content and search index snapshots written (${Math.round(performance.now() - started)} ms)`);
