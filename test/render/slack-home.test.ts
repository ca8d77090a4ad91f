/**
 * The Slack Home tab block by block: today's takeaway credited as ours, a button per topic, the search box,
 * the workspace's schedules (changeable by admins only), the reader's own takeaway, and the commands that do
 * the same; and the modals it opens.
 */
import { describe, expect, it } from 'vitest';
import type { DailyScheduleLine, HomeView, TakeawayView } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { answerModal, HOME_ACTIONS, renderHome } from '../../src/render/slack-home.js';
import { makeTalk } from '../helpers.js';

const talk = makeTalk();
type Block = Record<string, any>;

const line = (channel: string, extra: Partial<DailyScheduleLine> = {}): DailyScheduleLine => ({
  channel,
  target: 'channel',
  time: '09:00',
  zone: 'UTC',
  lang: 'en',
  days: [],
  thread: false,
  next: {
    local: '2026-03-30 09:00 UTC',
    utc: '2026-03-30 09:00 UTC',
    epochMs: Date.parse('2026-03-30T09:00:00Z'),
  },
  ...extra,
});

function home(lang: Lang, extra: Partial<HomeView> = {}): HomeView {
  const takeaway = talk.takeaway(lang, '2026-03-30') as TakeawayView;
  return {
    kind: 'home',
    lang,
    takeaway: { ...takeaway, text: { en: 'Data is a variable & <more>', zh: '数据是变量' } },
    topics: talk.topics(lang).topics.slice(0, 2),
    schedules: [],
    more: 0,
    isAdmin: false,
    ...extra,
  };
}
const blocks = (view: HomeView) => renderHome(view).blocks as Block[];
const texts = (bs: Block[]) =>
  bs.map((b) => b.text?.text ?? b.elements?.map((e: Block) => e.text?.text ?? e.text).join(' | ') ?? b.type);

