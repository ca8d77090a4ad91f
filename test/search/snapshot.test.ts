/**
 * The index's snapshot (written by `npm run build`): an index loaded from it answers exactly as one built
 * from the content, and a snapshot that does not match this content, this layout or this machine's byte
 * order is never used.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TalkSearch } from '../../src/search/index.js';
import { readSnapshot, writeSnapshot } from '../../src/search/snapshot.js';
import { content } from '../helpers.js';

function written(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'talk-snapshot-')), 'search-index.json');
  writeSnapshot(content, path);
  return path;
}

/** The snapshot at `path` with some of its top-level fields changed. */
function edited(path: string, change: Record<string, unknown>): string {
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), ...change }));
  return path;
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

  it('keeps posting tables as bytes and terms one per line, not as JSON numbers', () => {
    const { prepared } = JSON.parse(readFileSync(written(), 'utf8'));
    for (const table of [prepared.postings, prepared.questions.postings]) {
      expect(typeof table.terms).toBe('string');
      expect(table.data).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(table.ends).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
  });

  it('is ignored when missing, unreadable, of another layout or byte order, or built from other content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talk-snapshot-'));
    expect(readSnapshot(content, join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'broken.json'), '{"version":');
    expect(readSnapshot(content, join(dir, 'broken.json'))).toBeUndefined();
    expect(readSnapshot(content, edited(written(), { version: 1 }))).toBeUndefined();
    const other = endianness() === 'LE' ? 'BE' : 'LE';
    expect(readSnapshot(content, edited(written(), { endianness: other }))).toBeUndefined();
    const changed = {
      ...content,
      passages: content.passages.map((p, i) => (i === 0 ? { ...p, en: `${p.en} More.` } : p)),
    };
    expect(readSnapshot(changed, written())).toBeUndefined();
    expect(readSnapshot(content, written())).toBeDefined();
  });
});
