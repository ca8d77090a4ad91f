/**
 * Requests the core answers, and their compact string form. Buttons carry the request they re-run in
 * that string (a Discord custom id, a Slack action value), so they keep working after a restart.
 */
import { LANGS, type Lang } from './vocabulary.js';

export type TalkRequest =
  | { sub: 'quote'; lang: Lang; query?: string; id?: string }
  | { sub: 'context'; lang: Lang; id: string }
  | { sub: 'summary'; lang: Lang; topic?: string }
  | { sub: 'search'; lang: Lang; query: string; page?: number; limit?: number }
  | { sub: 'topics'; lang: Lang }
  | { sub: 'takeaway'; lang: Lang; date?: string; offset?: -1 | 0 | 1 }
  | CardRequest
  | { sub: 'about'; lang: Lang }
  | { sub: 'help'; lang: Lang; unknown?: string }
  | LangRequest
  | DailyRequest;

/**
 * `/talk card [words|#id|takeaway [day]]` and the Card button: a quote as an image (by `id`, the best match for
 * `query`, or random), or a takeaway (the day's, or a given one by `takeaway` id, as a button on a daily post
 * or a preview carries it, since each channel walks its own order).
 */
export interface CardRequest {
  sub: 'card';
  lang: Lang;
  query?: string;
  id?: string;
  takeaway?: string;
  date?: string;
}

/** `/talk lang zh|en|both|reset`: remembers (or forgets) the asker's answer language; alone, says it. */
export interface LangRequest {
  sub: 'lang';
  lang: Lang;
  set?: Lang | 'reset';
}

/** `/talk daily …`: answered by the daily service with the platform's context, not by the core alone. */
export interface DailyRequest {
  sub: 'daily';
  lang: Lang;
  action: 'set' | 'off' | 'status' | 'preview' | 'post-now' | 'me' | 'help';
  /** `status`: which page of a long list. */
  page?: number;
  channel?: string;
  time?: string;
  zone?: string;
  /** Weekdays as typed (`weekdays`, `mon,wed,fri`); checked by the service. Absent: every day. */
  days?: string;
  /** `set`: open a discussion thread under each post. */
  thread?: boolean;
  /** `set`: a role (Discord) or user group (Slack) id to mention in each post. */
  mention?: string;
  /** `me`: stop the personal takeaway. */
  off?: boolean;
  /** Words the parser could not place (refused with the usage). */
  extra?: string;
}

/** A button: what it is called and what it runs; `publish` posts the answer for everyone to see. */
export interface Action {
  label: 'another' | 'context' | 'switch-lang' | 'previous' | 'next' | 'share' | 'post-now' | 'card';
  request: TalkRequest;
  publish?: boolean;
}

const LANG_CODE: Record<Lang, string> = { zh: 'z', en: 'e', both: 'b' };
const CODE_LANG = Object.fromEntries(Object.entries(LANG_CODE).map(([k, v]) => [v, k])) as Record<
  string,
  Lang
>;
const ID = /^[a-z0-9-]{1,24}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `r|q|e|o1-3` re-runs a quote; `p|…` publishes it. The query, if any, always comes last. */
export function encodeAction(action: Action): string {
  const r = action.request;
  const head = `${action.publish ? 'p' : 'r'}|`;
  const l = LANG_CODE[r.lang];
  switch (r.sub) {
    case 'quote':
      return `${head}q|${l}|${r.id ?? ''}`;
    case 'context':
      return `${head}c|${l}|${r.id}`;
    case 'summary':
      return `${head}m|${l}|${r.topic ?? ''}`;
    case 'search':
      // The page size travels with the page, so Next keeps showing as many results as the first page did.
      return `${head}s|${l}|${r.page ?? 1}${r.limit ? `,${r.limit}` : ''}|${r.query}`;
    case 'takeaway':
      return `${head}k|${l}|${r.date ?? ''}`;
    case 'card':
      // A quote's card by its id; a takeaway's by its id and day (or, without an id, the day's takeaway).
      return r.id ? `${head}cq|${l}|${r.id}` : `${head}ck|${l}|${r.takeaway ?? ''},${r.date ?? ''}`;
    case 'daily':
      return r.action === 'status' ? `${head}ds|${l}|${r.page ?? 1}` : `${head}d|${l}|${r.channel ?? ''}`;
    default:
      return `${head}${r.sub}|${l}`;
  }
}

/** The action behind a button's string, or undefined for anything this version did not write. */
export function decodeAction(value: string): Action | undefined {
  const [verb, code, langCode, ...rest] = value.split('|');
  const lang = CODE_LANG[langCode ?? ''];
  if ((verb !== 'r' && verb !== 'p') || !lang) return undefined;
  const publish = verb === 'p';
  const arg = rest.join('|');
  const wrap = (request: TalkRequest, label: Action['label']): Action => ({ label, request, publish });
  switch (code) {
    case 'q':
      if (arg !== '' && !ID.test(arg)) return undefined;
      return wrap(
        arg ? { sub: 'quote', lang, id: arg } : { sub: 'quote', lang },
        arg ? 'switch-lang' : 'another',
      );
    case 'c':
      return ID.test(arg) ? wrap({ sub: 'context', lang, id: arg }, 'context') : undefined;
    case 'm':
      return arg === '' || ID.test(arg)
        ? wrap({ sub: 'summary', lang, ...(arg ? { topic: arg } : {}) }, 'share')
        : undefined;
    case 's': {
      const [pageText, ...query] = rest;
      const [page, limit] = (pageText ?? '').split(',').map(Number) as [number, number | undefined];
      if (!Number.isInteger(page) || page < 1 || query.length === 0) return undefined;
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 50)) return undefined;
      return wrap({ sub: 'search', lang, page, query: query.join('|'), ...(limit ? { limit } : {}) }, 'next');
    }
    case 'k':
      return arg === '' || DATE.test(arg)
        ? wrap({ sub: 'takeaway', lang, ...(arg ? { date: arg } : {}) }, 'share')
        : undefined;
    case 'cq':
      return ID.test(arg) ? wrap({ sub: 'card', lang, id: arg }, 'card') : undefined;
    case 'ck': {
      const [takeaway = '', date = ''] = arg.split(',');
      if ((takeaway !== '' && !ID.test(takeaway)) || (date !== '' && !DATE.test(date))) return undefined;
      return wrap(
        { sub: 'card', lang, ...(takeaway ? { takeaway } : {}), ...(date ? { date } : {}) },
        'card',
      );
    }
    case 'd':
      return /^[A-Za-z0-9]{1,32}$/.test(arg)
        ? wrap({ sub: 'daily', lang, action: 'post-now', channel: arg }, 'post-now')
        : undefined;
    case 'ds': {
      const page = Number(arg);
      return Number.isInteger(page) && page >= 1 && page <= 1000
        ? wrap({ sub: 'daily', lang, action: 'status', page }, 'next')
        : undefined;
    }
    case 'topics':
    case 'about':
    case 'help':
      return wrap({ sub: code, lang }, 'share');
    default:
      return undefined;
  }
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
