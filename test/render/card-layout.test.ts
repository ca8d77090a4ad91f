/**
 * Card layout and drawing with the real font, measured and drawn, quickly: sizes, gaps, bars, the divider and
 * cuts on a few small cards, and the colours a drawn card uses.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { QuoteView, TakeawayView } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import {
  CARD_BOX,
  type CardBlock,
  type CardLayout,
  type CardModel,
  cardModel,
  drawCard,
  layoutCard,
  renderCard,
} from '../../src/render/card/index.js';
import { makeTalk } from '../helpers.js';
import { passage, quote } from './card-views.js';

const talk = makeTalk();
const about = talk.about('en');

const block = (layout: CardLayout, role: CardBlock['role'], i = 0) =>
  layout.blocks.filter((b) => b.role === role)[i]!;
const top = (b: CardBlock) => b.lines[0]!.y - b.lines[0]!.ascent;
const bottom = (b: CardBlock) => b.lines.at(-1)!.y + b.lines.at(-1)!.descent;
const takeaway = (text: string, lang: Lang = 'en'): TakeawayView => ({
  ...talk.takeawayView(lang, 't01', '2026-03-27'),
  text: { en: text, zh: text },
});

/** Laid out inside each test: a layout made while the file loads would be made before the test starts. */
const shortCard = () => layoutCard(cardModel(quote(passage())));

// First in the file: the font's line boxes are cached, and made by the first card that needs them.
describe('line spacing', () => {
  it('spaces the lines of a text by its leading: 1.6 for Chinese, 1.45 for English', () => {
    const layout = layoutCard(cardModel(takeaway('数据墙'.repeat(40), 'both')));
    for (const [script, leading] of [
      ['zh', 1.6],
      ['en', 1.45],
    ] as const) {
      const text = layout.blocks.find((b) => b.role === 'text' && b.script === script)!;
      expect(text.lines.length).toBeGreaterThan(1);
      expect(text.lines[1]!.y - text.lines[0]!.y).toBe(Math.ceil(leading * text.size));
    }
  });
});

