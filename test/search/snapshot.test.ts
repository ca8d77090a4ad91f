/**
 * The index's snapshot (written by `npm run build`): an index loaded from it answers exactly as one built
 * from the content, and a snapshot that does not match this content, this layout or this machine's byte
 * order is never used.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesHash, loadContentFast, writeContentSnapshot } from '../../src/content/fast.js';
import { TalkSearch } from '../../src/search/index.js';
import {
  readSnapshot,
  readSnapshotFile,
  writeSnapshot,
  writeSnapshotFile,
} from '../../src/search/snapshot.js';
import { content } from '../helpers.js';

function written(from = content, source?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'talk-snapshot-')), 'search-index.bin');
  writeSnapshot(from, path, source);
  return path;
}

/** The snapshot at `path` with some of its header's top-level fields changed. */
function edited(path: string, change: Record<string, unknown>): string {
  const { header, arrays } = readSnapshotFile(path)!;
  writeSnapshotFile(path, { ...header, ...change }, arrays);
  return path;
}

/** `content` with one passage's translation changed. */
function changed(from = content) {
  return {
    ...from,
    passages: from.passages.map((p, i) => (i === 0 ? { ...p, en: `${p.en} More.` } : p)),
  };
}

describe('the index snapshot', () => {
  it('answers every query as the index built from the content does, scores included', () => {
    const fromSnapshot = new TalkSearch(content, readSnapshot(content, written()));
    const built = new TalkSearch(content);
    for (const q of [
      'data wall',
      '数据墙',
      'reinforcment lerning',
      'scaling law 规模化定律',
      'how much is a premium plan',
    ])
      expect(fromSnapshot.search(q)).toEqual(built.search(q));
    expect(fromSnapshot.vocabularyStarting('reinf')).toEqual(built.vocabularyStarting('reinf'));
  });

  it('keeps posting tables as raw bytes after a JSON header, not as JSON numbers', () => {
    const path = written();
    const { header, arrays } = readSnapshotFile(path)!;
    expect(readFileSync(path).subarray(0, 8).toString()).toBe('TALKIDX\n');
    for (const table of [header.prepared.postings, header.prepared.questions.postings]) {
      expect(typeof table.terms).toBe('string');
      for (const [offset, count] of [table.ends, table.data]) {
        expect(offset % 4).toBe(0);
        expect(offset + count).toBeLessThanOrEqual(arrays.length);
      }
    }
    const prepared = readSnapshot(content, path)!;
    // Read in place: the arrays are views of the file's bytes, not copies.
    expect(prepared.postings.data.buffer).toBe(prepared.questions.postings.data.buffer);
  });

  it('is ignored when missing, unreadable, of another layout or byte order, or built from other content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talk-snapshot-'));
    expect(readSnapshot(content, join(dir, 'none.bin'))).toBeUndefined();
    writeFileSync(join(dir, 'broken.bin'), 'TALKIDX\n\u0010\u0000\u0000\u0000{"version":');
    expect(readSnapshot(content, join(dir, 'broken.bin'))).toBeUndefined();
    writeFileSync(join(dir, 'json.bin'), '{"version":10}');
    expect(readSnapshot(content, join(dir, 'json.bin'))).toBeUndefined();
    const whole = readFileSync(written());
    writeFileSync(join(dir, 'cut.bin'), whole.subarray(0, whole.length - 1000));
    expect(readSnapshot(content, join(dir, 'cut.bin'))).toBeUndefined();
    expect(readSnapshot(content, edited(written(), { version: 1 }))).toBeUndefined();
    const other = endianness() === 'LE' ? 'BE' : 'LE';
    expect(readSnapshot(content, edited(written(), { endianness: other }))).toBeUndefined();
    expect(readSnapshot(changed(), written())).toBeUndefined();
    expect(readSnapshot(content, written())).toBeDefined();
  });

  it('is known to match content made from the same build’s content snapshot, without hashing it again', async () => {
    const contentSnapshot = join(mkdtempSync(join(tmpdir(), 'talk-content-')), 'content-snapshot.json');
    writeContentSnapshot(content, contentSnapshot);
    const fromBuild = await loadContentFast(content.dir, contentSnapshot);
    const source = filesHash(content.dir);
    // A snapshot whose index hash is another content's but whose files are these: only the files decide.
    const path = written(changed(), source);
    expect(readSnapshot(fromBuild, path)).toBeDefined();
    // Content validated from the files (not the build's object), and any copy of it, is hashed instead.
    expect(readSnapshot(content, path)).toBeUndefined();
    expect(readSnapshot({ ...fromBuild }, path)).toBeUndefined();
    // …so an edited copy is matched by what it holds (here, what the snapshot was built from).
    expect(readSnapshot(changed(fromBuild), path)).toBeDefined();
    // Written without a source (not straight from the files), it is matched by the index hash only.
    expect(readSnapshot(fromBuild, written(changed()))).toBeUndefined();
    expect(readSnapshot(fromBuild, written(content))).toBeDefined();
  });
});
