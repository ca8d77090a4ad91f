/**
 * Share cards: a quote or a takeaway as a 1200×675 PNG. Pure: a CardModel in, the PNG and the layout it was
 * drawn from out. The only I/O is reading the fonts, once, on first use: Noto Sans SC from
 * @fontsource/noto-sans-sc, registered with @napi-rs/canvas. Knows nothing of any chat platform.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { AboutView, QuoteView, TakeawayView } from '../core/views.js';
import type { Lang } from '../core/vocabulary.js';
import { byline, LABELS, sectionTitle, showEn, showZh, ui } from './common.js';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 675;
/** Where text may go: every drawn line's measured box stays inside it. */
export const CARD_BOX = { left: 96, top: 52, right: 1120, bottom: 628 } as const;
export const FONT_FAMILY = 'Noto Sans SC';
/** The only weights registered: regular for text, bold for labels and the corner mark. */
export const FONT_WEIGHTS = [400, 700] as const;
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

// ---------------------------------------------------------------------------------------------------------
// From the core's view models

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

// ---------------------------------------------------------------------------------------------------------
// Fonts

let fontsReady = false;

/**
 * Registers Noto Sans SC, once: every woff2 subset file of each weight used, under one family name (the
 * CJK range is split into about a hundred files; latin, latin-ext, cyrillic and vietnamese are files of
 * their own). Returns how many files this call registered.
 */
export function loadCardFonts(): number {
  if (fontsReady) return 0;
  const dir = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'));
  let count = 0;
  for (const weight of FONT_WEIGHTS)
    for (const file of fontFiles(dir, weight)) {
      if (!GlobalFonts.registerFromPath(join(dir, file), FONT_FAMILY))
        throw new Error(`card: @napi-rs/canvas could not read ${file}`);
      count++;
    }
  fontsReady = true;
  return count;
}

/** The woff2 files of one weight, as the package's own stylesheet for that weight lists them. */
export function fontFiles(dir: string, weight: number): string[] {
  const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
  const files = [...css.matchAll(/url\(\.\/(files\/[^)]+\.woff2)\)/g)].map((m) => m[1]!);
  if (files.length === 0) throw new Error(`card: ${weight}.css lists no woff2 files`);
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// Line breaking

const CJK =
  /[\u2E80-\u303F\u3040-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]/u;
/** What a line must not start with: closing brackets and quotes, and punctuation, CJK and ASCII. */
const NO_START = new Set([...'，。、；：？！」』）》〉】〕〗〙〛”’…—–·・ー～〜,.;:?!)]}%']);
/** What a line must not end with: opening brackets and quotes. */
const NO_END = new Set([...'「『（《〈【〔〖〘〚“‘([{']);
const SPACE = /\s/;
const isSpace = (unit: string) => SPACE.test(unit[0]!);

/**
 * The text as unbreakable units and the runs of space between them. A line may break at a space, between
 * two CJK characters, or between a CJK character and a Latin word; never before NO_START or after NO_END.
 */
export function breakUnits(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  const flush = () => {
    if (word) tokens.push(word);
    word = '';
  };
  for (const ch of text) {
    if (SPACE.test(ch)) {
      flush();
      if (tokens.length > 0 && isSpace(tokens.at(-1)!)) tokens[tokens.length - 1] += ch;
      else tokens.push(ch);
    } else if (CJK.test(ch) || NO_START.has(ch) || NO_END.has(ch)) {
      flush();
      tokens.push(ch);
    } else word += ch;
  }
  flush();
  const units: string[] = [];
  for (const t of tokens) {
    const prev = units.at(-1);
    const glue =
      prev !== undefined &&
      !isSpace(t) &&
      !isSpace(prev) &&
      (NO_START.has([...t][0]!) || NO_END.has([...prev].at(-1)!));
    if (glue) units[units.length - 1] += t;
    else units.push(t);
  }
  return units;
}

type Measure = (text: string) => number;

/**
 * Greedy wrap on unit boundaries. `unitWidth` (cheap, cached) fills each line; `measure` then checks the
 * whole line, and units go back to the next line until it truly fits. A unit wider than a line is split
 * per character. Spaces at the ends of lines are dropped.
 */
export function wrapUnits(units: string[], maxWidth: number, unitWidth: Measure, measure: Measure): string[] {
  const items: { text: string; space: boolean }[] = [];
  let space = false;
  for (const u of units) {
    if (isSpace(u)) space = true;
    else {
      items.push({ text: u, space });
      space = false;
    }
  }
  const spaceWidth = unitWidth(' ');
  const lines: string[] = [];
  let line: typeof items = [];
  let lineWidth = 0;
  const joined = () => line.map((p, i) => (i && p.space ? ` ${p.text}` : p.text)).join('');
  /** Ends the line; returns the units carried back to the next one so that this one fits. */
  const commit = () => {
    const back: typeof items = [];
    while (line.length > 1 && measure(joined()) > maxWidth) back.unshift(line.pop()!);
    if (line.length) lines.push(joined());
    line = [];
    lineWidth = 0;
    return back;
  };
  for (let i = 0; i < items.length; ) {
    const item = items[i]!;
    const w = unitWidth(item.text);
    if (w > maxWidth && [...item.text].length > 1) {
      items.splice(i, 1, ...[...item.text].map((ch, k) => ({ text: ch, space: k === 0 && item.space })));
      continue;
    }
    const add = (line.length && item.space ? spaceWidth : 0) + w;
    if (line.length === 0 || lineWidth + add <= maxWidth) {
      line.push(item);
      lineWidth += add;
      i++;
    } else i -= commit().length;
  }
  for (let rest = commit(); rest.length; rest = commit()) line = rest;
  return lines;
}

