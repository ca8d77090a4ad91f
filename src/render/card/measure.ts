/**
 * Fonts and measuring: Noto Sans SC from @fontsource/noto-sans-sc, registered once with @napi-rs/canvas, and
 * cached text metrics. The only I/O of the card renderer is reading the fonts, on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { Measure } from './line-break.js';
import type { CardScript } from './model.js';

export const FONT_FAMILY = 'Noto Sans SC';
/** The only weights registered: regular for text, bold for labels and the corner mark. */
export const FONT_WEIGHTS = [400, 700] as const;

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

/**
 * How each script is shaped, the same for measuring and drawing. English takes Latin forms of the dashes and
 * half-width quotation marks (Noto Sans SC's own “” are full-width); Chinese keeps full-width punctuation.
 */
const SHAPING: Record<CardScript, { lang: string; features: string }> = {
  zh: { lang: 'zh-CN', features: 'normal' },
  en: { lang: 'en', features: '"halt" 1' },
};

export const fontOf = (weight: number, size: number) =>
  `${weight === 700 ? 'bold ' : ''}${size}px "${FONT_FAMILY}"`;

/** Sets the font and the script's shaping, touching only what changed (setting lang or features is slow). */
export function shape(ctx: SKRSContext2D, font: string, script: CardScript): void {
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

export function metrics(font: string, script: CardScript, text: string): Metrics {
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
export const exactMeasure =
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

export function unitWidth(weight: number, size: number, script: CardScript, unit: string): number {
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
