/**
 * Run by `npm run build`: validates content/ and keeps it, with the search index's slow part, beside the
 * compiled code, so start-up neither validates nor segments what the build already did.
 */
import { writeContentSnapshot } from '../content/fast.js';
import { loadContent } from '../content/load.js';
import { writeSnapshot } from '../search/snapshot.js';

const started = performance.now();
const content = loadContent();
// The index snapshot records the same files' hash, so content made from the content snapshot matches it.
const source = writeContentSnapshot(content);
writeSnapshot(content, undefined, source);
console.log(`content and search index snapshots written (${Math.round(performance.now() - started)} ms)`);
