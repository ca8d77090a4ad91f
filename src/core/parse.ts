/**
 * Parses `/talk` typed as text (Slack, the local console, the CLI) into a TalkRequest. Flags may stand
 * anywhere and in any case: `--lang zh|en|both` (or `--zh`, `--en`, `--both`), `--json`, `--id ID` (quote),
 * `--limit N` and `--page N` (search). A flag where it does not apply, or words a subcommand does not take,
 * are refused with the reason rather than silently ignored.
 */
import type { Bilingual } from '../content/schema.js';
import { type DailyRequest, isLang, type TalkRequest } from './actions.js';
import { parseDay } from './dates.js';
import { stripMarkers } from './markup.js';
import {
  COMMAND_NAME,
  DAILY_ACTION_NAMES,
  type Lang,
  SUBCOMMAND_NAMES,
  type SubcommandName,
  USAGE,
} from './vocabulary.js';

export type Parsed =
  | { ok: true; request: TalkRequest; json: boolean }
  | { ok: false; lang: Lang; message: Bilingual };

export const SEARCH_LIMIT_MAX = 50;
/** How much of what someone typed is repeated back in an answer. */
const ECHO_MAX = 40;

type FlagName = 'lang' | 'json' | 'id' | 'limit' | 'page';
/** Which subcommands a flag applies to (absent: every one). */
const FLAG_APPLIES: Partial<Record<FlagName, SubcommandName[]>> = {
  id: ['quote'],
  limit: ['search'],
  page: ['search'],
};
/** Subcommands that take no words after their name. */
const NO_WORDS: ReadonlySet<SubcommandName> = new Set(['topics', 'about']);

/** What someone typed, cut for repeating back (a 5,000-character typo is not echoed in full). */
export function echo(text: string): string {
  const chars = [...stripMarkers(text)];
  return chars.length <= ECHO_MAX ? chars.join('') : `${chars.slice(0, ECHO_MAX - 1).join('')}…`;
}

export function parseCommand(input: string, defaultLang: Lang = 'both'): Parsed {
  const words = stripMarkers(input).trim().split(/\s+/).filter(Boolean);
  if (words[0]?.toLowerCase() === `/${COMMAND_NAME}` || words[0]?.toLowerCase() === COMMAND_NAME)
    words.shift();

  let lang = defaultLang;
  let json = false;
  let id: string | undefined;
  let limit: number | undefined;
  let page: number | undefined;
  const given: FlagName[] = [];
  const rest: string[] = [];
  const invalid = (en: string, zh: string): Parsed => ({ ok: false, lang, message: { en, zh } });

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--') || word === '--') {
      rest.push(word);
      continue;
    }
    const [rawFlag, inline] = word.slice(2).split('=', 2) as [string, string | undefined];
    const flag = rawFlag.toLowerCase();
    const value = () => inline ?? words[++i];
    switch (flag) {
      case 'zh':
      case 'en':
      case 'both':
        lang = flag;
        given.push('lang');
        break;
      case 'lang': {
        const v = value()?.toLowerCase();
        if (!isLang(v))
          return invalid(
            '`--lang` takes zh, en or both, e.g. `--lang zh`.',
            '`--lang` 可选 zh、en 或 both,例如 `--lang zh`。',
          );
        lang = v;
        given.push('lang');
        break;
      }
      case 'json':
        json = true;
        given.push('json');
        break;
      case 'id':
        id = value();
        if (!id)
          return invalid(
            '`--id` needs a passage id, e.g. `--id o1-3`.',
            '`--id` 需要段落编号,例如 `--id o1-3`。',
          );
        given.push('id');
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
        given.push(flag);
        break;
      }
      default:
        return invalid(
          `Unknown option \`--${echo(rawFlag)}\`. The options are --lang, --zh, --en, --both, --json, --id (quote), --limit and --page (search).`,
          `未知选项 \`--${echo(rawFlag)}\`。可用选项:--lang、--zh、--en、--both、--json、--id(quote)、--limit 和 --page(search)。`,
        );
    }
  }

  const [first, ...args] = rest;
  const arg = args.join(' ');
  if (first === undefined) return { ok: true, json, request: { sub: 'help', lang } };
  const sub = first.toLowerCase();
  if (sub === 'daily') return { ok: true, json, request: parseDaily(args, lang) };
  if (!(SUBCOMMAND_NAMES as readonly string[]).includes(sub)) {
    return { ok: true, json, request: { sub: 'help', lang, unknown: echo(first) } };
  }
  const name = sub as SubcommandName;
  for (const flag of given) {
    const applies = FLAG_APPLIES[flag];
    if (applies && !applies.includes(name))
      return invalid(
        `\`--${flag}\` applies to \`${applies.join('`, `')}\` only, not \`${name}\`.`,
        `\`--${flag}\` 只适用于 \`${applies.join('`、`')}\`,不适用于 \`${name}\`。`,
      );
  }
  if (arg !== '' && (NO_WORDS.has(name) || (name === 'help' && !isSubcommand(arg))))
    return invalid(
      `\`${name}\` takes no words (you added “${echo(arg)}”). Usage: \`${USAGE[name]}\``,
      `\`${name}\` 后面不需要内容(你输入了“${echo(arg)}”)。用法:\`${USAGE[name]}\``,
    );
  if (name === 'takeaway' && arg !== '') {
    const day = parseDay(arg);
    if (!day)
      return invalid(
        `“${echo(arg)}” is not a date I can use. Try \`takeaway today\`, \`takeaway tomorrow\` or a date such as \`takeaway 2026-03-01\` (2000 to 2099).`,
        `“${echo(arg)}”不是可用的日期。可以试试 \`takeaway 今天\`、\`takeaway 明天\` 或 \`takeaway 2026-03-01\` 这样的日期(2000 至 2099 年)。`,
      );
    return { ok: true, json, request: { sub: 'takeaway', lang, ...day } };
  }
  return { ok: true, json, request: toRequest(name, arg, lang, { id, limit, page }) };
}

function isSubcommand(word: string): boolean {
  return (
    (SUBCOMMAND_NAMES as readonly string[]).includes(word.toLowerCase()) || word.toLowerCase() === 'daily'
  );
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
    default:
      return { sub, lang } as TalkRequest;
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
