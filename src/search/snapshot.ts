/**
 * The search index's slow part (segmenting every text of the talk), done once by `npm run build` and kept
 * beside the compiled code. At start the snapshot is used only when it was built from exactly this content
 * (the same content files, or else a hash of what the index reads) on a machine of the same byte order;
 * otherwise it is ignored and the index is built from the content.
 *
 * Layout: a JSON header, then the posting tables' arrays as raw bytes that the index reads in place. Parsing
 * them as JSON numbers, or decoding them from base64, was most of the start-up cost.
 *   "TALKIDX\n" · header length (uint32, little-endian) · header (UTF-8 JSON) · zero padding to 4 bytes ·
 *   the arrays, each at an offset the header gives (a multiple of 4).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sourceHash } from '../content/fast.js';
import type { Content } from '../content/load.js';
import { type PostingTable, type Prepared, prepare } from './prepare.js';

/** dist/search-index.bin once compiled (this file is dist/src/search/snapshot.js). */
export const SNAPSHOT_PATH = fileURLToPath(new URL('../../search-index.bin', import.meta.url));
/** Raised whenever the way text is cut into terms or the snapshot's layout changes. */
const VERSION = 10;
const MAGIC = Buffer.from('TALKIDX\n');

/** Where an array lies in the snapshot's bytes: offset from the start of the arrays, and element count. */
type Span = [offset: number, count: number];

/** A posting table as the header records it: terms one per line, and where its two arrays lie. */
interface StoredTable {
  terms: string;
  ends: Span;
  data: Span;
}

export interface SnapshotHeader {
  version: number;
  endianness: string;
  /** indexHash of the content it was built from. */
  hash: string;
  /**
   * The hash of the content files it was built from, as the build's content snapshot records it ('' when
   * not built from files as they are): content made from that snapshot is then known to match.
   */
  source: string;
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

/** The snapshot file split into its header and its arrays' bytes (undefined when it is not one). */
export function readSnapshotFile(path: string): { header: SnapshotHeader; arrays: Buffer } | undefined {
  const file = readFileSync(path);
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const length = file.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const header = JSON.parse(file.toString('utf8', start, start + length)) as SnapshotHeader;
  return { header, arrays: file.subarray(align(start + length)) };
}

export function writeSnapshotFile(path: string, header: SnapshotHeader, arrays: Buffer): void {
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const start = MAGIC.length + 4;
  const padding = Buffer.alloc(align(start + json.length) - start - json.length);
  writeFileSync(path, Buffer.concat([MAGIC, length, json, padding, arrays]));
}

function align(n: number): number {
  return Math.ceil(n / 4) * 4;
}

/** `source`: the hash of the files `content` was just loaded from (the build's), if it is exactly them. */
export function writeSnapshot(content: Content, path = SNAPSHOT_PATH, source = ''): void {
  const prepared = prepare(content);
  const chunks: Buffer[] = [];
  let offset = 0;
  const place = (a: Uint16Array | Uint32Array): Span => {
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const span: Span = [offset, a.length];
    const padded = align(bytes.length);
    chunks.push(bytes, Buffer.alloc(padded - bytes.length));
    offset += padded;
    return span;
  };
  const store = (table: PostingTable): StoredTable => {
    if (table.terms.some((t) => t.includes('\n'))) throw new Error('a search term holds a line break');
    return { terms: table.terms.join('\n'), ends: place(table.ends), data: place(table.data) };
  };
  const header: SnapshotHeader = {
    version: VERSION,
    endianness: endianness(),
    hash: indexHash(content),
    source,
    prepared: {
      ...prepared,
      postings: store(prepared.postings),
      questions: { of: prepared.questions.of, postings: store(prepared.questions.postings) },
    },
  };
  writeSnapshotFile(path, header, Buffer.concat(chunks));
}

/** The prepared index for this content, or undefined when there is no snapshot or it is stale. */
export function readSnapshot(content: Content, path = SNAPSHOT_PATH): Prepared | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const file = readSnapshotFile(path);
    if (!file) return undefined;
    const { header, arrays } = file;
    if (header.version !== VERSION || header.endianness !== endianness()) return undefined;
    // Content made from the build's own content snapshot needs no hashing: same files, same content.
    const source = sourceHash(content);
    if (!(source && source === header.source) && header.hash !== indexHash(content)) return undefined;
    // Views into the file's own bytes, no copy. Every array starts at a multiple of 4 from the arrays'
    // start; a file read whole is its own allocation, but if that start is ever misaligned, copy once.
    const bytes = arrays.byteOffset % 4 === 0 ? arrays : new Uint8Array(arrays);
    const words = ([o, n]: Span) => new Uint32Array(bytes.buffer, bytes.byteOffset + o, n);
    const halves = ([o, n]: Span) => new Uint16Array(bytes.buffer, bytes.byteOffset + o, n);
    const load = (stored: StoredTable): PostingTable => ({
      terms: stored.terms === '' ? [] : stored.terms.split('\n'),
      ends: words(stored.ends),
      data: halves(stored.data),
    });
    const { prepared } = header;
    return {
      ...prepared,
      postings: load(prepared.postings),
      questions: { of: prepared.questions.of, postings: load(prepared.questions.postings) },
    };
  } catch {
    return undefined;
  }
}
