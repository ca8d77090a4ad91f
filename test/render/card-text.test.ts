/**
 * What goes on a card before anything is drawn: its words and labels (the model and the alt text), line
 * breaking and the "…" cut with a simple width of one per character, and the font's measuring.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  breakUnits,
  cardModel,
  cardText,
  fontFiles,
  loadCardFonts,
  withEllipsis,
  wrapUnits,
} from '../../src/render/card/index.js';
import { exactMeasure, fontOf, metrics, shape, unitWidth } from '../../src/render/card/measure.js';
import { LABELS } from '../../src/render/common.js';
import { makeTalk } from '../helpers.js';
import { passage, quote } from './card-views.js';

const talk = makeTalk();
const about = talk.about('en');
/** One unit of width per character: line breaking is independent of any font. */
const chars = (s: string) => [...s].length;

describe('breaking lines', () => {
  it('keeps runs of space together, and CJK characters, brackets and punctuation as their own units', () => {
    expect(breakUnits('a  b\t c 中文,好 (x) 「y」 𠀀𠀁')).toEqual([
      'a',
      '  ',
      'b',
      '\t ',
      'c',
      ' ',
      '中',
      '文,',
      '好',
      ' ',
      '(x)',
      ' ',
      '「y」',
      ' ',
      '𠀀',
      '𠀁',
    ]);
    expect(breakUnits('“引”')).toEqual(['“引”']);
    expect(breakUnits(' lead')).toEqual([' ', 'lead']);
  });

  it('fills each line, breaking at spaces and dropping them at the ends', () => {
    expect(wrapUnits(breakUnits('aa bb cc dd'), 5, chars, chars)).toEqual(['aa bb', 'cc dd']);
    expect(wrapUnits(breakUnits('aa bb cc'), 6, chars, chars)).toEqual(['aa bb', 'cc']);
    expect(wrapUnits(breakUnits('中文中文中'), 2, chars, chars)).toEqual(['中文', '中文', '中']);
    expect(wrapUnits([], 5, chars, chars)).toEqual([]);
  });

  it('splits a word longer than a line into characters', () => {
    expect(wrapUnits(breakUnits('ab abcdefg'), 3, chars, chars)).toEqual(['ab', 'abc', 'def', 'g']);
  });

  it('carries units back to the next line until the measured line fits', () => {
    // The cheap widths say everything fits on one line; the exact measure allows 4 characters.
    const lines = wrapUnits(
      breakUnits('ab cd ef'),
      100,
      () => 0,
      (s) => (chars(s) > 4 ? 1000 : 1),
    );
    expect(lines).toEqual(['ab', 'cd', 'ef']);
    expect(wrapUnits(breakUnits('ab cd ef'), 5, chars, chars)).toEqual(['ab cd', 'ef']);
  });

  it('counts the spaces between words when filling a line by the cheap widths alone', () => {
    expect(wrapUnits(breakUnits('aa bb c'), 5, chars, () => 0)).toEqual(['aa bb', 'c']);
  });

  it('gives a character wider than the line a line of its own', () => {
    expect(wrapUnits(breakUnits('中文 ab'), 0.5, chars, chars)).toEqual(['中', '文', 'a', 'b']);
  });

  it('goes on from the first unit carried back', () => {
    const narrow = (s: string) => (chars(s) > 4 ? 99 : 1);
    expect(wrapUnits(breakUnits('ab cd ef gh'), 5, chars, narrow)).toEqual(['ab', 'cd', 'ef', 'gh']);
  });

  it('cuts a line for "…" by Latin words or CJK characters, dropping dangling punctuation', () => {
    expect(withEllipsis('abc 数据数', 6, chars)).toBe('abc 数…');
    expect(withEllipsis(' abcdef', 5, chars)).toBe(' abc…');
    // A Latin word goes whole only when no CJK character follows the space.
    expect(withEllipsis('ab cd数数', 6, chars)).toBe('ab cd…');
    expect(withEllipsis('数 abcdef', 5, chars)).toBe('数…');
    expect(withEllipsis('a数 bcdef', 5, chars)).toBe('a数…');
    expect(withEllipsis('hello world, foo', 10, chars)).toBe('hello…');
    expect(withEllipsis('hello world, foo', 13, chars)).toBe('hello world…');
    expect(withEllipsis('中文中文中文', 4, chars)).toBe('中文中…');
    expect(withEllipsis('数据,', 10, chars)).toBe('数据…');
    expect(withEllipsis('abc 数据', 5, chars)).toBe('abc…');
    expect(withEllipsis('x', 0, chars)).toBe('…');
  });
});

