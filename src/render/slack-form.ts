/**
 * The Home tab's form for a channel's daily takeaway (a Slack modal): channel, time, zone (a select with
 * search, its options loaded as the user types), days, language, thread and mention; when changing one,
 * also "stop". The block ids here are the field names the daily service's refusals use, so a refusal is
 * shown under its field.
 */
import type { Bilingual } from '../content/schema.js';
import type { DailyScheduleLine } from '../core/views.js';
import type { Lang } from '../core/vocabulary.js';
import { describeDays } from '../daily/days.js';
import { WEEKDAYS, type Weekday } from '../daily/store.js';
import { truncate, ui } from './common.js';
import { SLACK_MODAL_TITLE_MAX } from './slack-home.js';

export const DAILY_MODAL = 'talk_daily_modal';
/** The zone select loads its options from the app as the user types. */
export const ZONE_ACTION = 'talk_zone';
const NO_MENTION = 'none';

export interface FormInput {
  lang: Lang;
  /** The schedule being changed; absent when adding one. */
  editing?: DailyScheduleLine | undefined;
  /** The workspace's user groups; undefined when Slack would not list them. */
  groups?: { id: string; handle: string }[] | undefined;
}

/** What the form carries between opening and submission: the channel whose schedule it changes. */
export interface FormMeta {
  channel?: string;
}

const L = {
  title: { en: 'Daily takeaway', zh: '每日要点' },
  save: { en: 'Save', zh: '保存' },
  cancel: { en: 'Cancel', zh: '取消' },
  channel: { en: 'Channel', zh: '频道' },
  channelHint: { en: 'Invite me there first: /invite @talk', zh: '请先在频道里 /invite @talk' },
  time: { en: 'Time (24-hour)', zh: '时间(24小时制)' },
  zone: { en: 'Time zone', zh: '时区' },
  zoneHint: { en: 'Type a city, e.g. Berlin', zh: '输入城市,例如 Shanghai' },
  days: { en: 'Days (in that zone)', zh: '星期(按该时区)' },
  lang: { en: 'Language', zh: '语言' },
  thread: { en: 'Thread', zh: '讨论串' },
  threadOption: {
    en: "Open a thread under each post, with the speaker's original words",
    zh: '在每条要点下开启讨论串,附演讲者原话',
  },
  mention: { en: 'Mention a user group', zh: '提及用户组' },
  noMention: { en: 'No mention', zh: '不提及' },
  noGroups: {
    en: 'User groups could not be listed, so none can be mentioned from here (`/talk daily set … --mention @group` can).',
    zh: '无法列出用户组,因此这里不能设置提及(可用 `/talk daily set … --mention @group`)。',
  },
  stop: { en: 'Stop', zh: '停止' },
  stopOption: { en: 'Stop the daily takeaway in this channel', zh: '停止此频道的每日要点' },
  pickChannel: { en: 'Pick the channel to post in.', zh: '请选择发布的频道。' },
  pickDays: { en: 'Tick at least one day.', zh: '请至少选择一天。' },
} satisfies Record<string, Bilingual>;

/** Refusals only the form itself makes (the rest come from the daily service). */
export const FORM_REFUSALS = { channel: L.pickChannel, days: L.pickDays };

const LANG_OPTIONS: Record<Lang, Bilingual> = {
  both: { en: 'Chinese original + English', zh: '中文原文 + 英文' },
  zh: { en: 'Chinese only', zh: '仅中文' },
  en: { en: 'English only', zh: '仅英文' },
};

const plain = (text: string, max = 75) => ({ type: 'plain_text', text: truncate(text, max) });
const option = (text: string, value: string) => ({ text: plain(text), value });

