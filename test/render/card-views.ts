/** A small made-up passage and a quote of it, for the card tests that check text and layout by hand. */
import type { PassageView, QuoteView } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';

export function passage(extra: Partial<PassageView> = {}): PassageView {
  return {
    id: 'p-1',
    kind: 'speaker',
    section: { en: 'Walls', zh: '墙', origin: 'project' },
    zh: '数据墙。',
    en: 'The data wall.',
    attribution: { en: 'Speaker', zh: '讲者' },
    ...extra,
  };
}

export const quote = (p: PassageView, lang: Lang = 'both'): QuoteView => ({
  kind: 'quote',
  lang,
  actions: [],
  passage: p,
});
