/**
 * The search index's slow part (segmenting every text of the talk), done once by `npm run build` and kept
 * beside the compiled code. At start the snapshot is used only when it was built from exactly this content
 * (a hash of what the index reads); otherwise it is ignored and the index is built from the content.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Content } from '../content/load.js';
import { type Prepared, prepare } from './prepare.js';

/** dist/search-index.json once compiled (this file is dist/src/search/snapshot.js). */
export const SNAPSHOT_PATH = fileURLToPath(new URL('../../search-index.json', import.meta.url));
/** Raised whenever the way text is cut into terms changes, so an older build's snapshot is never used. */
const VERSION = 7;

interface Snapshot {
  version: number;
  hash: string;
  prepared: Prepared;
}

/** A hash of everything the index reads from the content. */
export function indexHash(content: Content): string {
  const { passages, topics, questions, synonyms, glossary, meta } = content;
  return createHash('sha256')
    .update(JSON.stringify([VERSION, passages, topics, questions, synonyms, glossary, meta.sections]))
    .digest('hex');
}

export function writeSnapshot(content: Content, path = SNAPSHOT_PATH): void {
  const snapshot: Snapshot = { version: VERSION, hash: indexHash(content), prepared: prepare(content) };
  writeFileSync(path, JSON.stringify(snapshot));
}

/** The prepared index for this content, or undefined when there is no snapshot or it is stale. */
export function readSnapshot(content: Content, path = SNAPSHOT_PATH): Prepared | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    return snapshot.version === VERSION && snapshot.hash === indexHash(content)
      ? snapshot.prepared
      : undefined;
  } catch {
    return undefined;
  }
}
