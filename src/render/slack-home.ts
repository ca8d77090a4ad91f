/**
 * The Slack Home tab and the modals it opens to show an answer (a topic's summary, search results). The Home
 * tab is a view, never a message, so it may show a user group as Slack's own `<!subteam^…>` name without
 * notifying anyone. Everything on it has a slash-command equivalent, which it names.
 */

import type { Bilingual } from '../content/schema.js';
import type { HomeView, View } from '../core/views.js';
import { LABELS, truncate, ui } from './common.js';
import { type DailyFormat, describeSchedule } from './daily.js';
import { renderSlack } from './slack.js';
import { escapeMrkdwn, header, md, note, sources } from './slack-blocks.js';
import { SLACK_ACTIONS_ELEMENTS_MAX, SLACK_BUTTON_TEXT_MAX } from './slack-limits.js';

/** Action ids on the Home tab; the adapter listens for exactly these. */
export const HOME_ACTIONS = {
  /** Followed by `:<topic id>` (action ids are unique within a block). */
  summary: 'talk_home:summary',
  search: 'talk_home:search',
  add: 'talk_home:add',
  change: 'talk_home:change',
} as const;

/** Slack: a modal's title, submit and close texts hold at most 24 characters. */
export const SLACK_MODAL_TITLE_MAX = 24;
/** Slack: a Home tab or a modal holds at most 100 blocks. */
export const SLACK_VIEW_BLOCKS_MAX = 100;

type Block = Record<string, unknown>;

const HOME_DAILY: DailyFormat = {
  channel: (id) => `<#${id}>`,
  mention: (id) => `<!subteam^${id}>`,
  viewerTime: (ms) =>
    `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString()}>`,
  escape: escapeMrkdwn,
};

const TEXT = {
  topics: { en: 'Summaries by topic', zh: '按话题总结' },
  search: { en: 'Search the talk', zh: '搜索演讲' },
  searchHint: { en: 'Words in English or Chinese, then Enter', zh: '输入中文或英文,按回车' },
  schedules: { en: 'Daily takeaways in this workspace', zh: '本工作区的每日要点' },
  none: {
    en: 'No channel gets a daily takeaway yet.',
    zh: '还没有频道设置每日要点。',
  },
  add: { en: 'Add a daily takeaway', zh: '添加每日要点' },
  change: { en: 'Change or stop', zh: '修改或停止' },
  adminsOnly: {
    en: 'Workspace admins can add, change and stop these here or with `/talk daily set|off`.',
    zh: '工作区管理员可以在这里或用 `/talk daily set|off` 添加、修改和停止。',
  },
  yours: { en: 'Your own, by direct message', zh: '你的私信要点' },
  yoursHint: {
    en: 'Get the takeaway by direct message at your time: `/talk daily me 08:00 Asia/Shanghai` (add `weekdays` for weekdays only).',
    zh: '在你的时间收到私信要点:`/talk daily me 08:00 Asia/Shanghai`(加 `weekdays` 只在工作日)。',
  },
  commands: {
    en: 'The same as commands: `/talk takeaway`, `/talk summary <topic>`, `/talk search <words>`, `/talk daily status|set|off|me`, `/talk lang zh|en|both`.',
    zh: '对应的命令:`/talk takeaway`、`/talk summary <话题>`、`/talk search <词>`、`/talk daily status|set|off|me`、`/talk lang zh|en|both`。',
  },
} satisfies Record<string, Bilingual>;

const plain = (text: string, max = SLACK_BUTTON_TEXT_MAX) => ({
  type: 'plain_text',
  text: truncate(text, max),
});

export function renderHome(view: HomeView): { type: 'home'; blocks: Block[] } {
  const l = view.lang;
  const u = (t: Bilingual) => escapeMrkdwn(ui(l, t));
  const t = view.takeaway;
  const blocks: Block[] = [
    header(`${ui(l, LABELS.takeawayTitle)} · ${t.date}`),
    md(
      [l !== 'zh' ? `*${escapeMrkdwn(t.text.en)}*` : '', l !== 'en' ? `*${escapeMrkdwn(t.text.zh)}*` : '']
        .filter(Boolean)
        .join('\n'),
    ),
    note(`_${u(t.credit)}_ · ${u(LABELS.sources)} ${sources(t.sources)}`),
    { type: 'divider' },
    md(`*${u(TEXT.topics)}*`),
    {
      type: 'actions',
      block_id: 'talk_home_topics',
      elements: view.topics.slice(0, SLACK_ACTIONS_ELEMENTS_MAX).map((topic) => ({
        type: 'button',
        text: plain(ui(l, topic.title)),
        action_id: `${HOME_ACTIONS.summary}:${topic.id}`,
        value: topic.id,
      })),
    },
    {
      type: 'input',
      block_id: 'talk_home_search',
      // Slack: an input on a Home tab sends its value as an action only with dispatch_action.
      dispatch_action: true,
      label: plain(ui(l, TEXT.search)),
      element: {
        type: 'plain_text_input',
        action_id: HOME_ACTIONS.search,
        max_length: 500,
        placeholder: plain(ui(l, TEXT.searchHint)),
        dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
      },
    },
    { type: 'divider' },
    header(ui(l, TEXT.schedules)),
  ];
  if (view.schedules.length === 0) blocks.push(md(u(TEXT.none)));
  for (const line of view.schedules) {
    blocks.push({
      ...md(`• ${ui(l, describeSchedule(line, HOME_DAILY))}`),
      ...(view.isAdmin
        ? {
            accessory: {
              type: 'button',
              text: plain(ui(l, TEXT.change)),
              action_id: HOME_ACTIONS.change,
              value: line.channel,
            },
          }
        : {}),
    });
  }
  if (view.more > 0)
    blocks.push(
      note(
        l === 'zh'
          ? `……还有 ${view.more} 个:\`/talk daily status\` 列出全部。`
          : `…and ${view.more} more: \`/talk daily status\` lists them all.`,
      ),
    );
  if (view.isAdmin)
    blocks.push({
      type: 'actions',
      block_id: 'talk_home_admin',
      elements: [
        {
          type: 'button',
          text: plain(ui(l, TEXT.add)),
          action_id: HOME_ACTIONS.add,
          value: 'add',
          style: 'primary',
        },
      ],
    });
  else blocks.push(note(u(TEXT.adminsOnly)));
  blocks.push(
    { type: 'divider' },
    md(
      view.personal
        ? `*${u(TEXT.yours)}:* ${ui(l, describeSchedule(view.personal, HOME_DAILY))}`
        : `*${u(TEXT.yours)}:* ${u(TEXT.yoursHint)}`,
    ),
    note(u(TEXT.commands)),
  );
  return { type: 'home', blocks };
}

/** An answer (a summary, search results) in a modal opened from the Home tab, without its buttons. */
export function answerModal(view: View, title: Bilingual): Record<string, unknown> {
  const { blocks } = renderSlack({ ...view, actions: [] }, { ephemeral: true });
  return {
    type: 'modal',
    title: plain(ui(view.lang, title), SLACK_MODAL_TITLE_MAX),
    close: plain(view.lang === 'zh' ? '关闭' : 'Close', SLACK_MODAL_TITLE_MAX),
    blocks: blocks.slice(0, SLACK_VIEW_BLOCKS_MAX),
  };
}
