/**
 * The Home tab's form for a channel's daily takeaway: its fields, labelled in the reader's language, filled
 * from the schedule being changed (or with defaults when adding one), and read back on submission.
 */
import { describe, expect, it } from 'vitest';
import type { DailyScheduleLine } from '../../src/core/views.js';
import {
  DAILY_MODAL,
  FORM_REFUSALS,
  readForm,
  scheduleForm,
  ZONE_ACTION,
} from '../../src/render/slack-form.js';

type Block = Record<string, any>;
const editing: DailyScheduleLine = {
  channel: 'C7',
  target: 'channel',
  time: '07:45',
  zone: 'Asia/Tokyo',
  lang: 'zh',
  days: ['sat', 'sun'],
  thread: true,
  mention: 'S2',
  next: { local: '', utc: '', epochMs: 0 },
};
const groups = [
  { id: 'S1', handle: 'ai' },
  { id: 'S2', handle: 'research' },
];
const field = (form: Block, id: string) => form.blocks.find((b: Block) => b.block_id === id) as Block;
const optionTexts = (options: Block[]) => options.map((o) => [o.text.text, o.value]);

// Built inside each test: a form built while the file loads would be built before the test starts.
const adding = () => scheduleForm({ lang: 'en', groups }) as Block;
const changing = () => scheduleForm({ lang: 'en', editing, groups }) as Block;

describe('the schedule form, adding', () => {
  it('is the daily modal, with nothing carried over, titled in the reader’s language', () => {
    const form = adding();
    expect(form).toMatchObject({
      type: 'modal',
      callback_id: DAILY_MODAL,
      private_metadata: '{}',
      title: { type: 'plain_text', text: 'Daily takeaway' },
      submit: { type: 'plain_text', text: 'Save' },
      close: { type: 'plain_text', text: 'Cancel' },
    });
    expect(form.blocks.map((b: Block) => b.block_id)).toEqual([
      'channel',
      'time',
      'zone',
      'days',
      'lang',
      'thread',
      'mention',
    ]);
  });

  it('gives each field the input and action id the submission is read back by', () => {
    const form = adding();
    expect(
      form.blocks.map((b: Block) => [b.block_id, b.type, b.element?.type, b.element?.action_id]),
    ).toEqual([
      ['channel', 'input', 'conversations_select', 'channel'],
      ['time', 'input', 'timepicker', 'time'],
      ['zone', 'input', 'external_select', ZONE_ACTION],
      ['days', 'input', 'checkboxes', 'days'],
      ['lang', 'input', 'static_select', 'lang'],
      ['thread', 'input', 'checkboxes', 'thread'],
      ['mention', 'input', 'static_select', 'mention'],
    ]);
  });

  it('asks for a channel among those the bot can join, saying to invite it', () => {
    const form = adding();
    expect(field(form, 'channel')).toEqual({
      type: 'input',
      block_id: 'channel',
      label: { type: 'plain_text', text: 'Channel' },
      hint: { type: 'plain_text', text: 'Invite me there first: /invite @talk' },
      element: {
        type: 'conversations_select',
        action_id: 'channel',
        filter: {
          include: ['public', 'private'],
          exclude_bot_users: true,
          exclude_external_shared_channels: true,
        },
      },
    });
  });

  it('starts at 09:00, every day, both languages, no thread and no mention', () => {
    const form = adding();
    expect(field(form, 'time').element).toEqual({
      type: 'timepicker',
      action_id: 'time',
      initial_time: '09:00',
    });
    expect(field(form, 'time').label.text).toBe('Time (24-hour)');
    expect(field(form, 'zone')).toMatchObject({
      label: { text: 'Time zone' },
      element: {
        type: 'external_select',
        action_id: ZONE_ACTION,
        min_query_length: 0,
        placeholder: { text: 'Type a city, e.g. Berlin' },
      },
    });
    expect(field(form, 'zone').element.initial_option).toBeUndefined();
    const days = field(form, 'days');
    expect(days.label.text).toBe('Days (in that zone)');
    expect(optionTexts(days.element.options)).toEqual([
      ['Mon', 'mon'],
      ['Tue', 'tue'],
      ['Wed', 'wed'],
      ['Thu', 'thu'],
      ['Fri', 'fri'],
      ['Sat', 'sat'],
      ['Sun', 'sun'],
    ]);
    expect(days.element.initial_options).toEqual(days.element.options);
    const lang = field(form, 'lang');
    expect(lang.label.text).toBe('Language');
    expect(optionTexts(lang.element.options)).toEqual([
      ['Chinese original + English', 'both'],
      ['Chinese only', 'zh'],
      ['English only', 'en'],
    ]);
    expect(lang.element.initial_option.value).toBe('both');
    const thread = field(form, 'thread');
    expect(thread).toMatchObject({ optional: true, label: { text: 'Thread' } });
    expect(optionTexts(thread.element.options)).toEqual([
      ["Open a thread under each post, with the speaker's original words", 'thread'],
    ]);
    expect(thread.element.initial_options).toBeUndefined();
    const mention = field(form, 'mention');
    expect(mention).toMatchObject({ type: 'input', optional: true, label: { text: 'Mention a user group' } });
    expect(optionTexts(mention.element.options)).toEqual([
      ['No mention', 'none'],
      ['@ai', 'S1'],
      ['@research', 'S2'],
    ]);
    expect(mention.element.initial_option.value).toBe('none');
  });

  it('says in Chinese why no group can be picked when Slack would not list them', () => {
    const zh = scheduleForm({ lang: 'zh' }) as Block;
    expect(field(zh, 'mention').elements).toEqual([
      {
        type: 'mrkdwn',
        text: '无法列出用户组,因此这里不能设置提及(可用 `/talk daily set … --mention @group`)。',
      },
    ]);
    expect([zh.title.text, zh.submit.text, zh.close.text]).toEqual(['每日要点', '保存', '取消']);
  });
});

