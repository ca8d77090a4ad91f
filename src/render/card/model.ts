/**
 * What a share card says: a quote or a takeaway as labelled sections, a header and a footer, and the shapes of
 * the layout drawn from it. Pure, and free of the canvas: building a card's model loads no native code.
 */
import type { AboutView, QuoteView, TakeawayView } from '../../core/views.js';
import type { Lang } from '../../core/vocabulary.js';
import { byline, LABELS, sectionTitle, showEn, showZh, ui } from '../common.js';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 675;
/** Where text may go: every drawn line's measured box stays inside it. */
export const CARD_BOX = { left: 96, top: 52, right: 1120, bottom: 628 } as const;
/** The project's name, small in the top right corner. */
export const CARD_MARK = 'talk';

/** Whose words a section is: the speaker's verbatim, someone else's original text, or this project's writing. */
export type CardTone = 'speaker' | 'other' | 'project';
export type CardScript = 'zh' | 'en';

export interface CardText {
  text: string;
  script: CardScript;
}

/** A label and the text(s) it describes, drawn together with a bar in the tone's colour beside them. */
export interface CardSection {
  label: string;
  tone: CardTone;
  texts: CardText[];
}

export interface CardModel {
  kind: 'quote' | 'takeaway';
  lang: Lang;
  /** The small line at the top: the passage id and section, or the takeaway's title and date. */
  header: string;
  sections: CardSection[];
  /** Lines at the bottom: the byline, or the sources. Cut only if even the cut text leaves no room. */
  footer: string[];
}

/** What `cardModel` adds under passages that are not the speaker's own words: the talk they are about. */
export type CardTalk = Pick<AboutView, 'speaker' | 'venue' | 'date'>;

export type CardRole = 'header' | 'mark' | 'label' | 'text' | 'footer';

export interface CardLine {
  role: CardRole;
  text: string;
  script: CardScript;
  /** Left end and baseline (textAlign left, textBaseline alphabetic). */
  x: number;
  y: number;
  /** Advance width from ctx.measureText, and the ink's extent left and right of x (actualBoundingBox). */
  width: number;
  inkLeft: number;
  inkRight: number;
  /** The font's ascent and descent at this size (fontBoundingBox), and the ink's (actualBoundingBox). */
  ascent: number;
  descent: number;
  inkAscent: number;
  inkDescent: number;
  size: number;
  font: string;
}

export interface CardBlock {
  role: CardRole;
  /** The whole text the block was laid out from, before any cut. */
  text: string;
  script: CardScript;
  lines: CardLine[];
  /** True when the text did not fit even at the smallest size: its last line then ends with "…". */
  cut: boolean;
  size: number;
  /** For labels and texts: the index of their section in CardModel.sections. */
  section?: number;
}

export interface CardLayout {
  width: number;
  height: number;
  box: typeof CARD_BOX;
  blocks: CardBlock[];
  /** The bars beside each section, in its tone. */
  bars: { x: number; top: number; bottom: number; tone: CardTone }[];
  /** The y of the rule between the body and the footer. */
  divider: number;
}

export interface DrawnCard {
  png: Buffer;
  layout: CardLayout;
}

/**
 * The card of a quote or a takeaway, in `lang` (the view's by default).
 *
 * A quote's Chinese is labelled with whose words it is (LABELS.original: the speaker's verbatim, or the
 * publication's highlight or the journalist's introduction, not his words), the English as this project's
 * translation, and its byline is `byline()`, which says so whenever our translation is shown. `talk`, when
 * given, names the talk under passages that are not the speaker's words, whose byline names only their
 * author. A takeaway is labelled with its credit, as this project's writing, and lists the passages it
 * rests on. The card adds no quotation marks: the texts are shown exactly as they are.
 */
export function cardModel(
  view: QuoteView | TakeawayView,
  options: { lang?: Lang; talk?: CardTalk } = {},
): CardModel {
  const lang = options.lang ?? view.lang;
  const u = (text: { en: string; zh: string }) => ui(lang, text);
  if (view.kind === 'quote') {
    const p = view.passage;
    const sections: CardSection[] = [];
    if (showZh(lang))
      sections.push({
        label: u(LABELS.original[p.kind]),
        tone: p.kind === 'speaker' ? 'speaker' : 'other',
        texts: [{ text: p.zh, script: 'zh' }],
      });
    if (showEn(lang))
      sections.push({ label: u(LABELS.translation), tone: 'project', texts: [{ text: p.en, script: 'en' }] });
    const footer = [byline(p, lang)];
    const talk = options.talk;
    if (talk && p.kind !== 'speaker')
      footer.push(
        u({
          en: `From the article on the talk by ${talk.speaker.en} (${talk.speaker.zh}), ${talk.speaker.role.en} · ${talk.venue.en} · ${talk.date}`,
          zh: `出自关于${talk.speaker.role.zh}${talk.speaker.zh}演讲的报道 · ${talk.venue.zh} · ${talk.date}`,
        }),
      );
    return { kind: 'quote', lang, header: `#${p.id} · ${sectionTitle(p.section, lang)}`, sections, footer };
  }
  const texts: CardText[] = [];
  if (showZh(lang)) texts.push({ text: view.text.zh, script: 'zh' });
  if (showEn(lang)) texts.push({ text: view.text.en, script: 'en' });
  return {
    kind: 'takeaway',
    lang,
    header: `${u(LABELS.takeawayTitle)} · ${view.date}`,
    sections: [{ label: u(view.credit), tone: 'project', texts }],
    footer: [`${u(LABELS.sources)}: ${view.sources.map((s) => `#${s.id}`).join(' · ')}`],
  };
}

/** The card's words as plain text, uncut: alt text for the image, and the PNG's Description. */
export function cardText(card: CardModel): string {
  return [
    card.header,
    ...card.sections.flatMap((s) => [s.label, ...s.texts.map((t) => t.text)]),
    ...card.footer,
  ].join('\n');
}
