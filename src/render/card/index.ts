/**
 * Share cards: a quote or a takeaway as a 1200×675 PNG. Pure: a CardModel in, the PNG and the layout it was
 * drawn from out. Knows nothing of any chat platform. `model.ts` alone loads no native code.
 */
export { drawCard, renderCard } from './draw.js';
export { layoutCard } from './layout.js';
export { breakUnits, withEllipsis, wrapUnits } from './line-break.js';
export { FONT_FAMILY, FONT_WEIGHTS, fontFiles, loadCardFonts } from './measure.js';
export * from './model.js';