export function scheduleForm({ lang, editing, groups }: FormInput): Record<string, unknown> {
  const u = (t: Bilingual) => ui(lang, t);
  const days = editing?.days.length ? editing.days : [...WEEKDAYS];
  const dayOption = (d: Weekday) => option(u(describeDays([d])), d);
  const langOption = (l: Lang) => option(u(LANG_OPTIONS[l]), l);
  const threadOption = option(u(L.threadOption), 'thread');
  const group = groups?.find((g) => g.id === editing?.mention);
  const blocks: Record<string, unknown>[] = [
    {
      type: 'input',
      block_id: 'channel',
      label: plain(u(L.channel)),
      hint: plain(u(L.channelHint)),
      element: {
        type: 'conversations_select',
        action_id: 'channel',
        filter: {
          include: ['public', 'private'],
          exclude_bot_users: true,
          exclude_external_shared_channels: true,
        },
        ...(editing ? { initial_conversation: editing.channel } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'time',
      label: plain(u(L.time)),
      element: { type: 'timepicker', action_id: 'time', initial_time: editing?.time ?? '09:00' },
    },
    {
      type: 'input',
      block_id: 'zone',
      label: plain(u(L.zone)),
      element: {
        type: 'external_select',
        action_id: ZONE_ACTION,
        min_query_length: 0,
        placeholder: plain(u(L.zoneHint)),
        ...(editing ? { initial_option: option(editing.zone, editing.zone) } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'days',
      label: plain(u(L.days)),
      element: {
        type: 'checkboxes',
        action_id: 'days',
        options: WEEKDAYS.map(dayOption),
        initial_options: days.map(dayOption),
      },
    },
    {
      type: 'input',
      block_id: 'lang',
      label: plain(u(L.lang)),
      element: {
        type: 'static_select',
        action_id: 'lang',
        options: (['both', 'zh', 'en'] as const).map(langOption),
        initial_option: langOption(editing?.lang ?? 'both'),
      },
    },
    {
      type: 'input',
      block_id: 'thread',
      optional: true,
      label: plain(u(L.thread)),
      element: {
        type: 'checkboxes',
        action_id: 'thread',
        options: [threadOption],
        ...(editing?.thread ? { initial_options: [threadOption] } : {}),
      },
    },
    groups
      ? {
          type: 'input',
          block_id: 'mention',
          optional: true,
          label: plain(u(L.mention)),
          element: {
            type: 'static_select',
            action_id: 'mention',
            options: [
              option(u(L.noMention), NO_MENTION),
              ...groups.slice(0, 99).map((g) => option(`@${g.handle}`, g.id)),
            ],
            initial_option: group ? option(`@${group.handle}`, group.id) : option(u(L.noMention), NO_MENTION),
          },
        }
      : { type: 'context', block_id: 'mention', elements: [{ type: 'mrkdwn', text: u(L.noGroups) }] },
  ];
  if (editing)
    blocks.push({
      type: 'input',
      block_id: 'stop',
      optional: true,
      label: plain(u(L.stop)),
      element: { type: 'checkboxes', action_id: 'stop', options: [option(u(L.stopOption), 'stop')] },
    });
  const meta: FormMeta = editing ? { channel: editing.channel } : {};
  return {
    type: 'modal',
    callback_id: DAILY_MODAL,
    private_metadata: JSON.stringify(meta),
    title: plain(u(L.title), SLACK_MODAL_TITLE_MAX),
    submit: plain(u(L.save), SLACK_MODAL_TITLE_MAX),
    close: plain(u(L.cancel), SLACK_MODAL_TITLE_MAX),
    blocks,
  };
}

/** The submitted form, as the daily service takes it (`days` empty when none was ticked). */
export interface FormValues {
  channel?: string | undefined;
  /** When changing a schedule: its channel before (a different pick moves the schedule). */
  editing?: string | undefined;
  time?: string | undefined;
  zone?: string | undefined;
  days: Weekday[];
  lang?: Lang | undefined;
  thread: boolean;
  mention?: string | undefined;
  stop: boolean;
}

type StateValue = {
  selected_conversation?: string | null;
  selected_time?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
};

export function readForm(
  values: Record<string, Record<string, StateValue>>,
  privateMetadata: string | undefined,
): FormValues {
  const get = (block: string, action: string) => values[block]?.[action];
  let meta: FormMeta = {};
  try {
    meta = JSON.parse(privateMetadata || '{}') as FormMeta;
  } catch {
    // A form of another version: read what is there.
  }
  const mention = get('mention', 'mention')?.selected_option?.value;
  const lang = get('lang', 'lang')?.selected_option?.value;
  return {
    channel: get('channel', 'channel')?.selected_conversation ?? undefined,
    editing: meta.channel,
    time: get('time', 'time')?.selected_time ?? undefined,
    zone: get('zone', ZONE_ACTION)?.selected_option?.value,
    days: (get('days', 'days')?.selected_options ?? [])
      .map((o) => o.value)
      .filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d)),
    lang: lang === 'zh' || lang === 'en' || lang === 'both' ? lang : undefined,
    thread: (get('thread', 'thread')?.selected_options ?? []).length > 0,
    mention: mention && mention !== NO_MENTION ? mention : undefined,
    stop: (get('stop', 'stop')?.selected_options ?? []).length > 0,
  };
}
