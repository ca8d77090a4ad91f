/**
 * Drawing a laid-out card on a canvas and encoding it as PNG.
 */
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { BAR, layoutCard } from './layout.js';
import { shape } from './measure.js';
import {
  CARD_HEIGHT,
  CARD_MARK,
  CARD_WIDTH,
  type CardBlock,
  type CardLayout,
  type CardModel,
  type CardScript,
  type CardTone,
  type DrawnCard,
} from './model.js';

const COLORS = {
  background: '#15171d',
  header: '#8b91a0',
  mark: '#8b91a0',
  footer: '#a9afbc',
  divider: '#2c313c',
  text: { zh: '#f5f2ea', en: '#e6e8ee' } satisfies Record<CardScript, string>,
  /** Amber for the speaker's words, violet for other original text, teal for this project's writing. */
  tone: { speaker: '#f0b35a', other: '#b9a6e8', project: '#74c3bd' } satisfies Record<CardTone, string>,
} as const;

function colorOf(card: CardModel, block: CardBlock): string {
  switch (block.role) {
    case 'text':
      return COLORS.text[block.script];
    case 'label':
      return COLORS.tone[card.sections[block.section!]!.tone];
    case 'footer':
      return COLORS.footer;
    case 'mark':
      return COLORS.mark;
    case 'header':
      return COLORS.header;
  }
}

/** Canvases done with, for the next cards: fewer 3 MB buffers made and freed (it keeps RSS lower). */
const idle: Canvas[] = [];
const IDLE_MAX = 2;

/** The layout, drawn on a canvas of the pool; every pixel is painted over. */
function paint(card: CardModel, layout: CardLayout): Canvas {
  const canvas = idle.pop() ?? createCanvas(CARD_WIDTH, CARD_HEIGHT);
  const ctx = canvas.getContext('2d', { alpha: false });
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  for (const bar of layout.bars) {
    ctx.fillStyle = COLORS.tone[bar.tone];
    ctx.fillRect(bar.x, bar.top, BAR.width, bar.bottom - bar.top);
  }
  ctx.fillStyle = COLORS.divider;
  ctx.fillRect(layout.box.left, Math.round(layout.divider), layout.box.right - layout.box.left, 1);

  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  for (const block of layout.blocks) {
    ctx.fillStyle = colorOf(card, block);
    for (const l of block.lines) {
      shape(ctx, l.font, l.script);
      ctx.fillText(l.text, l.x, l.y);
    }
  }
  return canvas;
}

/** The card's PNG (1200×675) and the layout it was drawn from. PNG encoding runs off the main thread. */
export async function drawCard(card: CardModel): Promise<DrawnCard> {
  const layout = layoutCard(card);
  const canvas = paint(card, layout);
  try {
    const png = await canvas.encode('png', { software: CARD_MARK });
    return { png, layout };
  } finally {
    if (idle.length < IDLE_MAX) idle.push(canvas);
  }
}

/** The card as PNG bytes, 1200×675. */
export async function renderCard(card: CardModel): Promise<Buffer> {
  return (await drawCard(card)).png;
}
