/**
 * Parses `/talk` typed as text (Slack, the local console, the CLI) into a TalkRequest. Flags may stand
 * anywhere: `--lang zh|en|both` (or `--zh`, `--en`, `--both`), `--json`, `--id ID`, `--limit N`, `--page N`.
 */
import type { Bilingual } from '../content/schema.js';
import { type DailyRequest, isLang, type TalkRequest } from './actions.js';
import {
  COMMAND_NAME,
  DAILY_ACTION_NAMES,
  type Lang,
  SUBCOMMAND_NAMES,
  type SubcommandName,
} from './vocabulary.js';

export type Parsed =
  | { ok: true; request: TalkRequest; json: boolean }
  | { ok: false; lang: Lang; message: Bilingual };

const SEARCH_LIMIT_MAX = 50;

export function parseCommand(text: string, defaultLang: Lang = 'both'): Parsed {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words[0] === `/${COMMAND_NAME}` || words[0] === COMMAND_NAME) words.shift();

  let lang = defaultLang;
  let json = false;
  let id: string | undefined;
  let limit: number | undefined;
  let page: number | undefined;
  const rest: string[] = [];
  const invalid = (en: string, zh: string): Parsed => ({ ok: false, lang, message: { en, zh } });

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--') || word === '--') {
      rest.push(word);
      continue;
    }
    const [flag, inline] = word.slice(2).split('=', 2) as [string, string | undefined];
    const value = () => inline ?? words[++i];
    switch (flag.toLowerCase()) {
      case 'zh':
      case 'en':
      case 'both':
        lang = flag.toLowerCase() as Lang;
        break;
      case 'lang': {
        const v = value()?.toLowerCase();
        if (!isLang(v))
          return invalid(
            '`--lang` takes zh, en or both, e.g. `--lang zh`.',
            '`--lang` 可选 zh、en 或 both,例如 `--lang zh`。',
          );
        lang = v;
        break;
      }
      case 'json':
        json = true;
        break;
      case 'id':
        id = value();
        if (!id)
          return invalid(
            '`--id` needs a passage id, e.g. `--id o1-3`.',
            '`--id` 需要段落编号,例如 `--id o1-3`。',
          );
        break;
      case 'limit':
      case 'page': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || (flag === 'limit' && n > SEARCH_LIMIT_MAX)) {
          return invalid(
            `\`--${flag}\` takes a whole number${flag === 'limit' ? ` from 1 to ${SEARCH_LIMIT_MAX}` : ' from 1'}.`,
            `\`--${flag}\` 需要${flag === 'limit' ? `1到${SEARCH_LIMIT_MAX}之间的` : '大于0的'}整数。`,
          );
        }
        if (flag === 'limit') limit = n;
        else page = n;
        break;
      }
      default:
        return invalid(
          `Unknown option \`--${flag}\`. Try \`help\`.`,
          `未知选项 \`--${flag}\`,试试 \`help\`。`,
        );
    }
  }

  const [first, ...args] = rest;
  const arg = args.join(' ');
  if (first === undefined) return { ok: true, json, request: { sub: 'help', lang } };
  const sub = first.toLowerCase();
  if (sub === 'daily') return { ok: true, json, request: parseDaily(args, lang) };
  if (!(SUBCOMMAND_NAMES as readonly string[]).includes(sub)) {
    return { ok: true, json, request: { sub: 'help', lang, unknown: first } };
  }
  return { ok: true, json, request: toRequest(sub as SubcommandName, arg, lang, { id, limit, page }) };
}

function toRequest(
  sub: SubcommandName,
  arg: string,
  lang: Lang,
  flags: { id?: string | undefined; limit?: number | undefined; page?: number | undefined },
): TalkRequest {
  switch (sub) {
    case 'quote':
      return { sub, lang, ...(arg ? { query: arg } : {}), ...(flags.id ? { id: flags.id } : {}) };
    case 'summary':
      return { sub, lang, ...(arg ? { topic: arg } : {}) };
    case 'search':
      return {
        sub,
        lang,
        query: arg,
        ...(flags.page ? { page: flags.page } : {}),
        ...(flags.limit ? { limit: flags.limit } : {}),
      };
    case 'takeaway':
      return { sub, lang, ...(/^\d{4}-\d{2}-\d{2}$/.test(arg) ? { date: arg } : {}) };
    default:
      return { sub, lang };
  }
}

/** Slack sends a picked channel as `<#C123|name>` (or `<#C123>`); a bare id is accepted too. */
export function channelId(token: string): string | undefined {
  const linked = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(token);
  if (linked) return linked[1];
  return /^[A-Z0-9]{8,}$|^\d{17,20}$/.test(token) ? token : undefined;
}

/** `daily set #channel 09:00 Europe/Berlin`: the channel, time and zone are told apart by their shape. */
function parseDaily(args: string[], lang: Lang): DailyRequest {
  const [actionWord, ...rest] = args;
  const action = (DAILY_ACTION_NAMES as readonly string[]).includes(actionWord?.toLowerCase() ?? '')
    ? (actionWord!.toLowerCase() as DailyRequest['action'])
    : 'help';
  const request: DailyRequest = { sub: 'daily', lang, action };
  for (const token of rest) {
    const channel = channelId(token);
    if (channel && !request.channel) request.channel = channel;
    else if (token.startsWith('#') && !request.channel) request.channel = token;
    else if ((token.includes('/') || /^(utc|gmt)$/i.test(token)) && !request.zone) request.zone = token;
    else if (/\d/.test(token) && !request.time) request.time = token;
    else if (!request.zone) request.zone = token;
  }
  return request;
}
