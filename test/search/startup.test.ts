import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TalkSearch } from '../../src/search/index.js';
import { readSnapshot, writeSnapshot } from '../../src/search/snapshot.js';
import { content } from '../helpers.js';

describe('the search index built from the snapshot', () => {
  it('segments no Chinese text until a Chinese query comes', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'talk-snapshot-')), 'search-index.bin');
    writeSnapshot(content, path);
    let segmented = 0;
    const segment = Intl.Segmenter.prototype.segment;
    Intl.Segmenter.prototype.segment = function (this: Intl.Segmenter, text: string) {
      segmented++;
      return segment.call(this, text);
    };
    try {
      const search = new TalkSearch(content, readSnapshot(content, path));
      expect(search.search('data wall').hits.length).toBeGreaterThan(0);
      expect(search.search('how much is a premium plan').hits).toEqual([]);
      expect(segmented).toBe(0);
      search.search('数据墙');
      expect(segmented).toBeGreaterThan(0);
    } finally {
      Intl.Segmenter.prototype.segment = segment;
    }
  });
});
