import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('proves the shipped transcript is the source article by its hash, and by the source when present', () => {
    expect(createHash('sha256').update(transcript).digest('hex')).toBe(content.meta.transcript.sha256);
    const altered = transcript.replace('强化学习', '强化训练');
    expect(checkContent(content, altered).join('\n')).toMatch(/not the source article/);
    const source = join(content.dir, '..', '..', 'shared', 'seeds', '000_6018a8e325ffe4ff.txt');
    if (existsSync(source)) expect(transcript).toBe(readFileSync(source, 'utf8'));
  });

  it("catches a passage marked as the speaker's that stands in the introduction, and an unattributed quote", () => {
    const misattributed = {
      ...content,
      passages: content.passages.map((p) =>
        p.id === 'intro-quote'
          ? { ...p, kind: 'speaker' as const, renders: undefined }
          : p.id === 'next-15'
            ? { ...p, quoting: undefined }
            : p,
      ),
    };
    const problems = checkContent(misattributed, transcript).join('\n');
    expect(problems).toMatch(
      /passage intro-quote: marked "speaker" but its text stands in the article's introduction/,
    );
    expect(problems).toMatch(/passage next-15: quotes someone but does not say whom/);
    const highlightAsSpeaker = {
      ...content,
      passages: content.passages.map((p) => (p.id === 'hl-2' ? { ...p, kind: 'speaker' as const } : p)),
    };
    expect(checkContent(highlightAsSpeaker, transcript).join('\n')).toMatch(
      /passage hl-2: marked "speaker" but its text stands in the article's highlight part/,
    );
  });

  it("refuses summaries and takeaways that rest on the article's highlights instead of the speaker", () => {
    const topics = content.topics.map((t, i) =>
      i === 1 ? { ...t, points: t.points.map((pt, j) => (j === 0 ? { ...pt, cites: ['hl-1'] } : pt)) } : t,
    );
    expect(checkContent({ ...content, topics }, transcript).join('\n')).toMatch(
      new RegExp(`topic ${content.topics[1]!.id} point 1 cites hl-1, which is not the speaker's words`),
    );
  });

  it("requires the questions each speaker passage answers, and only for the speaker's passages", () => {
    const { [content.passages.find((p) => p.kind === 'speaker')!.id]: _dropped, ...fewer } =
      content.questions;
    expect(checkContent({ ...content, questions: fewer }, transcript).join('\n')).toMatch(
      /no questions it answers/,
    );
    const dir = brokenCopy('questions.json', (d) => {
      d['hl-1'] = { en: ['what is next?', 'after scaling?'], zh: ['下一个范式?', '之后呢?'] };
    });
    expect(() => loadContent(dir)).toThrow(
      /questions\.json[\s\S]*hl-1: questions belong to passages of the speaker's words only/,
    );
  });

  it('never attributes the editor or journalist to the speaker', () => {
    const notes = content.passages.filter(
      (p) => p.zh.startsWith('规模定律之后') || p.zh.startsWith('OpenAI o1的发布,又一次'),
    );
    expect(notes.map((p) => p.kind).sort()).toEqual(['highlight', 'introduction']);
    const kahneman = content.passages.filter((p) => p.quoting);
    expect(kahneman.map((p) => [p.id, p.kind])).toEqual([
      ['intro-quote', 'introduction'],
      ['next-15', 'speaker'],
    ]);
    for (const p of kahneman) expect(p.quoting?.en).toBe('Daniel Kahneman');
    expect(content.passageById.get('intro-quote')?.renders).toBe('next-15');
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

  it('runs `npm run content:check` successfully, and fails it on a broken kind', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/bin/content-check.ts'], {
      cwd: join(content.dir, '..'),
      encoding: 'utf8',
    });
    expect(out).toMatch(/content:check ok: 88 passages/);
    const broken = brokenCopy('passages.json', (d) => {
      d.find((p: { id: string }) => p.id === 'intro-quote').kind = 'speaker';
    });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin/content-check.ts', broken], {
      cwd: join(content.dir, '..'),
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/intro-quote/);
  });
});

describe('the content snapshot the build writes', () => {
  it('is used while the files are unchanged, and never once a file changed (then the files are validated)', async () => {
    const { loadContentFast, writeContentSnapshot } = await import('../../src/content/fast.js');
    const dir = mkdtempSync(join(tmpdir(), 'talk-fast-'));
    cpSync(content.dir, join(dir, 'content'), { recursive: true });
    const snapshot = join(dir, 'content-snapshot.json');
    writeContentSnapshot(loadContent(join(dir, 'content')), snapshot);
    // Mark the snapshot so its use shows (the build would never write this).
    const kept = JSON.parse(readFileSync(snapshot, 'utf8'));
    kept.content.meta.title.en = 'from the snapshot';
    writeFileSync(snapshot, JSON.stringify(kept));
    expect((await loadContentFast(join(dir, 'content'), snapshot)).meta.title.en).toBe('from the snapshot');
    // A file edited after the build: the snapshot is stale; the files are loaded and validated.
    const passages = join(dir, 'content', 'passages.json');
    const edited = JSON.parse(readFileSync(passages, 'utf8'));
    edited[3].kind = 'narrator';
    writeFileSync(passages, JSON.stringify(edited));
    await expect(loadContentFast(join(dir, 'content'), snapshot)).rejects.toThrow(
      /passages\.json[\s\S]*\[3\]\.kind/,
    );
  });
});
