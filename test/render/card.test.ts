import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts, loadImage } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QuoteView, TakeawayView } from '../../src/core/views.js';
import { LANGS, type Lang } from '../../src/core/vocabulary.js';
import {
  breakUnits,
  CARD_BOX,
  CARD_HEIGHT,
  CARD_WIDTH,
  type CardLayout,
  type CardLine,
  type CardModel,
  cardModel,
  cardText,
  drawCard,
  FONT_FAMILY,
  FONT_WEIGHTS,
  fontFiles,
  layoutCard,
  loadCardFonts,
} from '../../src/render/card/index.js';
import { byline, LABELS, showEn, showZh, ui } from '../../src/render/common.js';
import { content, makeTalk } from '../helpers.js';

const talk = makeTalk();
const about = talk.about('en');
const DATE = '2026-11-28';
/** Rendering every passage in one language takes 2–7 s on a busy 2-core machine. */
const BULK_TIMEOUT = 60_000;
const fontDir = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'));

function quote(lang: Lang, id: string): QuoteView {
  const view = talk.quote(lang, undefined, id);
  if (view.kind !== 'quote') throw new Error(`no passage ${id}`);
  return view;
}

/** Width and height from the PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Every drawn line: advance box inside the content box, ink and font box inside it and the card. */
function expectInside(layout: CardLayout): void {
  const box = CARD_BOX;
  expect([layout.width, layout.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
  const bad: string[] = [];
  const check = (ok: boolean, what: string, l: CardLine) => {
    if (!ok) bad.push(`${what}: ${l.role} "${l.text}" x ${l.x} y ${l.y} width ${l.width}`);
  };
  for (const block of layout.blocks) {
    if (block.lines.length === 0) bad.push(`empty ${block.role} block "${block.text}"`);
    for (const l of block.lines) {
      check(l.width > 0, 'no width', l);
      check(l.x >= box.left && l.x + l.width <= box.right, 'advance outside the content box', l);
      check(l.x - l.inkLeft >= box.left - 1 && l.x + l.inkRight <= box.right + 1, 'ink outside the box', l);
      check(l.y - l.ascent >= box.top && l.y + l.descent <= box.bottom, 'font box outside the box', l);
      check(
        l.y - l.inkAscent >= box.top && l.y + l.inkDescent <= box.bottom,
        'ink above or below the box',
        l,
      );
      check(l.x - l.inkLeft >= 0 && l.x + l.inkRight <= CARD_WIDTH, 'ink outside the card', l);
      check(l.y - l.ascent >= 0 && l.y + l.descent <= CARD_HEIGHT, 'font box outside the card', l);
    }
  }
  // Lines never overlap (font boxes, top to bottom), except the corner mark beside the header.
  const lines = layout.blocks
    .filter((b) => b.role !== 'mark')
    .flatMap((b) => b.lines)
    .sort((a, b) => a.y - b.y);
  for (let i = 1; i < lines.length; i++)
    check(
      lines[i]!.y - lines[i]!.ascent >= lines[i - 1]!.y + lines[i - 1]!.descent - 0.5,
      'overlap',
      lines[i]!,
    );
  expect(bad).toEqual([]);
}

const squash = (s: string) => s.replace(/\s+/g, '');
const NO_START = /^[，。、；：？！」』）》,.;:?!)]/u;
const NO_END = /[「『（《“(]$/u;

/** A block's lines give back its text (spaces at breaks aside), or a prefix of it ending in "…" when cut. */
function expectText(layout: CardLayout, role: 'label' | 'text' | 'footer', text: string): void {
  const block = layout.blocks.find((b) => b.role === role && b.text === text);
  expect(block, `${role} block "${text}"`).toBeDefined();
  const drawn = block!.lines.map((l) => l.text).join('');
  if (block!.cut) {
    expect(drawn.endsWith('…')).toBe(true);
    expect(squash(text).startsWith(squash(drawn.slice(0, -1)))).toBe(true);
  } else expect(squash(drawn)).toBe(squash(text));
  for (const [i, l] of block!.lines.entries()) {
    expect(l.text, `line ${i} of "${text}"`).not.toMatch(NO_START);
    if (i < block!.lines.length - 1) expect(l.text, `line ${i} of "${text}"`).not.toMatch(NO_END);
  }
}

/** Labels sit above the text they describe, in the same section. */
function expectLabelAbove(layout: CardLayout, label: string, text: string): void {
  const l = layout.blocks.find((b) => b.role === 'label' && b.text === label)!;
  const t = layout.blocks.find((b) => b.role === 'text' && b.text === text)!;
  expect(l.section).toBe(t.section);
  expect(l.lines.at(-1)!.y).toBeLessThan(t.lines[0]!.y);
}

/** Like Promise.all over items, a few at a time: PNG encoding runs off the main thread, canvases are 3 MB. */
async function inBatches<T, R>(items: T[], fn: (item: T) => Promise<R>, size = 4): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

async function expectPng(card: CardModel): Promise<CardLayout> {
  const { png, layout } = await drawCard(card);
  expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
  expectInside(layout);
  return layout;
}

describe('card fonts', () => {
  let registered = 0;
  beforeAll(() => {
    registered = loadCardFonts();
  });

  it('registers every woff2 subset of the weights used, and only those', () => {
    const files = FONT_WEIGHTS.flatMap((w) => fontFiles(fontDir, w));
    expect(files.every((f) => f.endsWith('.woff2'))).toBe(true);
    expect(files.some((f) => f.includes('-latin-400-'))).toBe(true);
    // 0 if another test in this file registered them first; never a second time.
    expect([0, files.length]).toContain(registered);
    expect(loadCardFonts()).toBe(0);
    const family = GlobalFonts.families.find((f) => f.family === FONT_FAMILY);
    expect(family).toBeDefined();
    expect(new Set(family!.styles.map((s) => s.weight))).toEqual(new Set(FONT_WEIGHTS));
  });

  it('covers every character the cards draw (the subsets include Latin)', () => {
    const ranges: [number, number][] = [];
    for (const w of FONT_WEIGHTS) {
      const css = readFileSync(join(fontDir, `${w}.css`), 'utf8');
      for (const m of css.matchAll(/unicode-range:\s*([^;]+);/g))
        for (const r of m[1]!.split(',')) {
          const [a, b] = r.trim().slice(2).split('-');
          ranges.push([Number.parseInt(a!, 16), Number.parseInt(b ?? a!, 16)]);
        }
    }
    const text = LANGS.flatMap((lang) => [
      ...content.passages.map((p) => cardText(cardModel(quote(lang, p.id), { talk: about }))),
      ...content.takeaways.map((t) => cardText(cardModel(talk.takeawayView(lang, t.id, DATE)))),
    ]).join('\n');
    const missing = [...new Set(`${text}…talk`)].filter((ch) => {
      const c = ch.codePointAt(0)!;
      return c >= 0x20 && !ranges.some(([a, b]) => c >= a && c <= b);
    });
    expect(missing).toEqual([]);
  });
});

describe('line breaking', () => {
  it('keeps CJK punctuation off the start of a line and opening marks off its end', () => {
    const units = breakUnits('规模定律之后,大模型「发展」的下一个范式。OpenAI o1模型');
    expect(units).toContain('后,');
    expect(units).toContain('「发');
    expect(units).toContain('展」');
    expect(units).toContain('式。');
    expect(units).toContain('OpenAI');
    expect(units).toContain('o1');
    expect(units.filter((u) => NO_START.test(u))).toEqual([]);
  });

  it('breaks English on spaces only', () => {
    expect(breakUnits('the data wall, and (then) more')).toEqual([
      'the',
      ' ',
      'data',
      ' ',
      'wall,',
      ' ',
      'and',
      ' ',
      '(then)',
      ' ',
      'more',
    ]);
  });
});

describe('quote cards', () => {
  for (const lang of LANGS)
    it(
      `every passage in ${lang}: a 1200×675 PNG, labelled, inside the card`,
      async () => {
        const layouts = await inBatches(content.passages, async (p) => {
          const view = quote(lang, p.id);
          return [view, await expectPng(cardModel(view, { talk: about }))] as const;
        });
        for (const [view, layout] of layouts) {
          const p = view.passage;
          expect(layout.blocks.find((b) => b.role === 'header')!.text.startsWith(`#${p.id} · `)).toBe(true);
          expect(layout.blocks.some((b) => b.role === 'mark' && b.text === 'talk')).toBe(true);
          if (showZh(lang)) {
            expectText(layout, 'label', ui(lang, LABELS.original[p.kind]));
            expectText(layout, 'text', p.zh);
            expectLabelAbove(layout, ui(lang, LABELS.original[p.kind]), p.zh);
          }
          if (showEn(lang)) {
            expectText(layout, 'label', LABELS.translation.en);
            expectText(layout, 'text', p.en);
            expectLabelAbove(layout, LABELS.translation.en, p.en);
          } else expect(layout.blocks.some((b) => b.role === 'text' && b.script === 'en')).toBe(false);
          if (!showZh(lang))
            expect(layout.blocks.some((b) => b.role === 'text' && b.script === 'zh')).toBe(false);
          // The byline, never cut, below every text; it names the translation whenever English is shown.
          const footer = layout.blocks.filter((b) => b.role === 'footer');
          expect(footer[0]!.text).toBe(byline(p, lang));
          expect(footer.every((b) => !b.cut)).toBe(true);
          expectText(layout, 'footer', byline(p, lang));
          const lastText = layout.blocks.filter((b) => b.role === 'text').at(-1)!;
          expect(footer[0]!.lines[0]!.y).toBeGreaterThan(lastText.lines.at(-1)!.y);
          if (showEn(lang)) expect(footer[0]!.text).toContain(LABELS.translation.en);
          if (p.kind === 'speaker') expect(footer).toHaveLength(1);
          else {
            expect(footer[0]!.text).toContain(lang === 'zh' ? '非演讲者原话' : "not the speaker's words");
            expect(footer[1]!.text).toContain(lang === 'zh' ? about.speaker.zh : about.speaker.en);
          }
          // Labels are never cut.
          expect(layout.blocks.filter((b) => b.role === 'label').every((b) => !b.cut)).toBe(true);
        }
      },
      BULK_TIMEOUT,
    );

  it('speaker, venue and date are on the card of the speaker’s words', () => {
    const layout = layoutCard(cardModel(quote('en', 'o1-7')));
    const footer = layout.blocks.find((b) => b.role === 'footer')!.text;
    for (const part of [about.speaker.en, about.speaker.role.en, about.venue.en, about.date])
      expect(footer).toContain(part);
  });
});

describe('takeaway cards', () => {
  for (const lang of LANGS)
    it(
      `every takeaway in ${lang}: credited as this project's writing, with its sources`,
      async () => {
        const layouts = await inBatches(content.takeaways, async (t) => {
          const view: TakeawayView = talk.takeawayView(lang, t.id, DATE);
          return [view, await expectPng(cardModel(view))] as const;
        });
        for (const [view, layout] of layouts) {
          const credit = ui(lang, view.credit);
          expect(credit).toMatch(lang === 'zh' ? /本项目.*非原话/ : /written by this project.*not a quote/);
          expectText(layout, 'label', credit);
          if (showZh(lang)) {
            expectText(layout, 'text', view.text.zh);
            expectLabelAbove(layout, credit, view.text.zh);
          }
          if (showEn(lang)) {
            expectText(layout, 'text', view.text.en);
            expectLabelAbove(layout, credit, view.text.en);
          }
          const footer = layout.blocks.filter((b) => b.role === 'footer');
          expect(footer).toHaveLength(1);
          expect(footer[0]!.text.startsWith(ui(lang, LABELS.sources))).toBe(true);
          for (const s of view.sources) expect(footer[0]!.text).toContain(`#${s.id}`);
          expectText(layout, 'footer', footer[0]!.text);
          // No speaker byline on a takeaway card: nothing reads as if he wrote it.
          expect(layout.blocks.some((b) => b.text.startsWith('—'))).toBe(false);
        }
      },
      BULK_TIMEOUT,
    );
});

/** The smallest text sizes, as card.ts has them. */
const MIN_SIZE = { both: { zh: 22, en: 19 }, one: { zh: 24, en: 21 } };

describe('fitting', () => {
  const longest = [...content.passages].sort(
    (a, b) => b.zh.length + b.en.length - a.zh.length - a.en.length,
  )[0]!;

  it('steps the size down for long passages, and cuts with "…" only at the smallest size', async () => {
    const short = layoutCard(cardModel(quote('zh', 'hl-1')));
    const long = layoutCard(cardModel(quote('zh', longest.id)));
    const size = (l: CardLayout) => l.blocks.find((b) => b.role === 'text')!.size;
    expect(size(long)).toBeLessThan(size(short));
    for (const lang of LANGS) {
      const layout = layoutCard(cardModel(quote(lang, longest.id)));
      for (const b of layout.blocks.filter((x) => x.role === 'text' && x.cut))
        expect(b.size).toBe(MIN_SIZE[lang === 'both' ? 'both' : 'one'][b.script]);
    }
  });

  it('cuts a very long text with "…" and still stays inside the card', async () => {
    const view = quote('both', longest.id);
    const huge: QuoteView = {
      ...view,
      passage: { ...view.passage, zh: view.passage.zh.repeat(8), en: view.passage.en.repeat(8) },
    };
    for (const lang of LANGS) {
      const layout = await expectPng(cardModel(huge, { lang }));
      const texts = layout.blocks.filter((b) => b.role === 'text');
      expect(texts.length).toBe(lang === 'both' ? 2 : 1);
      for (const b of texts) {
        expect(b.cut).toBe(true);
        expect(b.lines.at(-1)!.text.endsWith('…')).toBe(true);
        expectText(layout, 'text', b.text);
      }
      // The labels and the byline survive whole.
      expect(layout.blocks.filter((b) => b.role !== 'text' && b.role !== 'header').every((b) => !b.cut)).toBe(
        true,
      );
      expectText(layout, 'footer', byline(huge.passage, lang));
    }
  });

  it('survives pathological input: unbreakable words, a huge header, labels and footer', async () => {
    const word = 'x'.repeat(400);
    const card: CardModel = {
      kind: 'quote',
      lang: 'both',
      header: `#x · ${'very long section title '.repeat(20)}`,
      sections: [
        {
          label: 'label '.repeat(200),
          tone: 'speaker',
          texts: [{ text: `${word} ${'中'.repeat(900)}`, script: 'zh' }],
        },
        {
          label: '标签'.repeat(300),
          tone: 'project',
          texts: [{ text: `${word} ${'word '.repeat(900)}`, script: 'en' }],
        },
      ],
      footer: ['footer '.repeat(300), '页脚'.repeat(400)],
    };
    const layout = await expectPng(card);
    expect(layout.blocks.find((b) => b.role === 'header')!.cut).toBe(true);
    expect(layout.blocks.filter((b) => b.role === 'text').every((b) => b.cut)).toBe(true);
  });

  it('a card with empty-looking text still draws', async () => {
    const card = cardModel(quote('en', 'hl-1'));
    card.sections[0]!.texts[0]!.text = ' ';
    const { png } = await drawCard(card);
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
  });

  it('decodes as an image of the right size', async () => {
    const { png } = await drawCard(cardModel(quote('both', 'o1-7')));
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
  });
});