describe('laying a card out', () => {
  it('puts the header top left, the mark top right on its baseline, and the footer at the bottom', () => {
    const short = shortCard();
    const header = block(short, 'header');
    const mark = block(short, 'mark');
    expect([header.lines[0]!.x, top(header)]).toEqual([CARD_BOX.left, CARD_BOX.top]);
    expect(header.cut).toBe(false);
    expect(mark.lines[0]!.text).toBe('talk');
    expect([mark.script, mark.cut, mark.size, mark.lines[0]!.role]).toEqual(['en', false, 18, 'mark']);
    expect([header.script, block(short, 'label').script, block(short, 'footer').script]).toEqual([
      'en',
      'en',
      'en',
    ]);
    const zh = layoutCard(cardModel(quote(passage(), 'zh')));
    expect([block(zh, 'header').script, block(zh, 'label').script, block(zh, 'footer').script]).toEqual([
      'zh',
      'zh',
      'zh',
    ]);
    expect(mark.lines[0]!.x + mark.lines[0]!.width).toBeCloseTo(CARD_BOX.right, 0);
    expect(mark.lines[0]!.y).toBe(header.lines[0]!.y);
    const footer = block(short, 'footer');
    expect(CARD_BOX.bottom - bottom(footer)).toBeGreaterThanOrEqual(0);
    expect(CARD_BOX.bottom - bottom(footer)).toBeLessThan(1);
    expect(footer.size).toBe(18);
  });

  it('draws short texts at their largest sizes: larger when one language is shown', () => {
    const short = shortCard();
    expect([block(short, 'text', 0).size, block(short, 'text', 1).size]).toEqual([36, 28]);
    expect(block(layoutCard(cardModel(quote(passage(), 'zh'))), 'text').size).toBe(46);
    expect(block(layoutCard(cardModel(quote(passage(), 'en'))), 'text').size).toBe(40);
    expect(block(short, 'label').size).toBe(18);
  });

  it('puts a bar in each section’s tone beside its label and texts, and the divider above the footer', () => {
    const short = shortCard();
    const labels = short.blocks.filter((b) => b.role === 'label');
    const texts = short.blocks.filter((b) => b.role === 'text');
    expect(short.bars.map((b) => [b.x, b.tone])).toEqual([
      [CARD_BOX.left - 24, 'speaker'],
      [CARD_BOX.left - 24, 'project'],
    ]);
    for (const [i, bar] of short.bars.entries()) {
      expect(bar.top).toBeCloseTo(top(labels[i]!), -0.5);
      expect(bar.bottom).toBeCloseTo(bottom(texts[i]!), -0.5);
    }
    expect(short.divider).toBeGreaterThan(bottom(texts[1]!));
    expect(short.divider).toBeCloseTo(top(block(short, 'footer')) - 15, -0.5);
  });

  it('leaves the usual gaps and centres the body between the header and the footer', () => {
    const short = shortCard();
    const [label, zh, label2, en] = short.blocks.filter((b) => b.role === 'label' || b.role === 'text');
    expect(top(zh!) - bottom(label!)).toBeCloseTo(10, -0.5);
    expect(top(label2!) - bottom(zh!)).toBeCloseTo(28, -0.5);
    const above = top(label!) - (bottom(block(short, 'header')) + 30);
    const below = top(block(short, 'footer')) - 30 - bottom(en!);
    expect(Math.abs(above - below)).toBeLessThanOrEqual(2);
  });

  it('steps a long text down, then tightens the gaps, and cuts with "…" only at the smallest size', () => {
    const medium = layoutCard(cardModel(takeaway('word '.repeat(80))));
    expect(block(medium, 'text').size).toBeLessThan(40);
    expect(block(medium, 'text').size).toBeGreaterThan(21);
    expect(block(medium, 'text').cut).toBe(false);
    const huge = layoutCard(cardModel(takeaway('word '.repeat(400))));
    const text = block(huge, 'text');
    expect([text.size, text.cut]).toEqual([21, true]);
    expect(text.lines.at(-1)!.text.endsWith('…')).toBe(true);
    expect(top(text) - bottom(block(huge, 'label'))).toBeCloseTo(8, -0.5);
    expect(bottom(text)).toBeLessThanOrEqual(top(block(huge, 'footer')) - 20);
    expect(block(huge, 'label').cut).toBe(false);
    for (const l of huge.blocks.flatMap((b) => b.lines)) {
      expect(l.x + l.width).toBeLessThanOrEqual(CARD_BOX.right);
      expect(l.y + l.descent).toBeLessThanOrEqual(CARD_BOX.bottom);
    }
  });

  it('shrinks a long footer to two lines before anything else', () => {
    const model: CardModel = { ...cardModel(quote(passage(), 'en')), footer: ['words '.repeat(40)] };
    const footer = block(layoutCard(model), 'footer');
    expect(footer.size).toBeLessThan(18);
    expect(footer.size).toBeGreaterThanOrEqual(15);
    expect(footer.lines).toHaveLength(2);
    const longer: CardModel = { ...model, footer: ['words '.repeat(400)] };
    expect(block(layoutCard(longer), 'footer').size).toBe(15);
  });

  it('cuts a header too long for its line, and labels and footer only when nothing else is left', () => {
    const model: CardModel = {
      kind: 'quote',
      lang: 'zh',
      header: '标题'.repeat(100),
      sections: [
        { label: '标签 '.repeat(500), tone: 'other', texts: [{ text: '中'.repeat(2000), script: 'zh' }] },
      ],
      footer: ['页脚 '.repeat(1000)],
    };
    const layout = layoutCard(model);
    expect(block(layout, 'header').cut).toBe(true);
    expect(block(layout, 'header').lines[0]!.text.endsWith('…')).toBe(true);
    expect(block(layout, 'header').lines[0]!.width).toBeLessThan(CARD_BOX.right - CARD_BOX.left - 32);
    const label = block(layout, 'label');
    const footer = block(layout, 'footer');
    expect([label.size, label.cut, footer.size, footer.cut]).toEqual([15, true, 15, true]);
    expect([label.lines.length, block(layout, 'text').lines.length]).toEqual([1, 1]);
    expect(footer.lines.at(-1)!.text.endsWith('…')).toBe(true);
    expect(bottom(block(layout, 'text'))).toBeLessThanOrEqual(top(footer) - 20);
    expect(bottom(footer)).toBeLessThanOrEqual(CARD_BOX.bottom);
  });
});

