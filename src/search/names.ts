/**
 * Names in a query: a capitalised word, or a name with a version such as "GPT-5". A question naming
 * something the talk never mentions is about something else, however familiar its other words are.
 */
import { normalize, terms } from './tokens.js';

export interface Vocabulary {
  /** Whether the talk's text holds this name with a version, normalised ("gpt-4"). */
  mentions(name: string): boolean;
  /** Whether the talk knows this word (its own, a bridge's, or one typo away). */
  knows(word: string): boolean;
}

/** The names in the query the talk never mentions, as typed. */
export function unknownNames(query: string, talk: Vocabulary): string[] {
  const names: string[] = [];
  const chinese = /\p{Script=Han}/u.test(query);
  for (const m of query.matchAll(
    /(?<![\p{L}\p{N}])([A-Za-z]+(?:[- ]?\d+(?:\.\d+)*)?[A-Za-z]*)(?![\p{L}\p{N}])/gu,
  )) {
    const raw = m[1]!;
    // "Claude 3.5" is a name with a version; "in 2018" is not.
    const versioned = /\d/.test(raw) && (!raw.includes(' ') || /^[A-Z]/.test(raw));
    // A capital at the start of an English sentence proves nothing (a message of several sentences has
    // several starts); CamelCase, capitals or Chinese around do.
    const sentenceStart = m.index === 0 || /[.!?。！？]\s*$/.test(query.slice(0, m.index));
    const capitalised =
      /^[A-Z]/.test(raw) && (!sentenceStart || /[a-z][A-Z]|^[A-Z]{2,}/.test(raw) || chinese);
    // "I" and other function words are never names.
    if ((!versioned && !capitalised) || terms(raw).words.length === 0) continue;
    const word = normalize(raw);
    if (!(versioned ? talk.mentions(word) : talk.knows(word))) names.push(raw);
  }
  return names;
}
