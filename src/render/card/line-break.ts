/**
 * Line breaking for mixed Chinese and English text, independent of any font: the caller measures.
 */

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

export type Measure = (text: string) => number;

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
