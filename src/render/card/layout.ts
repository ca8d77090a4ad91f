/**
 * Card layout: which lines, at which sizes and where. Every drawn line's measured box stays inside CARD_BOX;
 * texts step down in size together, then the gaps tighten, and only then is anything cut (with "…").
 */
import { breakUnits, withEllipsis, wrapUnits } from './line-break.js';
import { exactMeasure, fontOf, metrics, unitWidth } from './measure.js';
import {
  CARD_BOX,
  CARD_HEIGHT,
  CARD_MARK,
  CARD_WIDTH,
  type CardBlock,
  type CardLayout,
  type CardLine,
  type CardModel,
  type CardRole,
  type CardScript,
} from './model.js';

interface Style {
  weight: 400 | 700;
  /** Largest and smallest size in px. */
  max: number;
  min: number;
  /** Line height as a multiple of the size (never less than the font's ascent + descent). */
  leading: number;
}

const HEADER: Style = { weight: 400, max: 18, min: 18, leading: 1.45 };
const MARK: Style = { weight: 700, max: 18, min: 18, leading: 1.45 };
const LABEL: Style = { weight: 700, max: 18, min: 15, leading: 1.45 };
const FOOTER: Style = { weight: 400, max: 18, min: 15, leading: 1.45 };
/** The footer steps down in size while it takes more lines than this (plus one per extra footer line). */
const FOOTER_LINES = 2;

/** Text sizes: larger when only one language is shown. */
function textStyle(script: CardScript, both: boolean): Style {
  if (script === 'zh')
    return both
      ? { weight: 400, max: 36, min: 22, leading: 1.6 }
      : { weight: 400, max: 46, min: 24, leading: 1.6 };
  return both
    ? { weight: 400, max: 28, min: 19, leading: 1.45 }
    : { weight: 400, max: 40, min: 21, leading: 1.45 };
}

const GAP = { headerToBody: 30, labelToText: 10, textToText: 18, sectionToSection: 28, bodyToFooter: 30 };
/** The gaps for texts that do not fit at their smallest sizes: tried before cutting them. */
const TIGHT: typeof GAP = {
  headerToBody: 16,
  labelToText: 8,
  textToText: 12,
  sectionToSection: 18,
  bodyToFooter: 20,
};
export const BAR = { offset: 24, width: 4 };

const fontBoxes = new Map<string, { ascent: number; descent: number; lineHeight: number }>();

/** The font's ascent and descent at a size, and the line height. */
function fontBox(style: Style, size: number) {
  const font = fontOf(style.weight, size);
  const key = `${font}/${style.leading}`;
  let box = fontBoxes.get(key);
  if (!box) {
    const m = metrics(font, 'zh', 'Hg国');
    const { ascent, descent } = m;
    box = {
      ascent,
      descent,
      lineHeight: Math.max(Math.ceil(style.leading * size), Math.ceil(ascent + descent)),
    };
    fontBoxes.set(key, box);
  }
  return box;
}

/**
 * Wraps text. Exact: every returned line's measured width is at most maxWidth. Not exact: lines filled by
 * scaled unit widths only, to try sizes quickly (the size chosen is then wrapped exactly).
 */
function wrap(text: string, style: Style, size: number, script: CardScript, maxWidth: number, exact = true) {
  return wrapUnits(
    breakUnits(text),
    maxWidth,
    (u) => unitWidth(style.weight, size, script, u),
    exact ? exactMeasure(fontOf(style.weight, size), script) : () => 0,
  );
}

interface Draft {
  role: CardRole;
  text: string;
  script: CardScript;
  style: Style;
  size: number;
  lines: string[];
  cut: boolean;
  section?: number;
  /** Space above the block, when it is not the first of its stack. */
  gap: number;
}

function blockHeight(d: Draft): number {
  if (d.lines.length === 0) return 0;
  const { ascent, descent, lineHeight } = fontBox(d.style, d.size);
  return Math.ceil(ascent + descent) + (d.lines.length - 1) * lineHeight;
}

const stackHeight = (drafts: Draft[]) => drafts.reduce((h, d, i) => h + (i ? d.gap : 0) + blockHeight(d), 0);

function setSize(d: Draft, size: number, maxWidth: number, exact = true): void {
  d.size = size;
  d.lines = wrap(d.text, d.style, size, d.script, maxWidth, exact);
}

/** Drops lines, one at a time from the block of `role` with the most, until the stack fits in `height`. */
function cutToFit(drafts: Draft[], height: number, role: CardRole): void {
  while (stackHeight(drafts) > height) {
    const candidates = drafts.filter((d) => d.role === role && d.lines.length > 1);
    if (candidates.length === 0) break;
    const longest = candidates.reduce((a, b) => (b.lines.length >= a.lines.length ? b : a));
    longest.lines.pop();
    longest.cut = true;
  }
}

function markCuts(drafts: Draft[], maxWidth: number): void {
  for (const d of drafts)
    if (d.cut) {
      const last = d.lines.length - 1;
      const measure = exactMeasure(fontOf(d.style.weight, d.size), d.script);
      if (!d.lines[last]!.endsWith('…')) d.lines[last] = withEllipsis(d.lines[last]!, maxWidth, measure);
    }
}