describe('what a card says', () => {
  it('labels a quote’s Chinese with whose words it is and its English as ours, in sections of their tone', () => {
    const model = cardModel(quote(passage()));
    expect(model).toEqual({
      kind: 'quote',
      lang: 'both',
      header: '#p-1 · Walls (named by this project)',
      sections: [
        { label: LABELS.original.speaker.en, tone: 'speaker', texts: [{ text: '数据墙。', script: 'zh' }] },
        { label: LABELS.translation.en, tone: 'project', texts: [{ text: 'The data wall.', script: 'en' }] },
      ],
      footer: ['— Speaker · English translation by this project'],
    });
    expect(cardText(model)).toBe(
      [
        '#p-1 · Walls (named by this project)',
        LABELS.original.speaker.en,
        '数据墙。',
        LABELS.translation.en,
        'The data wall.',
        '— Speaker · English translation by this project',
      ].join('\n'),
    );
  });

  it('names the talk under words that are not the speaker’s, in the card’s language', () => {
    const intro = quote(passage({ kind: 'introduction' }), 'zh');
    const model = cardModel(intro, { talk: about });
    expect(model.sections).toEqual([
      { label: LABELS.original.introduction.zh, tone: 'other', texts: [{ text: '数据墙。', script: 'zh' }] },
    ]);
    expect(model.footer).toEqual([
      '— 讲者',
      `出自关于${about.speaker.role.zh}${about.speaker.zh}演讲的报道 · ${about.venue.zh} · ${about.date}`,
    ]);
    expect(cardModel(quote(passage(), 'en'), { talk: about }).footer).toHaveLength(1);
    expect(cardModel(quote(passage({ kind: 'highlight' }), 'en'), { talk: about }).footer[1]).toBe(
      `From the article on the talk by ${about.speaker.en} (${about.speaker.zh}), ${about.speaker.role.en} · ${about.venue.en} · ${about.date}`,
    );
    expect(cardModel(intro, { lang: 'en' }).sections.map((s) => s.label)).toEqual([LABELS.translation.en]);
  });

  it('credits a takeaway as ours and lists its sources', () => {
    const t = talk.takeawayView('both', 't01', '2026-03-27');
    expect(cardModel(t, { lang: 'zh' })).toEqual({
      kind: 'takeaway',
      lang: 'zh',
      header: '今日要点 · 2026-03-27',
      sections: [{ label: t.credit.zh, tone: 'project', texts: [{ text: t.text.zh, script: 'zh' }] }],
      footer: ['出处: #open-2 · #open-3 · #open-4 · #open-5'],
    });
    expect(cardModel(t).sections[0]?.texts.map((x) => x.script)).toEqual(['zh', 'en']);
  });
});

describe('measuring', () => {
  it('names the font by weight and size', () => {
    expect(fontOf(700, 18)).toBe('bold 18px "Noto Sans SC"');
    expect(fontOf(400, 21)).toBe('21px "Noto Sans SC"');
  });

  it('scales a unit’s width with the size, as measured at 100 px', () => {
    const at100 = metrics(fontOf(400, 100), 'en', 'wall').width;
    expect(unitWidth(400, 100, 'en', 'wall')).toBe(at100);
    expect(unitWidth(400, 50, 'en', 'wall')).toBeCloseTo(at100 / 2, 6);
    expect(unitWidth(700, 100, 'en', 'wall')).toBeGreaterThan(at100);
  });

  it('shapes English with half-width marks and Chinese with full-width ones', () => {
    const mixed = '— “quoted” —';
    expect(metrics(fontOf(400, 100), 'en', mixed).width).toBeLessThan(
      metrics(fontOf(400, 100), 'zh', mixed).width,
    );
    const ctx = createCanvas(1, 1).getContext('2d');
    shape(ctx, fontOf(700, 20), 'zh');
    expect([ctx.lang, ctx.font]).toEqual(['zh-CN', 'bold 20px "Noto Sans SC"']);
  });

  it('counts ink that overhangs either end of a line', () => {
    const font = fontOf(400, 100);
    const j = metrics(font, 'en', 'j');
    expect(j.inkLeft).toBeGreaterThan(0);
    expect(exactMeasure(font, 'en')('j')).toBe(j.width + j.inkLeft);
    const f = metrics(font, 'en', 'f');
    expect(f.inkRight).toBeGreaterThan(f.width);
    expect(exactMeasure(font, 'en')('f')).toBe(f.inkRight);
    expect(metrics(font, 'en', 'j')).toBe(j);
  });

  it('registers the fonts once, and refuses a stylesheet that lists no font files', () => {
    loadCardFonts();
    expect(loadCardFonts()).toBe(0);
    const family = GlobalFonts.families.find((f) => f.family === 'Noto Sans SC');
    expect(new Set(family?.styles.map((x) => x.weight))).toEqual(new Set([400, 700]));
    const dir = mkdtempSync(join(tmpdir(), 'fonts-'));
    writeFileSync(
      join(dir, '400.css'),
      'src: url(./files/a-400.woff2) format("woff2"); src: url(./files/b-400.woff2)',
    );
    writeFileSync(join(dir, '700.css'), 'src: url(./files/a-700.woff)');
    expect(fontFiles(dir, 400)).toEqual(['files/a-400.woff2', 'files/b-400.woff2']);
    expect(() => fontFiles(dir, 700)).toThrow('card: 700.css lists no woff2 files');
  });
});
