/**
 * Parses `/talk` typed as text (Slack, the local console, the CLI) into a TalkRequest. Flags may stand
 * anywhere and in any case: `--lang zh|en|both` (or `--zh`, `--en`, `--both`), `--json`, `--id ID` (quote),
 * `--limit N` and `--page N` (search). A flag where it does not apply, or words a subcommand does not take,
 * are refused with the reason rather than silently ignored.
 */
import type { Bilingual } from '../content/schema.js';
import { parseDays } from '../daily/days.js';
import { type DailyRequest, isLang, type TalkRequest } from './actions.js';
import { DAILY_ACTION_NAMES } from './daily-vocabulary.js';
import { parseDay } from './dates.js';
import { stripMarkers } from './markup.js';
import { COMMAND_NAME, type Lang, SUBCOMMAND_NAMES, type SubcommandName, USAGE } from './vocabulary.js';

export type Parsed =
  | { ok: true; request: TalkRequest; json: boolean }
  | { ok: false; lang: Lang; message: Bilingual };

export const SEARCH_LIMIT_MAX = 50;
/** How much of what someone typed is repeated back in an answer. */
const ECHO_MAX = 40;

type FlagName = 'lang' | 'json' | 'id' | 'limit' | 'page' | 'days' | 'thread' | 'mention';
/** Which subcommands a flag applies to (absent: every one). */
const FLAG_APPLIES: Partial<Record<FlagName, SubcommandName[]>> = {
  id: ['quote', 'card'],
  limit: ['search'],
  page: ['search'],
};
/** Flags of `/talk daily` only, and the daily actions they apply to. */
const DAILY_FLAGS: Partial<Record<FlagName, DailyRequest['action'][]>> = {
  days: ['set', 'me'],
  thread: ['set'],
  mention: ['set'],
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
  const daily: DailyFlags = {};
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
      case 'days': {
        let v = value();
        // `--days every day` is two words.
        if (v?.toLowerCase() === 'every' && words[i + 1]?.toLowerCase() === 'day') v = `${v} ${words[++i]}`;
        if (!v)
          return invalid(
            '`--days` needs days, e.g. `--days weekdays` or `--days mon,wed,fri`.',
            '`--days` 需要指定星期,例如 `--days weekdays` 或 `--days mon,wed,fri`。',
          );
        daily.days = v;
        given.push('days');
        break;
      }
      case 'thread':
        daily.thread = true;
        given.push('thread');
        break;
      case 'mention': {
        const v = value();
        if (!v)
          return invalid(
            '`--mention` needs a user group: type @ and pick it, e.g. `--mention @ai-team`.',
            '`--mention` 需要一个用户组:输入 @ 后选择,例如 `--mention @ai-team`。',
          );
        daily.mention = v;
        given.push('mention');
        break;
      }
      default:
        return invalid(
          `Unknown option \`--${echo(rawFlag)}\`. The options are --lang, --zh, --en, --both, --json, --id (quote, card), --limit and --page (search), --days, --thread and --mention (daily).`,
          `未知选项 \`--${echo(rawFlag)}\`。可用选项:--lang、--zh、--en、--both、--json、--id(quote、card)、--limit 和 --page(search)、--days、--thread 和 --mention(daily)。`,
        );
    }
  }

  const [first, ...args] = rest;
  const arg = args.join(' ');
  if (first === undefined) return { ok: true, json, request: { sub: 'help', lang } };
  const sub = first.toLowerCase();
  if (sub === 'daily') {
    const request = parseDaily(args, lang, daily);
    for (const flag of given) {
      const applies = DAILY_FLAGS[flag];
      if (applies && !applies.includes(request.action))
        return invalid(
          `\`--${flag}\` applies to \`${applies.map((a) => `daily ${a}`).join('`, `')}\` only.`,
          `\`--${flag}\` 只适用于 \`${applies.map((a) => `daily ${a}`).join('`、`')}\`。`,
        );
    }
    return { ok: true, json, request };
  }
  const dailyFlag = given.find((f) => DAILY_FLAGS[f]);
  if (dailyFlag)
    return invalid(
      `\`--${dailyFlag}\` applies to \`daily\` only.`,
      `\`--${dailyFlag}\` 只适用于 \`daily\`。`,
    );
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
  if (name === 'lang') {
    const choice = arg.toLowerCase();
    if (choice === '') return { ok: true, json, request: { sub: 'lang', lang } };
    if (choice === 'reset' || choice === 'forget')
      return { ok: true, json, request: { sub: 'lang', lang, set: 'reset' } };
    if (!isLang(choice))
      return invalid(
        `\`lang\` takes zh, en, both or reset (you wrote “${echo(arg)}”), e.g. \`lang zh\`.`,
        `\`lang\` 可选 zh、en、both 或 reset(你输入了“${echo(arg)}”),例如 \`lang zh\`。`,
      );
    // The answer to the choice is already in the chosen language.
    return {
      ok: true,
      json,
      request: { sub: 'lang', lang: given.includes('lang') ? lang : choice, set: choice },
    };
  }
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
    case 'card':
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

interface DailyFlags {
  days?: string;
  thread?: boolean;
  mention?: string;
}

/**
 * `daily set #channel 09:00 Europe/Berlin weekdays`, `daily me 08:00 Asia/Shanghai mon-fri zh`: the channel,
 * time, zone, days and language are told apart by their shape. A word that fits nowhere is kept as `extra`
 * (or, when the zone or days are still missing, taken as them), so the service can refuse it with an example.
 */
function parseDaily(args: string[], lang: Lang, flags: DailyFlags): DailyRequest {
  const [actionWord, ...words] = args;
  const action = (DAILY_ACTION_NAMES as readonly string[]).includes(actionWord?.toLowerCase() ?? '')
    ? (actionWord!.toLowerCase() as DailyRequest['action'])
    : 'help';
  const request: DailyRequest = { sub: 'daily', lang, action, ...flags };
  const extra: string[] = [];
  const rest = words
    .join(' ')
    .replace(/\bevery day\b/gi, 'every-day')
    .split(' ')
    .filter(Boolean);
  for (const token of rest) {
    const lower = token.toLowerCase();
    const channel = channelId(token);
    if (channel && !request.channel) request.channel = channel;
    else if (token.startsWith('#') && !request.channel) request.channel = token;
    else if ((token.includes('/') || /^(utc|gmt)$/i.test(token)) && !request.zone) request.zone = token;
    else if (/\d/.test(token) && !request.time) request.time = token;
    else if (isLang(lower)) request.lang = lower;
    else if (action === 'me' && lower === 'off') request.off = true;
    else if (!request.days && parseDays(token)) request.days = token;
    else if (!request.zone) request.zone = token;
    else if (!request.days) request.days = token;
    else extra.push(token);
  }
  if (extra.length > 0) request.extra = extra.join(' ');
  return request;
}
