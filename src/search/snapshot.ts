/**
 * The search index's slow part (segmenting every text of the talk), done once by `npm run build` and kept
 * beside the compiled code. At start the snapshot is used only when it was built from exactly this content
 * (a hash of what the index reads) on a machine of the same byte order; otherwise it is ignored and the
 * index is built from the content. Posting tables are kept as base64 bytes: parsing them as JSON numbers
 * was most of the start-up cost.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Content } from '../content/load.js';
import { type PostingTable, type Prepared, prepare } from './prepare.js';

/** dist/search-index.json once compiled (this file is dist/src/search/snapshot.js). */
export const SNAPSHOT_PATH = fileURLToPath(new URL('../../search-index.json', import.meta.url));
/** Raised whenever the way text is cut into terms or the snapshot's layout changes. */
const VERSION = 8;

/** A posting table as stored: terms one per line, the two arrays as base64 of their bytes. */
interface StoredTable {
  terms: string;
  ends: string;
  data: string;
}

interface Snapshot {
  version: number;
  endianness: string;
  hash: string;
  prepared: Omit<Prepared, 'postings' | 'questions'> & {
    postings: StoredTable;
    questions: { of: number[]; postings: StoredTable };
  };
}

/** A hash of everything the index reads from the content. */
export function indexHash(content: Content): string {
  const { passages, topics, questions, synonyms, glossary, meta } = content;
  return createHash('sha256')
    .update(JSON.stringify([VERSION, passages, topics, questions, synonyms, glossary, meta.sections]))
    .digest('hex');
}

function store(table: PostingTable): StoredTable {
  if (table.terms.some((t) => t.includes('\n'))) throw new Error('a search term holds a line break');
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return { terms: table.terms.join('\n'), ends: bytes(table.ends), data: bytes(table.data) };
}

function load(stored: StoredTable): PostingTable {
  // A fresh copy: Buffer.from may hand back a slice of a shared pool at an odd offset.
  const bytes = (b64: string) => {
    const buffer = Buffer.from(b64, 'base64');
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  };
  return {
    terms: stored.terms === '' ? [] : stored.terms.split('\n'),
    ends: new Uint32Array(bytes(stored.ends)),
    data: new Uint16Array(bytes(stored.data)),
  };
}

export function writeSnapshot(content: Content, path = SNAPSHOT_PATH): void {
  const prepared = prepare(content);
  const snapshot: Snapshot = {
    version: VERSION,
    endianness: endianness(),
    hash: indexHash(content),
    prepared: {
      ...prepared,
      postings: store(prepared.postings),
      questions: { of: prepared.questions.of, postings: store(prepared.questions.postings) },
    },
  };
  writeFileSync(path, JSON.stringify(snapshot));
}

/** The prepared index for this content, or undefined when there is no snapshot or it is stale. */
export function readSnapshot(content: Content, path = SNAPSHOT_PATH): Prepared | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    if (
      snapshot.version !== VERSION ||
      snapshot.endianness !== endianness() ||
      snapshot.hash !== indexHash(content)
    )
      return undefined;
    const { prepared } = snapshot;
    return {
      ...prepared,
      postings: load(prepared.postings),
      questions: { of: prepared.questions.of, postings: load(prepared.questions.postings) },
    };
  } catch {
    return undefined;
  }
}
