import { describe, expect, it } from 'vitest';
import { type Action, decodeAction, encodeAction } from '../../src/core/actions.js';
import { parseCommand } from '../../src/core/parse.js';
import { shuffled } from '../../src/core/rotation.js';
import { content, makeTalk } from '../helpers.js';

const talk = makeTalk();

describe('quote', () => {
  it('picks a random passage of the speaker, attributed to him', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const view = talk.quote('both');
      if (view.kind !== 'quote') throw new Error(view.kind);
      expect(view.passage.kind).toBe('speaker');
      expect(view.passage.attribution.en).toMatch(
        /^Yang Zhilin \(杨植麟\), founder of Moonshot AI, maker of Kimi(, quoting Daniel Kahneman)? · Xuanhuai College, Tianjin University · 2024-09-14/,
      );
      seen.add(view.passage.id);
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it('quotes the best match for words, and exactly by id', () => {
    const best = talk.quote('en', 'Riemann hypothesis');
    expect(best.kind === 'quote' && best.passage.id).toBe('o1-7');
    const exact = talk.quote('en', undefined, 'hl-1');
    expect(exact.kind === 'quote' && exact.passage.attribution.en).toBe(
      "Highlight (划重点) by Tencent Tech, not the speaker's words",
    );
    expect(
      talk.quote('en', '#fac-9').kind === 'quote' && (talk.quote('en', '#fac-9') as any).passage.id,
    ).toBe('fac-9');
  });

  it('attributes the Kahneman passage as the speaker quoting Kahneman', () => {
    const view = talk.quote('both', undefined, 'next-15');
    if (view.kind !== 'quote') throw new Error(view.kind);
    expect(view.passage.attribution.en).toContain('quoting Daniel Kahneman');
    expect(view.passage.attribution.zh).toContain(',引用丹尼尔·卡尼曼');
  });

  it('says the talk does not cover an off-topic request and offers topics', () => {
    const view = talk.quote('en', 'stock tips');
    expect(view.kind).toBe('not-covered');
    if (view.kind === 'not-covered') expect(view.suggestions.length).toBeGreaterThan(0);
  });

  it('refuses an unknown id', () => {
    expect(talk.quote('en', undefined, 'zz-9').kind).toBe('error');
  });

  it('offers Another, Context, the other language, Card and Share', () => {
    const view = talk.quote('both', undefined, 'o1-2');
    expect(view.actions.map((a) => a.label)).toEqual(['another', 'context', 'switch-lang', 'card', 'share']);
    expect(view.actions[2]?.request).toEqual({ sub: 'quote', lang: 'zh', id: 'o1-2' });
    expect(view.actions[3]).toEqual({
      label: 'card',
      request: { sub: 'card', lang: 'both', id: 'o1-2' },
      publish: true,
    });
  });
});

describe('summary', () => {
  it.each([['rl'], ['强化学习'], ['reinforcement learning'], ['O1'], ['ＲＬ']])(
    'finds the rl topic from %s',
    (input) => {
      const view = talk.summary('both', input);
      expect(view.kind === 'summary' && view.topic.id).toBe('rl');
    },
  );

  it('finds topics by alias and close spelling', () => {
    expect((talk.summary('en', 'scaling') as any).topic.id).toBe('scaling-law');
    expect((talk.summary('en', 'reinforcment learning') as any).topic.id).toBe('rl');
    expect((talk.summary('en', '数据墙') as any).topic.id).toBe('data-wall');
  });

  it('gives the overview without a topic, every point citing passages that exist', () => {
    const view = talk.summary('en');
    if (view.kind !== 'summary') throw new Error(view.kind);
    expect(view.topic.id).toBe('overview');
    for (const p of view.points) for (const s of p.sources) expect(content.passageById.has(s.id)).toBe(true);
  });

  it('answers an unknown topic with the closest ones', () => {
    const view = talk.summary('en', 'reinforcement stuff about inference');
    expect(view.kind).toBe('error');
    if (view.kind === 'error') {
      expect(view.code).toBe('unknown-topic');
      expect(view.suggestions.map((s) => s.id)).toEqual(expect.arrayContaining(['rl']));
    }
  });
});

describe('search', () => {
  it('pages through results with Previous and Next', () => {
    const first = talk.searchPage('en', 'data', 1, 5);
    if (first.kind !== 'search') throw new Error(first.kind);
    expect(first.pageCount).toBeGreaterThan(1);
    expect(first.actions.map((a) => a.label)).toEqual(['next']);
    const second = talk.handle(first.actions[0]!.request);
    if (second.kind !== 'search') throw new Error(second.kind);
    expect(second.page).toBe(2);
    expect(second.results[0]?.rank).toBe(6);
    expect(second.actions.map((a) => a.label)).toEqual(['previous', 'next']);
  });

  it('counts pages up (a last, partial page), shows it whole, and offers no Next there', () => {
    const all = talk.searchPage('en', 'data', 1, 50);
    if (all.kind !== 'search') throw new Error(all.kind);
    const total = all.total;
    const size = [3, 4, 6, 7].find((n) => total % n !== 0)!;
    const pages = Math.ceil(total / size);
    const last = talk.searchPage('en', 'data', pages, size);
    if (last.kind !== 'search') throw new Error(last.kind);
    expect(last.pageCount).toBe(pages);
    expect(last.results).toHaveLength(total - (pages - 1) * size);
    expect(last.results.at(-1)?.rank).toBe(total);
    expect(last.actions.map((a) => a.label)).toEqual(['previous']);
  });

  it('keeps the page size through Next and Previous (through the buttons’ encoded form too)', () => {
    const first = talk.searchPage('en', 'data', 1, 3);
    if (first.kind !== 'search') throw new Error(first.kind);
    const next = decodeAction(encodeAction(first.actions.find((a) => a.label === 'next')!))!;
    const second = talk.handle(next.request);
    if (second.kind !== 'search') throw new Error(second.kind);
    expect(second.results.map((r) => r.rank)).toEqual([4, 5, 6]);
    expect(second.pageCount).toBe(first.pageCount);
    const back = talk.handle(decodeAction(encodeAction(second.actions[0]!))!.request);
    expect(back.kind === 'search' && back.results.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('clamps a page past the end and refuses an empty query', () => {
    const view = talk.searchPage('en', 'data wall', 999, 5);
    expect(view.kind === 'search' && view.page === view.pageCount).toBe(true);
    expect(talk.searchPage('en', '  ', 1, 5).kind).toBe('error');
  });
});

describe('takeaway', () => {
  it('is the same all day and walks every takeaway before repeating', () => {
    expect(talk.takeaway('en', '2026-03-01')).toEqual(talk.takeaway('en', '2026-03-01'));
    const n = content.takeaways.length;
    const seen = new Set<string>();
    for (let d = 0; d < n; d++) {
      const date = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
      const view = talk.takeaway('en', date);
      if (view.kind !== 'takeaway') throw new Error(view.kind);
      seen.add(view.id);
    }
    expect(seen.size).toBe(n);
  });

  it('refuses a date that is not one', () => {
    expect(talk.takeaway('en', '2026-13-45').kind).toBe('error');
  });
});

describe('help', () => {
  it('suggests the subcommand a typo meant', () => {
    expect(talk.help('en', 'qoute').didYouMean).toBe('quote');
    expect(talk.help('en', 'sumary').didYouMean).toBe('summary');
    expect(talk.help('en', 'xyzzy').didYouMean).toBeUndefined();
  });
});

describe('parseCommand', () => {
  it('accepts flags before or after the arguments', () => {
    expect(parseCommand('summary rl --zh')).toEqual({
      ok: true,
      json: false,
      request: { sub: 'summary', lang: 'zh', topic: 'rl' },
    });
    expect(parseCommand('--lang en --json search data wall --limit 3')).toEqual({
      ok: true,
      json: true,
      request: { sub: 'search', lang: 'en', query: 'data wall', limit: 3 },
    });
    expect(parseCommand('/talk quote --id o1-3')).toMatchObject({
      ok: true,
      request: { sub: 'quote', id: 'o1-3' },
    });
  });

  it('turns an empty or unknown subcommand into help', () => {
    expect(parseCommand('')).toMatchObject({ ok: true, request: { sub: 'help' } });
    expect(parseCommand('qoute data')).toMatchObject({
      ok: true,
      request: { sub: 'help', unknown: 'qoute' },
    });
  });

  it('explains bad option values', () => {
    expect(parseCommand('quote --lang fr')).toMatchObject({ ok: false });
    expect(parseCommand('search x --limit 0')).toMatchObject({ ok: false });
    expect(parseCommand('search x --frobnicate')).toMatchObject({ ok: false });
  });
});

describe('actions', () => {
  it('round-trips every action the core offers', () => {
    const views = [
      talk.quote('both', undefined, 'o1-2'),
      talk.summary('zh', 'rl'),
      talk.searchPage('en', 'data', 2, 2),
      talk.takeaway('en', '2026-01-01'),
    ];
    for (const view of views) {
      for (const action of view.actions) {
        const decoded = decodeAction(encodeAction(action)) as Action;
        expect(decoded.request).toEqual(action.request);
        expect(decoded.publish ?? false).toBe(action.publish ?? false);
      }
    }
  });

  it('keeps a query containing the separator intact', () => {
    const action: Action = { label: 'next', request: { sub: 'search', lang: 'en', query: 'a|b|c', page: 2 } };
    expect(decodeAction(encodeAction(action))?.request).toEqual(action.request);
  });

  it('rejects strings it did not write', () => {
    for (const bad of ['', 'x|q|e|', 'r|q|x|', 'r|c|e|../../etc', 'r|s|e|0|q', 'r|zz|e'])
      expect(decodeAction(bad)).toBeUndefined();
  });
});

describe('rotation', () => {
  it('shuffles deterministically by seed', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffled(items, 7)).toEqual(shuffled(items, 7));
    expect(shuffled(items, 7)).not.toEqual(shuffled(items, 8));
    expect([...shuffled(items, 7)].sort((a, b) => a - b)).toEqual(items);
  });
});