describe('laying out texts and footers', () => {
  it('keeps 18 px between two texts of a section, and one bar beside the whole section', () => {
    const layout = layoutCard(cardModel(takeaway('Data is a variable.', 'both')));
    const [zh, en] = layout.blocks.filter((b) => b.role === 'text');
    expect(top(en!) - bottom(zh!)).toBeCloseTo(18, -0.5);
    expect(layout.bars).toHaveLength(1);
    expect(layout.bars[0]!.top).toBeCloseTo(top(block(layout, 'label')), -0.5);
    expect(layout.bars[0]!.bottom).toBeCloseTo(bottom(en!), -0.5);
    expect(layout.bars[0]!.tone).toBe('project');
  });

  it('sets a second footer 4 px under the first, both at full size while they take three lines', () => {
    const hl = talk.quote('both', undefined, 'hl-1') as QuoteView;
    const layout = layoutCard(cardModel(hl, { talk: about }));
    const [first, second] = layout.blocks.filter((b) => b.role === 'footer');
    expect([first!.size, second!.size]).toEqual([18, 18]);
    expect(first!.lines.length + second!.lines.length).toBe(3);
    expect(top(second!) - bottom(first!)).toBeCloseTo(4, -0.5);
  });

  it('takes a footer down to 15 px when it cannot get to two lines', () => {
    const model: CardModel = { ...cardModel(quote(passage(), 'en')), footer: ['words '.repeat(60)] };
    const footer = block(layoutCard(model), 'footer');
    expect([footer.size, footer.lines.length, footer.cut]).toEqual([15, 3, false]);
  });

  it('keeps labels and footers at their size while the texts shrink and are cut', () => {
    const layout = layoutCard(cardModel(takeaway('数据墙 data wall '.repeat(200), 'both')));
    const texts = layout.blocks.filter((b) => b.role === 'text');
    expect(texts.map((b) => [b.size, b.cut])).toEqual([
      [22, true],
      [19, true],
    ]);
    expect([block(layout, 'label').size, block(layout, 'footer').size]).toEqual([18, 18]);
    // Whole, with no "…": only the spaces where the lines break are gone.
    // Lines are taken from whichever text has the most, so they stay even.
    const [zh, en] = texts.map((b) => b.lines.length);
    expect(zh! - en!).toBeGreaterThanOrEqual(0);
    expect(zh! - en!).toBeLessThanOrEqual(1);
    const squash = (t: string) => t.replace(/\s+/g, '');
    for (const b of [block(layout, 'label'), block(layout, 'footer')])
      expect(squash(b.lines.map((l) => l.text).join(''))).toBe(squash(b.text));
  });

  it('fits every line by its measured ink, not only by the widths of its units', () => {
    const layout = layoutCard(cardModel(takeaway('j'.repeat(600))));
    for (const l of layout.blocks.flatMap((b) => b.lines))
      expect(Math.max(l.width, l.inkRight) + Math.max(0, l.inkLeft)).toBeLessThanOrEqual(
        CARD_BOX.right - CARD_BOX.left,
      );
  });
});

/** The RGB colours of the pixels in a rectangle of a PNG, as hex. */
async function colours(png: Buffer, x: number, y: number, w: number, h: number): Promise<Set<string>> {
  const canvas = createCanvas(1200, 675);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(await loadImage(png), 0, 0);
  const data = ctx.getImageData(x, y, w, h).data;
  const out = new Set<string>();
  for (let i = 0; i < data.length; i += 4)
    out.add(
      `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((c) => c.toString(16).padStart(2, '0')).join('')}`,
    );
  return out;
}
const box = (b: CardBlock) =>
  [b.lines[0]!.x, Math.ceil(top(b)), 200, Math.floor(bottom(b) - top(b))] as const;

describe('drawing a card', () => {
  it('paints the background, each section’s bar and label in its tone, texts, header and footer in theirs', async () => {
    const { png, layout } = await drawCard(cardModel(quote(passage({ kind: 'highlight' }))));
    expect(await colours(png, 0, 0, 40, 40)).toEqual(new Set(['#15171d']));
    const [other, project] = layout.bars;
    expect(await colours(png, other!.x, Math.ceil(other!.top), 4, 10)).toEqual(new Set(['#b9a6e8']));
    expect(await colours(png, project!.x, Math.ceil(project!.top), 4, 10)).toEqual(new Set(['#74c3bd']));
    expect(await colours(png, CARD_BOX.left + 400, Math.round(layout.divider), 100, 1)).toEqual(
      new Set(['#2c313c']),
    );
    // The bar ends with its section and the divider with the box.
    const background = new Set(['#15171d']);
    expect(await colours(png, other!.x, Math.ceil(other!.bottom) + 2, 4, 2)).toEqual(background);
    expect(await colours(png, CARD_BOX.right + 2, Math.round(layout.divider), 40, 1)).toEqual(background);
    // The PNG says what made it.
    expect(png.includes(Buffer.from('Software\0talk'))).toBe(true);
    const has = async (b: CardBlock, colour: string) =>
      expect(await colours(png, ...box(b))).toContain(colour);
    await has(block(layout, 'label', 0), '#b9a6e8');
    await has(block(layout, 'label', 1), '#74c3bd');
    await has(block(layout, 'text', 0), '#f5f2ea');
    await has(block(layout, 'text', 1), '#e6e8ee');
    await has(block(layout, 'header'), '#8b91a0');
    await has(block(layout, 'footer'), '#a9afbc');
  });

  it('paints the speaker’s words amber, and every pixel anew on a reused canvas', async () => {
    const model = cardModel(quote(passage(), 'zh'));
    const first = await renderCard(model);
    const { layout } = await drawCard(model);
    expect(await colours(first, layout.bars[0]!.x, Math.ceil(layout.bars[0]!.top), 4, 10)).toEqual(
      new Set(['#f0b35a']),
    );
    await drawCard(cardModel(takeaway('word '.repeat(300))));
    expect((await renderCard(model)).equals(first)).toBe(true);
  });
});
