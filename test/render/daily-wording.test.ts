/**
 * What the daily answers say, word for word: a schedule's line in status, each change, a personal takeaway,
 * in English and Chinese, with each platform's channel link, non-pinging mention and reader's-time token.
 */
import { describe, expect, it } from 'vitest';
import { channelRef } from '../../src/core/markup.js';
import type {
  DailyChangedView,
  DailyScheduleLine,
  DailyStatusView,
  ErrorView,
} from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { describeProblem } from '../../src/daily/problems.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderSlack } from '../../src/render/slack.js';
import { renderText } from '../../src/render/text.js';

const EPOCH = Date.parse('2026-03-30T07:00:00Z');
const SECONDS = EPOCH / 1000;
const DISCORD_TIME = `<t:${SECONDS}:F> (<t:${SECONDS}:R>)`;
const SLACK_TIME = `<!date^${SECONDS}^{date_short_pretty} {time}|2026-03-30T07:00:00.000Z>`;

/** A channel's schedule with every setting on; `plain` turns the optional ones off. */
function schedule(extra: Partial<DailyScheduleLine> = {}): DailyScheduleLine {
  return {
    channel: 'C1',
    target: 'channel',
    time: '09:00',
    zone: 'Europe/Berlin',
    lang: 'both',
    days: ['mon', 'wed'],
    thread: true,
    mention: 'R1',
    next: { local: '2026-03-30 09:00 CEST', utc: '2026-03-30 07:00 UTC', epochMs: EPOCH },
    lastPost: { date: '2026-03-27', delayed: true },
    lastError: { en: `Cannot post in ${channelRef('C1')}.`, zh: `无法在 ${channelRef('C1')} 发布。` },
    ...extra,
  };
}
const plain = (extra: Partial<DailyScheduleLine> = {}) =>
  schedule({
    days: [],
    thread: false,
    mention: undefined,
    lastPost: undefined,
    lastError: undefined,
    ...extra,
  });

function status(
  lang: Lang,
  schedules: DailyScheduleLine[],
  page = { total: 1, page: 1, pageCount: 1, after: 0 },
) {
  return { kind: 'daily-status', lang, actions: [], schedules, ...page } satisfies DailyStatusView;
}
function changed(lang: Lang, change: DailyChangedView['change'], extra: Partial<DailyChangedView> = {}) {
  return {
    kind: 'daily-changed',
    lang,
    actions: [],
    change,
    channel: 'C1',
    target: 'channel',
    ...extra,
  } satisfies DailyChangedView;
}
const discord = (view: DailyStatusView | DailyChangedView) =>
  renderDiscord(view, { ephemeral: true }).embeds[0]!;
const slackTexts = (view: DailyStatusView | DailyChangedView) =>
  renderSlack(view, { ephemeral: true }).blocks.map((b) => (b.type === 'section' ? b.text.text : ''));