/**
 * Cuts a line so that it and a trailing "…" fit: a Latin word or a CJK character at a time, dropping dangling
 * punctuation and spaces before the mark.
 */
export function withEllipsis(line: string, maxWidth: number, measure: Measure): string {
  let chars = [...line];
  const tidy = () => {
    while (chars.length > 0 && /[\s,，、;；:：·—–]/.test(chars.at(-1)!)) chars = chars.slice(0, -1);
  };
  tidy();
  while (chars.length > 0 && measure(`${chars.join('')}…`) > maxWidth) {
    // The last word, if it is a Latin one after a space; else the last character.
    const space = chars.lastIndexOf(' ');
    const word = space > 0 && !chars.slice(space + 1).some((c) => CJK.test(c));
    chars = chars.slice(0, word ? space : -1);
    tidy();
  }
  return `${chars.join('')}…`;
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

/**
 * How each script is shaped, the same for measuring and drawing. English takes Latin forms of the dashes and
 * half-width quotation marks (Noto Sans SC's own “” are full-width); Chinese keeps full-width punctuation.
 */
const SHAPING: Record<CardScript, { lang: string; features: string }> = {
  zh: { lang: 'zh-CN', features: 'normal' },
  en: { lang: 'en', features: '"halt" 1' },
};

const fontOf = (weight: number, size: number) => `${weight === 700 ? 'bold ' : ''}${size}px "${FONT_FAMILY}"`;

/** Sets the font and the script's shaping, touching only what changed (setting lang or features is slow). */
function shape(ctx: SKRSContext2D, font: string, script: CardScript): void {
  const { lang, features } = SHAPING[script];
  if (ctx.lang !== lang) ctx.lang = lang;
  if (ctx.fontFeatureSettings !== features) ctx.fontFeatureSettings = features;
  if (ctx.font !== font) ctx.font = font;
}

/** One measuring context per script, so that measuring never switches the shaping. */
const measureCtx: Partial<Record<CardScript, SKRSContext2D>> = {};

interface Metrics {
  width: number;
  inkLeft: number;
  inkRight: number;
  ascent: number;
  descent: number;
  inkAscent: number;
  inkDescent: number;
}

function measureNow(font: string, script: CardScript, text: string): Metrics {
  loadCardFonts();
  measureCtx[script] ??= createCanvas(1, 1).getContext('2d');
  const ctx = measureCtx[script];
  shape(ctx, font, script);
  const t = ctx.measureText(text);
  return {
    width: t.width,
    inkLeft: t.actualBoundingBoxLeft,
    inkRight: t.actualBoundingBoxRight,
    ascent: t.fontBoundingBoxAscent,
    descent: t.fontBoundingBoxDescent,
    inkAscent: t.actualBoundingBoxAscent,
    inkDescent: t.actualBoundingBoxDescent,
  };
}

/** Lines measured lately, so that a line the wrap checked is not measured again to be placed. */
const measured = new Map<string, Metrics>();
const MEASURED_MAX = 2_000;

function metrics(font: string, script: CardScript, text: string): Metrics {
  const key = `${script}|${font}|${text}`;
  let m = measured.get(key);
  if (!m) {
    m = measureNow(font, script, text);
    if (measured.size >= MEASURED_MAX) measured.clear();
    measured.set(key, m);
  }
  return m;
}

/** A line's extent: its advance, or its ink where a glyph overhangs either end (so ink never leaves the box). */
const exactMeasure =
  (font: string, script: CardScript): Measure =>
  (text) => {
    const m = metrics(font, script, text);
    return Math.max(m.width, m.inkRight) + Math.max(0, m.inkLeft);
  };

/**
 * Widths of units at a reference size, per weight and script; other sizes scale them. Trying a size then
 * measures nothing new: only the size chosen is wrapped with every line measured.
 */
const REFERENCE_SIZE = 100;
const widthCache = new Map<string, Map<string, number>>();
const WIDTH_CACHE_MAX = 50_000;
let widthCacheSize = 0;

function unitWidth(weight: number, size: number, script: CardScript, unit: string): number {
  const key = `${script}|${weight}`;
  let byUnit = widthCache.get(key);
  if (!byUnit || widthCacheSize >= WIDTH_CACHE_MAX) {
    if (widthCacheSize >= WIDTH_CACHE_MAX) {
      widthCache.clear();
      widthCacheSize = 0;
    }
    byUnit = new Map();
    widthCache.set(key, byUnit);
  }
  let w = byUnit.get(unit);
  if (w === undefined) {
    w = measureNow(fontOf(weight, REFERENCE_SIZE), script, unit).width;
    byUnit.set(unit, w);
    widthCacheSize++;
  }
  return (w * size) / REFERENCE_SIZE;
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

// ---------------------------------------------------------------------------------------------------------
// Layout

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
const BAR = { offset: 24, width: 4 };

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

// ---------------------------------------------------------------------------------------------------------
// Drawing

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