describe('the schedule form, changing a schedule', () => {
  it('carries the channel and fills every field from the schedule', () => {
    const form = changing();
    expect(JSON.parse(form.private_metadata)).toEqual({ channel: 'C7' });
    expect(field(form, 'channel').element.initial_conversation).toBe('C7');
    expect(field(form, 'time').element.initial_time).toBe('07:45');
    expect(field(form, 'zone').element.initial_option).toEqual({
      text: { type: 'plain_text', text: 'Asia/Tokyo' },
      value: 'Asia/Tokyo',
    });
    expect(field(form, 'days').element.initial_options.map((o: Block) => o.value)).toEqual(['sat', 'sun']);
    expect(field(form, 'lang').element.initial_option.value).toBe('zh');
    expect(field(form, 'thread').element.initial_options.map((o: Block) => o.value)).toEqual(['thread']);
    expect(field(form, 'mention').element.initial_option).toEqual({
      text: { type: 'plain_text', text: '@research' },
      value: 'S2',
    });
  });

  it('offers to stop it', () => {
    const form = changing();
    expect(field(form, 'stop')).toEqual({
      type: 'input',
      block_id: 'stop',
      optional: true,
      label: { type: 'plain_text', text: 'Stop' },
      element: {
        type: 'checkboxes',
        action_id: 'stop',
        options: [
          { text: { type: 'plain_text', text: 'Stop the daily takeaway in this channel' }, value: 'stop' },
        ],
      },
    });
  });

  it('ticks every day for a schedule that posts every day, and no mention for a group no longer listed', () => {
    const daily = scheduleForm({
      lang: 'en',
      editing: { ...editing, days: [], mention: 'S9' },
      groups,
    }) as Block;
    expect(field(daily, 'days').element.initial_options).toHaveLength(7);
    expect(field(daily, 'mention').element.initial_option.value).toBe('none');
  });

  it('names the form’s own refusals', () => {
    expect(FORM_REFUSALS).toEqual({
      channel: { en: 'Pick the channel to post in.', zh: '请选择发布的频道。' },
      days: { en: 'Tick at least one day.', zh: '请至少选择一天。' },
    });
  });
});

describe('reading a submitted form', () => {
  it('reads the ticked thread, the stop box, a group and every language', () => {
    const values = (lang: string) => ({
      thread: { thread: { selected_options: [{ value: 'thread' }] } },
      stop: { stop: { selected_options: [{ value: 'stop' }] } },
      mention: { mention: { selected_option: { value: 'S2' } } },
      lang: { lang: { selected_option: { value: lang } } },
    });
    expect(readForm(values('en'), undefined)).toEqual({
      channel: undefined,
      editing: undefined,
      time: undefined,
      zone: undefined,
      days: [],
      lang: 'en',
      thread: true,
      mention: 'S2',
      stop: true,
    });
    expect(readForm(values('both'), '').lang).toBe('both');
    expect(readForm(values('fr'), '').lang).toBeUndefined();
  });

  it('reads cleared pickers as nothing chosen', () => {
    const values = {
      channel: { channel: { selected_conversation: null } },
      time: { time: { selected_time: null } },
      zone: { [ZONE_ACTION]: { selected_option: null } },
    };
    expect(readForm(values, '{}')).toMatchObject({ channel: undefined, time: undefined, zone: undefined });
    const cleared = {
      mention: { mention: { selected_option: null } },
      lang: { lang: { selected_option: null } },
    };
    expect(readForm(cleared, '{}')).toMatchObject({ mention: undefined, lang: undefined, days: [] });
  });
});