describe('the Home tab', () => {
  it('opens with today’s takeaway, escaped and credited, then the topics and the search box', () => {
    const bs = blocks(home('en'));
    const t = talk.takeaway('en', '2026-03-30') as TakeawayView;
    expect(texts(bs.slice(0, 5))).toEqual([
      'Takeaway of the day · 2026-03-30',
      '*Data is a variable &amp; &lt;more&gt;*',
      `_${t.credit.en.replace(/&/g, '&amp;')}_ · Sources ${t.sources.map((s) => `\`#${s.id}\``).join(' ')}`,
      'divider',
      '*Summaries by topic*',
    ]);
    expect(bs[5]).toEqual({
      type: 'actions',
      block_id: 'talk_home_topics',
      elements: home('en').topics.map((topic) => ({
        type: 'button',
        text: { type: 'plain_text', text: topic.title.en },
        action_id: `${HOME_ACTIONS.summary}:${topic.id}`,
        value: topic.id,
      })),
    });
    expect(bs[6]).toMatchObject({
      type: 'input',
      block_id: 'talk_home_search',
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Search the talk' },
      element: {
        type: 'plain_text_input',
        action_id: HOME_ACTIONS.search,
        max_length: 500,
        placeholder: { text: 'Words in English or Chinese, then Enter' },
        dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
      },
    });
  });

  it('shows both texts of the takeaway in both languages, and only its own in one', () => {
    expect(texts(blocks(home('both')))[1]).toBe('*Data is a variable &amp; &lt;more&gt;*\n*数据是变量*');
    expect(texts(blocks(home('zh')))[1]).toBe('*数据是变量*');
    expect(texts(blocks(home('zh'))).slice(-6, -4)).toEqual([
      '本工作区的每日要点',
      '还没有频道设置每日要点。',
    ]);
  });

  it('offers at most 25 topic buttons', () => {
    const topics = Array.from({ length: 30 }, (_, i) => ({
      id: `t${i}`,
      title: { en: `T${i}`, zh: `T${i}` },
    }));
    const row = blocks(home('en', { topics })).find((b) => b.block_id === 'talk_home_topics');
    expect(row?.elements).toHaveLength(25);
  });

  it('is a Home tab of sections divided in three', () => {
    const home_ = renderHome(home('en'));
    expect(home_.type).toBe('home');
    expect((home_.blocks as Block[]).map((b) => b.type)).toEqual([
      'header',
      'section',
      'context',
      'divider',
      'section',
      'actions',
      'input',
      'divider',
      'header',
      'section',
      'context',
      'divider',
      'section',
      'context',
    ]);
  });

  it('tells a reader who is no admin who can change schedules, and when there are none', () => {
    const bs = texts(blocks(home('en')));
    expect(bs.slice(8)).toEqual([
      'Daily takeaways in this workspace',
      'No channel gets a daily takeaway yet.',
      'Workspace admins can add, change and stop these here or with `/talk daily set|off`.',
      'divider',
      '*Your own, by direct message:* Get the takeaway by direct message at your time: `/talk daily me 08:00 Asia/Shanghai` (add `weekdays` for weekdays only).',
      'The same as commands: `/talk takeaway`, `/talk summary <topic>`, `/talk search <words>`, `/talk daily status|set|off|me`, `/talk lang zh|en|both`.'
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;'),
    ]);
  });

  it('gives an admin a Change button on each schedule and an Add button', () => {
    const bs = blocks(home('en', { isAdmin: true, schedules: [line('C1'), line('C2')], more: 3 }));
    const scheduleBlocks = bs.filter((b) => b.accessory);
    expect(scheduleBlocks.map((b) => b.accessory)).toEqual(
      ['C1', 'C2'].map((value) => ({
        type: 'button',
        text: { type: 'plain_text', text: 'Change or stop' },
        action_id: HOME_ACTIONS.change,
        value,
      })),
    );
    expect(scheduleBlocks[0]?.text.text).toBe(
      `• <#C1> · 09:00 UTC · en · next 2026-03-30 09:00 UTC (2026-03-30 09:00 UTC) · <!date^${Date.parse('2026-03-30T09:00:00Z') / 1000}^{date_short_pretty} {time}|2026-03-30T09:00:00.000Z> · not posted yet`,
    );
    expect(JSON.stringify(bs)).not.toContain('No channel gets a daily takeaway yet.');
    expect(texts(bs)).toContain('…and 3 more: `/talk daily status` lists them all.');
    expect(bs.find((b) => b.block_id === 'talk_home_admin')).toEqual({
      type: 'actions',
      block_id: 'talk_home_admin',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Add a daily takeaway' },
          action_id: HOME_ACTIONS.add,
          value: 'add',
          style: 'primary',
        },
      ],
    });
    expect(JSON.stringify(bs)).not.toContain('Workspace admins can');
  });

  it('shows no Change button to others, nor the “more” line when all are listed', () => {
    const bs = blocks(home('zh', { schedules: [line('C1')] }));
    expect(bs.some((b) => b.accessory)).toBe(false);
    expect(JSON.stringify(bs)).not.toMatch(/还有|talk_home_admin/);
    expect(texts(blocks(home('zh', { schedules: [line('C1')], more: 2 })))).toContain(
      '……还有 2 个:`/talk daily status` 列出全部。',
    );
  });

  it('shows the reader’s own takeaway with its group mention named, not the hint', () => {
    const personal = line('U1', { target: 'user', mention: 'S1' });
    const bs = texts(blocks(home('en', { personal })));
    const mine = bs.find((t: string) => t.startsWith('*Your own, by direct message:*'));
    expect(mine).toMatch(
      /^\*Your own, by direct message:\* your direct messages · 09:00 UTC · mentions <!subteam\^S1> · /,
    );
    expect(mine).toContain('<!date^');
    expect(bs.join('\n')).not.toContain('Get the takeaway by direct message');
    expect(texts(blocks(home('zh'))).join('\n')).toContain('*你的私信要点:* 在你的时间收到私信要点');
  });
});

describe('an answer in a modal', () => {
  it('has the title given, a Close button in the answer’s language, and its blocks without buttons', () => {
    const summary = talk.summary('en', 'rl');
    const modal = answerModal(summary, { en: 'A summary with a long title', zh: '总结' }) as Block;
    expect(modal.type).toBe('modal');
    expect(modal.title).toEqual({ type: 'plain_text', text: 'A summary with a long t…' });
    expect(modal.close).toEqual({ type: 'plain_text', text: 'Close' });
    expect(modal.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Reinforcement learning and OpenAI o1' },
    });
    expect(summary.actions.length).toBeGreaterThan(0);
    expect(modal.blocks.some((b: Block) => b.type === 'actions')).toBe(false);
    const zh = answerModal(talk.summary('zh', 'rl'), { en: 'Summary', zh: '总结' }) as Block;
    expect([zh.title.text, zh.close.text]).toEqual(['总结', '关闭']);
  });
});
