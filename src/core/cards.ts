/**
 * `/talk card`: which quote or takeaway a share card shows. The image is drawn by the adapters from the view
 * (src/render/card/), never here, so answering a card request loads no native code.
 */
import type { CardRequest } from './actions.js';
import { parseDay } from './dates.js';
import { echo } from './parse.js';
import type { Talk } from './talk.js';
import type { CardView, ErrorView, NotCoveredView, QuoteView, TakeawayView } from './views.js';

/** `takeaway`, `takeaway tomorrow`, `要点 2026-03-01`: the card of a day's takeaway rather than a quote. */
const TAKEAWAY_WORDS = /^(?:takeaway|要点)(?:\s+(.*))?$/i;

export function cardView(talk: Talk, request: CardRequest): CardView | ErrorView | NotCoveredView {
  const { lang } = request;
  const of = cardSubject(talk, request);
  if (of.kind !== 'quote' && of.kind !== 'takeaway') return of;
  const about = talk.about(lang);
  return {
    kind: 'card',
    lang,
    // The card's own message carries no buttons; shown as text instead, a Card button would only fail again.
    of: { ...of, actions: of.actions.filter((a) => a.label !== 'card') },
    talk: { speaker: about.speaker, venue: about.venue, date: about.date },
    actions: [],
  };
}

function cardSubject(
  talk: Talk,
  request: CardRequest,
): QuoteView | TakeawayView | ErrorView | NotCoveredView {
  const { lang } = request;
  if (request.takeaway !== undefined) {
    if (!talk.content.takeaways.some((t) => t.id === request.takeaway))
      return talk.error(lang, 'unknown-passage', {
        en: `There is no takeaway "${echo(request.takeaway)}".`,
        zh: `没有编号为“${echo(request.takeaway)}”的要点。`,
      });
    const day = request.date ?? (talk.handle({ sub: 'takeaway', lang }) as TakeawayView).date;
    return talk.takeawayView(lang, request.takeaway, day);
  }
  if (request.date !== undefined) return talk.takeaway(lang, request.date);
  const asked = request.query?.trim().match(TAKEAWAY_WORDS);
  if (asked && request.id === undefined) {
    const dayText = asked[1]?.trim() ?? '';
    const day = dayText === '' ? { offset: 0 as const } : parseDay(dayText);
    if (!day)
      return talk.invalid(lang, {
        en: `“${echo(dayText)}” is not a date I can use. Try \`card takeaway\`, \`card takeaway tomorrow\` or a date such as \`card takeaway 2026-03-01\` (2000 to 2099).`,
        zh: `“${echo(dayText)}”不是可用的日期。可以试试 \`card 要点\`、\`card 要点 明天\` 或 \`card 要点 2026-03-01\`(2000 至 2099 年)。`,
      });
    return talk.handle({ sub: 'takeaway', lang, ...day }) as TakeawayView | ErrorView;
  }
  return talk.quote(lang, request.query, request.id);
}
