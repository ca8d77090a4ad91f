/**
 * The `/talk daily …` vocabulary, declared once: actions, their options, usage and Chinese localisations.
 * Discord's subcommand group, the text parser, help and the metrics labels are derived from it.
 */
import type { Bilingual } from '../content/schema.js';

/** `/talk daily …`: a subcommand group on Discord, words after `daily` in text form. */
export const DAILY_ACTION_NAMES = ['set', 'off', 'status', 'preview', 'me'] as const;
export type DailyActionName = (typeof DAILY_ACTION_NAMES)[number];

export interface DailyOptionSpec {
  name: 'channel' | 'time' | 'timezone' | 'lang' | 'days' | 'thread' | 'mention' | 'off';
  nameZh: string;
  description: Bilingual;
  required: boolean;
  kind: 'channel' | 'string' | 'boolean' | 'role';
  autocomplete?: boolean;
}

export const DAILY_GROUP = {
  name: 'daily',
  nameZh: '每日',
  description: { en: 'Post one takeaway a day to a channel', zh: '每天向频道发布一条要点' },
} as const;

const dailyChannel = (required: boolean): DailyOptionSpec => ({
  name: 'channel',
  nameZh: '频道',
  description: { en: 'The channel to post in', zh: '发布的频道' },
  required,
  kind: 'channel',
});
const dailyTime = (required: boolean): DailyOptionSpec => ({
  name: 'time',
  nameZh: '时间',
  description: { en: '24-hour time, e.g. 09:00', zh: '24小时制时间,例如 09:00' },
  required,
  kind: 'string',
});
const dailyZone = (required: boolean): DailyOptionSpec => ({
  name: 'timezone',
  nameZh: '时区',
  description: { en: 'IANA time zone, e.g. Asia/Shanghai', zh: 'IANA 时区,例如 Asia/Shanghai' },
  required,
  kind: 'string',
  autocomplete: true,
});
const dailyDays: DailyOptionSpec = {
  name: 'days',
  nameZh: '日期',
  description: {
    en: 'every day (default), weekdays, weekends or e.g. mon,wed,fri',
    zh: '每天(默认)、工作日、周末或如 mon,wed,fri',
  },
  required: false,
  kind: 'string',
  autocomplete: true,
};
const dailyLang: DailyOptionSpec = {
  name: 'lang',
  nameZh: '语言',
  description: { en: 'Language of the posts', zh: '发布的语言' },
  required: false,
  kind: 'string',
};

export const DAILY_ACTIONS: readonly {
  name: DailyActionName;
  nameZh: string;
  usage: string;
  description: Bilingual;
  options: DailyOptionSpec[];
}[] = [
  {
    name: 'set',
    nameZh: '设置',
    usage: 'daily set #channel HH:MM Area/City [--days mon-fri] [--thread] [--mention @group]',
    description: {
      en: 'Post a takeaway at a time, every day or on chosen days (admins)',
      zh: '定时发布要点,每天或在指定的日子(管理员)',
    },
    options: [
      dailyChannel(true),
      dailyTime(true),
      dailyZone(true),
      dailyLang,
      dailyDays,
      {
        name: 'thread',
        nameZh: '讨论串',
        description: { en: 'Open a discussion thread under each post', zh: '在每条要点下开启讨论串' },
        required: false,
        kind: 'boolean',
      },
      {
        name: 'mention',
        nameZh: '提及',
        description: {
          en: 'A role to mention in each post (off by default)',
          zh: '每条要点提及的身份组(默认不提及)',
        },
        required: false,
        kind: 'role',
      },
    ],
  },
  {
    name: 'off',
    nameZh: '停止',
    usage: 'daily off [#channel]',
    description: { en: 'Stop the daily takeaway (admins)', zh: '停止每日要点(管理员)' },
    options: [dailyChannel(false)],
  },
  {
    name: 'status',
    nameZh: '状态',
    usage: 'daily status',
    description: { en: 'Every daily schedule here', zh: '这里的所有每日要点' },
    options: [],
  },
  {
    name: 'preview',
    nameZh: '预览',
    usage: 'daily preview [#channel]',
    description: { en: "A channel's next takeaway, just for you", zh: '预览频道的下一条要点' },
    options: [dailyChannel(false)],
  },
  {
    name: 'me',
    nameZh: '我的',
    usage: 'daily me HH:MM Area/City [days] [zh|en|both] | daily me off',
    description: { en: 'Your own takeaway by direct message each day', zh: '每天私信给你的要点' },
    options: [
      dailyTime(false),
      dailyZone(false),
      dailyDays,
      dailyLang,
      {
        name: 'off',
        nameZh: '停止',
        description: { en: 'Stop your daily direct message', zh: '停止每日私信' },
        required: false,
        kind: 'boolean',
      },
    ],
  },
];