describe('a schedule’s line in daily status', () => {
  it('names every setting, the next post, the last post and the last problem, in English', () => {
    expect(renderText(status('en', [schedule()]))).toBe(
      [
        'Daily takeaways (1)',
        '  #C1 · 09:00 Europe/Berlin · Mon, Wed · with a thread · mentions @R1 · both · next 2026-03-30 09:00 CEST (2026-03-30 07:00 UTC) · last 2026-03-27 (delayed) · last problem: Cannot post in #C1.',
      ].join('\n'),
    );
  });

  it('says the same in Chinese, zone before time', () => {
    expect(renderText(status('zh', [schedule()]))).toBe(
      [
        '每日要点(1 个频道)',
        '  #C1 · Europe/Berlin 09:00 · 周一、周三 · 附讨论串 · 提及 @R1 · both · 下次 2026-03-30 09:00 CEST(2026-03-30 07:00 UTC) · 上次 2026-03-27(延迟) · 最近问题:无法在 #C1 发布。',
      ].join('\n'),
    );
  });

  it('leaves out what is not set, and says when nothing was posted yet', () => {
    const text = renderText(status('en', [plain()]));
    expect(text).toContain(
      '#C1 · 09:00 Europe/Berlin · both · next 2026-03-30 09:00 CEST (2026-03-30 07:00 UTC) · not posted yet',
    );
    expect(text).not.toMatch(/every day|thread|mentions|problem/);
    expect(renderText(status('zh', [plain()]))).toContain('(2026-03-30 07:00 UTC) · 尚未发布');
  });

  it('does not call an on-time post delayed', () => {
    const line = plain({ lastPost: { date: '2026-03-27', delayed: false } });
    expect(renderText(status('en', [line]))).toMatch(/· last 2026-03-27$/);
    expect(renderText(status('zh', [line]))).toMatch(/· 上次 2026-03-27$/);
  });

  it('shows a pause with what to do, instead of the last problem', () => {
    const line = schedule({ lastPost: undefined, paused: { en: 'Gone.', zh: '没了。' } });
    const en = renderText(status('en', [line]));
    expect(en).toMatch(/ · PAUSED after repeated failures: Gone\. Set it again when fixed\.$/);
    expect(en).not.toContain('last problem');
    const zh = renderText(status('zh', [line]));
    expect(zh.endsWith(' · 已暂停(多次失败):没了。修复后请重新设置。')).toBe(true);
    expect(zh).not.toContain('最近问题');
  });

  it('shows a channel typed by name as typed, in the terminal', () => {
    expect(renderText(status('en', [plain({ channel: '#ai-news' })]))).toContain('\n  #ai-news · 09:00');
  });

  it('speaks of your direct messages for a personal takeaway', () => {
    const mine = plain({ target: 'user', channel: 'U1' });
    expect(renderText(status('en', [mine]))).toContain('  your direct messages · 09:00');
    expect(renderText(status('zh', [mine]))).toContain('  你的私信 · Europe/Berlin');
  });

  it('pages, and says how many more there are', () => {
    const page = { total: 12, page: 2, pageCount: 3, after: 4 };
    expect(renderText(status('en', [plain()], page)).split('\n')).toEqual([
      'Daily takeaways (12) · page 2/3',
      expect.any(String),
      '  …and 4 more: Next shows them.',
    ]);
    expect(renderText(status('zh', [plain()], page)).split('\n')).toEqual([
      '每日要点(12 个频道) · 第 2/3 页',
      expect.any(String),
      '  ……还有 4 个:点“下一页”查看。',
    ]);
  });

  it('says how to start one when there is none', () => {
    expect(renderText(status('en', [], { total: 0, page: 1, pageCount: 1, after: 0 }))).toBe(
      [
        'No daily takeaways are scheduled here.',
        '  An admin can start one with `/talk daily set #channel 09:00 Europe/Berlin`.',
        '  Anyone can have their own by direct message: `/talk daily me 08:00 Asia/Shanghai`.',
      ].join('\n'),
    );
    expect(renderText(status('zh', [], { total: 0, page: 1, pageCount: 1, after: 0 }))).toBe(
      [
        '这里还没有设置每日要点。',
        '  管理员可以用 `/talk daily set #频道 09:00 Asia/Shanghai` 开启。',
        '  每个人都可以设置发给自己的私信:`/talk daily me 08:00 Asia/Shanghai`。',
      ].join('\n'),
    );
  });

  it('on Discord: channel links, the role shown without a ping, and the time in each reader’s zone', () => {
    const embed = discord(status('en', [schedule()], { total: 3, page: 1, pageCount: 2, after: 2 }));
    expect(embed.title).toBe('Daily takeaways (3) · page 1/2');
    expect(embed.description).toBe(
      [
        `• <#C1> · 09:00 Europe/Berlin · Mon, Wed · with a thread · mentions <@&R1> · both · next 2026-03-30 09:00 CEST (2026-03-30 07:00 UTC) · ${DISCORD_TIME} · last 2026-03-27 (delayed) · last problem: Cannot post in <#C1>.`,
        '• …and 2 more: Next shows them.',
      ].join('\n'),
    );
  });

  it('on Slack: channel links, the group’s id in code (never `<!subteam^…>`), and a date token', () => {
    const [title, line] = slackTexts(status('zh', [schedule()]));
    expect(title).toBe('*每日要点(1 个频道)*');
    expect(line).toBe(
      `• <#C1> · Europe/Berlin 09:00 · 周一、周三 · 附讨论串 · 提及 \`R1\` · both · 下次 2026-03-30 09:00 CEST(2026-03-30 07:00 UTC) · ${SLACK_TIME} · 上次 2026-03-27(延迟) · 最近问题:无法在 <#C1> 发布。`,
    );
  });
});

