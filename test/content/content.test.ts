import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, speakerParagraphs } from '../../src/content/check.js';
import { ContentError, loadContent } from '../../src/content/load.js';
import { content } from '../helpers.js';

const transcript = readFileSync(join(content.dir, 'transcript.txt'), 'utf8');

function brokenCopy(file: string, edit: (data: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'talk-content-'));
  cpSync(content.dir, dir, { recursive: true });
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  edit(data);
  writeFileSync(path, JSON.stringify(data));
  return dir;
}

describe('content', () => {
  it('meets the required sizes', () => {
    expect(content.topics.length).toBeGreaterThanOrEqual(12);
    expect(content.takeaways.length).toBeGreaterThanOrEqual(30);
    expect(content.topicById.get('rl')?.aliases.en).toContain('reinforcement learning');
    for (const t of content.topics) expect(t.points.length).toBeGreaterThanOrEqual(3);
  });

  it('passes every check against the transcript', () => {
    expect(checkContent(content, transcript)).toEqual([]);
  });

  it('keeps the shipped transcript identical to the source when the source is present', () => {
    const source = join(content.dir, '..', '..', 'shared', 'seeds', '000_6018a8e325ffe4ff.txt');
    let original: string | undefined;
    try {
      original = readFileSync(source, 'utf8');
    } catch {
      return; // outside the development tree the copy is the only source
    }
    expect(transcript).toBe(original);
  });

  it('never attributes the editor or journalist to the speaker', () => {
    const notes = content.passages.filter(
      (p) => p.zh.startsWith('规模定律之后') || p.zh.startsWith('OpenAI o1的发布,又一次'),
    );
    expect(notes.map((p) => p.kind).sort()).toEqual(['highlight', 'introduction']);
    const kahneman = content.passages.filter((p) => p.quoting);
    expect(kahneman.length).toBe(2);
    for (const p of kahneman) expect(p.quoting?.en).toBe('Daniel Kahneman');
  });

  it('finds a passage whose Chinese is not verbatim', () => {
    const altered = {
      ...content,
      passages: content.passages.map((p, i) => (i === 10 ? { ...p, zh: p.zh.replace('的', '得') } : p)),
    };
    expect(checkContent(altered, transcript).join('\n')).toMatch(/does not occur verbatim/);
  });

  it('finds a speaker paragraph no passage covers', () => {
    const missing = { ...content, passages: content.passages.filter((p) => p.id !== 'o1-4') };
    const problems = checkContent(missing, transcript);
    expect(
      problems.some(
        (p) => p.startsWith('speaker paragraph not covered') && p.includes('比如大家如果去看o1的话'),
      ),
    ).toBe(true);
  });

  it('excludes headings and the article around the talk from the speaker paragraphs', () => {
    const paragraphs = speakerParagraphs(content, transcript);
    expect(paragraphs[0]).toBe('今天主要分享一下对人工智能行业发展的思考。');
    expect(paragraphs).not.toContain('AGI的三层挑战');
    expect(paragraphs.some((p) => p.includes('Copyright'))).toBe(false);
  });

  it('names the file and the path inside it when a file is malformed', () => {
    const dir = brokenCopy('passages.json', (d) => {
      d[3].kind = 'narrator';
    });
    expect(() => loadContent(dir)).toThrow(ContentError);
    expect(() => loadContent(dir)).toThrow(/passages\.json[\s\S]*\[3\]\.kind/);
  });

  it('rejects a citation that does not resolve', () => {
    const dir = brokenCopy('topics.json', (d) => {
      d[1].points[0].cites.push('nope-1');
    });
    expect(() => loadContent(dir)).toThrow(
      /topics\.json[\s\S]*\[1\]\.points\[0\]\.cites\[\d\]: unknown passage "nope-1"/,
    );
  });

  it('rejects duplicate ids', () => {
    const dir = brokenCopy('takeaways.json', (d) => {
      d[1].id = d[0].id;
    });
    expect(() => loadContent(dir)).toThrow(/already used/);
  });

  it('runs `npm run content:check` successfully', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/bin/content-check.ts'], {
      cwd: join(content.dir, '..'),
      encoding: 'utf8',
    });
    expect(out).toMatch(/content:check ok: 88 passages/);
  });
});
