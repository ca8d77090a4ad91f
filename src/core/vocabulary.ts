/**
 * The `/talk` vocabulary, declared once: subcommands, their options, descriptions and Chinese
 * localisations. Discord's command definitions, the Slack and console text parser, the help text and the
 * CLI are all derived from this list.
 */
import type { Bilingual } from '../content/schema.js';

export const COMMAND_NAME = 'talk';
export const COMMAND_DESCRIPTION: Bilingual = {
  en: "Quote, search and summarise Yang Zhilin's talk on OpenAI o1",
  zh: '引用、搜索和总结杨植麟关于OpenAI o1的分享',
};

export const LANGS = ['zh', 'en', 'both'] as const;
export type Lang = (typeof LANGS)[number];

export interface OptionSpec {
  name: 'query' | 'topic' | 'lang' | 'language';
  /** The option's name in Chinese, shown by Discord to Chinese-locale users. */
  nameZh: string;
  maxLength?: number;
  description: Bilingual;
  required: boolean;
  autocomplete?: boolean;
  choices?: { value: Lang | 'reset'; name: Bilingual }[];
}

export interface SubcommandSpec {
  name: SubcommandName;
  nameZh: string;
  description: Bilingual;
  options: OptionSpec[];
}

export const SUBCOMMAND_NAMES = [
  'quote',
  'summary',
  'search',
  'topics',
  'takeaway',
  'card',
  'about',
  'lang',
  'help',
] as const;
export type SubcommandName = (typeof SUBCOMMAND_NAMES)[number];

/** Discord: option and choice names are 1-32 characters, descriptions 1-100. */
const LANG_CHOICES: { value: Lang; name: Bilingual }[] = [
  { value: 'both', name: { en: 'Chinese original + English', zh: '中文原文 + 英文' } },
  { value: 'zh', name: { en: 'Chinese only', zh: '仅中文' } },
  { value: 'en', name: { en: 'English only', zh: '仅英文' } },
];

const langOption: OptionSpec = {
  name: 'lang',
  nameZh: '语言',
  description: { en: 'Language of the answer', zh: '回答的语言' },
  required: false,
  choices: LANG_CHOICES,
};

export const SUBCOMMANDS: readonly SubcommandSpec[] = [
  {
    name: 'quote',
    nameZh: '引用',
    description: {
      en: 'A quote from the talk: random, or the best match for your words',
      zh: '引用演讲原话:随机,或最匹配你的关键词',
    },
    options: [
      {
        name: 'query',
        nameZh: '内容',
        description: { en: 'What the quote should be about', zh: '想引用的内容' },
        required: false,
        autocomplete: true,
        maxLength: 2000,
      },
      langOption,
    ],
  },
  {
    name: 'summary',
    nameZh: '总结',
    description: {
      en: 'A summary of the whole talk or one topic, with sources',
      zh: '演讲或某个话题的总结,附出处',
    },
    options: [
      {
        name: 'topic',
        nameZh: '话题',
        description: { en: 'Topic, e.g. rl, data wall, 强化学习', zh: '话题,例如 rl、数据墙、强化学习' },
        required: false,
        autocomplete: true,
        maxLength: 100,
      },
      langOption,
    ],
  },
  {
    name: 'search',
    nameZh: '搜索',
    description: { en: 'Search the talk in English or Chinese', zh: '用中文或英文搜索演讲内容' },
    options: [
      {
        name: 'query',
        nameZh: '内容',
        description: { en: 'Words to look for', zh: '要搜索的词' },
        required: true,
        maxLength: 2000,
      },
      langOption,
    ],
  },
  {
    name: 'topics',
    nameZh: '话题列表',
    description: { en: 'The topics the talk covers', zh: '演讲涉及的话题' },
    options: [],
  },
  {
    name: 'takeaway',
    nameZh: '要点',
    description: { en: "Today's takeaway from the talk", zh: '今日要点' },
    options: [langOption],
  },
  {
    name: 'card',
    nameZh: '卡片',
    description: {
      en: 'A quote or a takeaway as an image to share (PNG)',
      zh: '把引用或要点做成可分享的图片(PNG)',
    },
    options: [
      {
        name: 'query',
        nameZh: '内容',
        description: {
          en: 'Words or a #id for a quote; "takeaway" (and a date) for a takeaway',
          zh: '引用的关键词或 #编号;要点请写 takeaway(可加日期)',
        },
        required: false,
        autocomplete: true,
        maxLength: 2000,
      },
      langOption,
    ],
  },
  {
    name: 'about',
    nameZh: '关于',
    description: { en: 'About the talk and this bot', zh: '关于这场演讲和本机器人' },
    options: [],
  },
  {
    name: 'lang',
    nameZh: '语言',
    description: {
      en: 'Remember the language I answer you in (reset forgets it)',
      zh: '记住回答你时用的语言(reset 忘记)',
    },
    options: [
      {
        name: 'language',
        nameZh: '语言',
        description: { en: 'The language of every answer to you', zh: '回答你时使用的语言' },
        required: true,
        choices: [...LANG_CHOICES, { value: 'reset', name: { en: 'Forget my choice', zh: '忘记我的选择' } }],
      },
    ],
  },
  {
    name: 'help',
    nameZh: '帮助',
    description: { en: 'How to use /talk', zh: '/talk 使用说明' },
    options: [],
  },
];

/** How each subcommand is typed in text form (Slack, console, CLI). */
export const USAGE: Record<SubcommandName, string> = {
  quote: 'quote [words]',
  summary: 'summary [topic]',
  search: 'search <words>',
  topics: 'topics',
  takeaway: 'takeaway',
  card: 'card [words|#id|takeaway [date]]',
  about: 'about',
  lang: 'lang zh|en|both|reset',
  help: 'help',
};

/**
 * Which answers everyone in the channel sees. Quotes, summaries, takeaways and their cards are worth sharing
 * and are public; search pages, lists, help and every error are shown only to the asker. Buttons answer only
 * the clicker, except Share and Card, which post publicly. Discord and Slack follow the same rule.
 */
export const PUBLIC_SUBCOMMANDS: ReadonlySet<string> = new Set(['quote', 'summary', 'takeaway', 'card']);

/**
 * The right-click command on a message (Discord: an application command of type MESSAGE; Slack: a message
 * shortcut). Discord: a MESSAGE command's name is 1-32 characters and may hold capitals and spaces.
 */
export const FIND_COMMAND = {
  name: 'Find in the talk',
  nameZh: '在演讲中查找',
  /** The Slack shortcut's callback id, as the manifests declare it. */
  callbackId: 'find_in_talk',
  description: {
    en: 'Find what the talk says about this message',
    zh: '在演讲中查找与这条消息相关的内容',
  },
} as const;
