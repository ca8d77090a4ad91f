/**
 * A card view as PNG bytes with its alt text, for the adapters and the CLI. The canvas library and the fonts
 * load with the first card drawn, never at start: commands that draw no card never pay for them.
 */
import type { CardView } from '../core/views.js';
import { CARD_HEIGHT, CARD_WIDTH, cardModel, cardText } from './card/model.js';

export const CARD_FILE_NAME = 'card.png';
export const CARD_SIZE = { width: CARD_WIDTH, height: CARD_HEIGHT } as const;

export interface CardImage {
  png: Buffer;
  /** Every word on the card, uncut: the image's description for screen readers. */
  alt: string;
}

/** The card's model and alt text without drawing anything (no native code). */
export function cardAlt(view: CardView): string {
  return cardText(cardModel(view.of, { lang: view.lang, talk: view.talk }));
}

export async function drawCardImage(view: CardView): Promise<CardImage> {
  const model = cardModel(view.of, { lang: view.lang, talk: view.talk });
  const { renderCard } = await import('./card/draw.js');
  return { png: await renderCard(model), alt: cardText(model) };
}