/** Lays the card out: which lines, at which sizes and where. `drawCard` draws exactly this. */
export function layoutCard(card: CardModel): CardLayout {
  const box = CARD_BOX;
  const width = box.right - box.left;
  const chrome: CardScript = card.lang === 'zh' ? 'zh' : 'en';
  const both = card.sections.reduce((n, s) => n + s.texts.length, 0) > 1;
  const draft = (role: CardRole, text: string, script: CardScript, style: Style, gap = 0): Draft => ({
    role,
    text,
    script,
    style,
    size: style.max,
    lines: [],
    cut: false,
    gap,
  });

  // Header (cut with "…" if it is too long for its one line) and the corner mark.
  const markFont = fontOf(MARK.weight, MARK.max);
  const markWidth = exactMeasure(markFont, 'en')(CARD_MARK);
  const header = draft('header', card.header, chrome, HEADER);
  const headerRoom = width - markWidth - 32;
  header.lines = [card.header];
  const headerMeasure = exactMeasure(fontOf(HEADER.weight, HEADER.max), chrome);
  if (headerMeasure(card.header) > headerRoom) {
    header.lines = [withEllipsis(card.header, headerRoom, headerMeasure)];
    header.cut = true;
  }

  // Footer: at the largest size that keeps it short.
  const footer = card.footer.map((text, i) => draft('footer', text, chrome, FOOTER, i ? 4 : 0));
  for (let size = FOOTER.max; size >= FOOTER.min; size--) {
    for (const d of footer) setSize(d, size, width);
    if (footer.reduce((n, d) => n + d.lines.length, 0) <= FOOTER_LINES + footer.length - 1) break;
  }

  // Body: labels at their size; the texts step down together until everything fits.
  let gaps = GAP;
  const body: Draft[] = [];
  const setGaps = (g: typeof GAP) => {
    gaps = g;
    for (const [i, d] of body.entries())
      if (i > 0)
        d.gap =
          d.role === 'label'
            ? g.sectionToSection
            : body[i - 1]!.role === 'label'
              ? g.labelToText
              : g.textToText;
  };
  card.sections.forEach((s, section) => {
    const label = draft('label', s.label, chrome, LABEL);
    label.section = section;
    setSize(label, LABEL.max, width);
    body.push(label);
    for (const t of s.texts) {
      const text = draft('text', t.text, t.script, textStyle(t.script, both));
      text.section = section;
      body.push(text);
    }
  });
  setGaps(GAP);
  const texts = body.filter((d) => d.role === 'text');

  const headerBox = fontBox(HEADER, HEADER.max);
  const headerBottom = box.top + Math.ceil(headerBox.ascent + headerBox.descent);
  const bodyTop = () => headerBottom + gaps.headerToBody;
  const room = () => box.bottom - stackHeight(footer) - gaps.bodyToFooter - bodyTop();
  for (let step = 0; ; step++) {
    const scale = 1 - step * 0.04;
    for (const d of texts) setSize(d, Math.max(d.style.min, Math.round(d.style.max * scale)), width, false);
    if (stackHeight(body) <= room()) {
      for (const d of texts) setSize(d, d.size, width);
      if (stackHeight(body) <= room()) break;
    }
    if (texts.every((d) => d.size === d.style.min)) {
      for (const d of texts) setSize(d, d.size, width);
      setGaps(TIGHT);
      if (stackHeight(body) <= room()) break;
      // Too long even at the smallest sizes: cut the texts. Labels and the footer shrink, and are cut, only
      // if one line of each text still does not fit (never for the talk's content; the tests check it).
      cutToFit(body, room(), 'text');
      if (stackHeight(body) > room()) {
        for (const d of body) if (d.role === 'label') setSize(d, LABEL.min, width);
        for (const d of footer) setSize(d, FOOTER.min, width);
        cutToFit(body, room(), 'label');
        cutToFit(footer, box.bottom - bodyTop() - stackHeight(body) - gaps.bodyToFooter, 'footer');
      }
      markCuts([...body, ...footer], width);
      break;
    }
  }

  // Positions: header at the top, footer at the bottom, body centred between them.
  const blocks: CardBlock[] = [];
  const place = (d: Draft, top: number): number => {
    const font = fontOf(d.style.weight, d.size);
    const { ascent, lineHeight } = fontBox(d.style, d.size);
    blocks.push({
      role: d.role,
      text: d.text,
      script: d.script,
      lines: d.lines.map((text, i) =>
        line(d.role, text, d.script, box.left, top + ascent + i * lineHeight, d.size, font),
      ),
      cut: d.cut,
      size: d.size,
      ...(d.section === undefined ? {} : { section: d.section }),
    });
    return top + blockHeight(d);
  };

  place(header, box.top);
  blocks.push({
    role: 'mark',
    text: CARD_MARK,
    script: 'en',
    size: MARK.max,
    cut: false,
    lines: [
      line('mark', CARD_MARK, 'en', box.right - markWidth, box.top + headerBox.ascent, MARK.max, markFont),
    ],
  });

  let y = box.bottom - stackHeight(footer);
  const divider = y - gaps.bodyToFooter / 2;
  footer.forEach((d, i) => {
    y = place(d, y + (i ? d.gap : 0));
  });

  y = bodyTop() + Math.floor(Math.max(0, room() - stackHeight(body)) / 2);
  const bars: CardLayout['bars'] = [];
  let barTop = y;
  body.forEach((d, i) => {
    if (i) y += d.gap;
    if (d.role === 'label') barTop = y;
    y = place(d, y);
    const next = body[i + 1];
    if (!next || next.role === 'label')
      bars.push({ x: box.left - BAR.offset, top: barTop, bottom: y, tone: card.sections[d.section!]!.tone });
  });

  return { width: CARD_WIDTH, height: CARD_HEIGHT, box, blocks, bars, divider };
}

function line(
  role: CardRole,
  text: string,
  script: CardScript,
  x: number,
  y: number,
  size: number,
  font: string,
): CardLine {
  return { role, text, script, x, y, ...metrics(font, script, text), size, font };
}