describe('a platform’s own error message in a problem line', () => {
  // What a platform might say, with markup each renderer would otherwise act on.
  const said = '*Invalid* _Form_ <@&R9> @everyone <!channel> `x` & co';
  const line = () => schedule({ lastError: describeProblem(said, 'C1').text });

  it('is escaped for Discord: no formatting, no mention, no link', () => {
    expect(discord(status('en', [line()])).description).toContain(
      'last problem: Posting to <#C1> failed (\\*Invalid\\* \\_Form\\_ \\<@&R9> @everyone \\<!channel> \\`x\\` & co); I will try again',
    );
  });

  it('is escaped for Slack: `<`, `>` and `&` as entities, so no `<!channel>` and no link', () => {
    const [, text] = slackTexts(status('en', [line()]));
    expect(text).toContain(
      'failed (*Invalid* _Form_ &lt;@&amp;R9&gt; @everyone &lt;!channel&gt; `x` &amp; co);',
    );
    expect(text).not.toContain('<!channel>');
  });

  it('is escaped in a refusal on Discord, where a `<` someone typed is shown as typed', () => {
    const view = {
      kind: 'error',
      lang: 'en',
      actions: [],
      code: 'cannot-post',
      message: { en: `Could not post <here>. ${describeProblem(said, 'C1').text.en}`, zh: '' },
      suggestions: [],
    } satisfies ErrorView;
    expect(renderDiscord(view, { ephemeral: true }).embeds[0]!.description).toBe(
      'Could not post \\<here>. Posting to <#C1> failed (\\*Invalid\\* \\_Form\\_ \\<@&R9> @everyone \\<!channel> \\`x\\` & co); I will try again in a few minutes.',
    );
  });

  it('is shown as it came in the terminal, with no marker characters left', () => {
    const text = renderText(status('en', [line()]));
    expect(text).toContain(`failed (${said});`);
    expect(text).not.toMatch(/[\uE000-\uE00F]/);
  });
});

describe('a changed schedule', () => {
  it('says when a channel’s next post comes, with its settings', () => {
    const set = changed('en', 'set', { schedule: schedule() });
    expect(renderText(set)).toBe(
      'Daily takeaway set for #C1 at 09:00 Europe/Berlin · Mon, Wed · with a thread · mentions @R1. Next post: 2026-03-30 09:00 CEST (2026-03-30 07:00 UTC).',
    );
    expect(discord(set).description).toBe(
      `Daily takeaway set for <#C1> at 09:00 Europe/Berlin · Mon, Wed · with a thread · mentions <@&R1>. Next post: 2026-03-30 09:00 CEST (2026-03-30 07:00 UTC, ${DISCORD_TIME} for you).`,
    );
    expect(slackTexts(changed('zh', 'set', { schedule: plain() }))).toEqual([
      '已为 <#C1> 设置每日要点:Europe/Berlin 09:00。下次发布:2026-03-30 09:00 CEST(2026-03-30 07:00 UTC)。',
    ]);
  });

  it.each([
    ['off', 'Daily takeaway stopped for #C1.', '已停止 #C1 的每日要点。'],
    ['posted', "Posted today's takeaway to #C1.", '已向 #C1 发布今日要点。'],
    ['already-posted', "#C1 already has today's takeaway.", '#C1 今天已经发布过要点了。'],
  ] as const)('says what %s did, in either language', (change, en, zh) => {
    expect(renderText(changed('en', change))).toBe(en);
    expect(renderText(changed('zh', change))).toBe(zh);
    expect(discord(changed('en', change)).description).toBe(en.replace('#C1', '<#C1>'));
  });

  it('tells a person when their own takeaway comes and how to stop it', () => {
    const mine = changed('en', 'set', {
      target: 'user',
      channel: 'U1',
      schedule: plain({ target: 'user', channel: 'U1', days: ['sat', 'sun'] }),
    });
    expect(renderText(mine)).toBe(
      'Your daily takeaway will come by direct message at 09:00 Europe/Berlin · weekends. Next: 2026-03-30 09:00 CEST (2026-03-30 07:00 UTC). `/talk daily me off` stops it.',
    );
    expect(slackTexts(mine)[0]).toContain(`(2026-03-30 07:00 UTC, ${SLACK_TIME} for you)`);
    expect(renderText({ ...mine, lang: 'zh' })).toBe(
      '你的每日要点将以私信发送:Europe/Berlin 09:00 · 周末。下次:2026-03-30 09:00 CEST(2026-03-30 07:00 UTC)。用 `/talk daily me off` 停止。',
    );
  });

  it('says a person’s own takeaway stopped, whatever channel it names', () => {
    const off = changed('en', 'off', { target: 'user', channel: 'U1' });
    expect(renderText(off)).toBe('Your personal daily takeaway is stopped.');
    expect(renderText({ ...off, lang: 'zh' })).toBe('已停止你的个人每日要点。');
    const offWithSchedule = { ...off, schedule: plain({ target: 'user', channel: 'U1' }) };
    expect(renderText(offWithSchedule)).toBe('Your personal daily takeaway is stopped.');
  });
});
