/** The Home tab, its modals and form, and the thread reply under a daily post: within Slack's limits, and honest about whose words are whose. */
import { describe, expect, it } from 'vitest';
import type { DailyScheduleLine, HomeView } from '../../src/core/views.js';
import { escapeMrkdwn } from '../../src/render/slack.js';
import { readForm, scheduleForm } from '../../src/render/slack-form.js';
import {
  answerModal,
  renderHome,
  SLACK_MODAL_TITLE_MAX,
  SLACK_VIEW_BLOCKS_MAX,
} from '../../src/render/slack-home.js';
import {
  SLACK_BUTTON_TEXT_MAX,
  SLACK_HEADER_TEXT_MAX,
  SLACK_SECTION_TEXT_MAX,
} from '../../src/render/slack-limits.js';
import { renderSlackOriginals } from '../../src/render/slack-thread.js';
import { content, makeTalk } from '../helpers.js';

const talk = makeTalk();
const LANGS = ['both', 'zh', 'en'] as const;

const line = (i: number, extra: Partial<DailyScheduleLine> = {}): DailyScheduleLine => ({
  channel: `C${String(i).padStart(8, '0')}`,
  target: 'channel',
  time: '09:00',
  zone: 'America/Argentina/ComodRivadavia',
  lang: 'both',
  days: ['mon', 'wed', 'fri'],
  thread: true,
  mention: 'S0AITEAM1',
  next: {
    local: '2026-03-30 09:00 GMT-3',
    utc: '2026-03-30 12:00 UTC',
    epochMs: Date.parse('2026-03-30T12:00:00Z'),
  },
  lastPost: { date: '2026-03-27', delayed: true },
  lastError: { en: 'x'.repeat(400), zh: '错'.repeat(400) },
  ...extra,
});

function home(lang: (typeof LANGS)[number], isAdmin: boolean): HomeView {
  const takeaway = talk.handle({ sub: 'takeaway', lang });
  if (takeaway.kind !== 'takeaway') throw new Error('takeaway');
  return {
    kind: 'home',
    lang,
    takeaway: { ...takeaway, actions: [] },
    topics: talk.topics(lang).topics,
    schedules: Array.from({ length: 20 }, (_, i) => line(i)),
    more: 7,
    personal: line(99, { target: 'user', channel: 'U0READER1', thread: false, mention: undefined }),
    isAdmin,
  };
}

/** Every text on a surface, with the limit that applies to it. */
function texts(blocks: any[]): { text: string; max: number }[] {
  const out: { text: string; max: number }[] = [];
  for (const b of blocks) {
    if (b.type === 'header') out.push({ text: b.text.text, max: SLACK_HEADER_TEXT_MAX });
    if (b.type === 'section') out.push({ text: b.text.text, max: SLACK_SECTION_TEXT_MAX });
    if (b.type === 'context')
      for (const e of b.elements) out.push({ text: e.text, max: SLACK_SECTION_TEXT_MAX });
    if (b.type === 'actions')
      for (const e of b.elements) out.push({ text: e.text.text, max: SLACK_BUTTON_TEXT_MAX });
    if (b.accessory) out.push({ text: b.accessory.text.text, max: SLACK_BUTTON_TEXT_MAX });
  }
  return out;
}

describe('the Slack Home tab', () => {
  it.each(LANGS)('stays within Slack’s limits with 20 schedules and long problems (%s)', (lang) => {
    for (const isAdmin of [true, false]) {
      const { blocks } = renderHome(home(lang, isAdmin));
      expect(blocks.length).toBeLessThanOrEqual(SLACK_VIEW_BLOCKS_MAX);
      for (const { text, max } of texts(blocks)) expect(text.length).toBeLessThanOrEqual(max);
      for (const b of blocks as any[]) {
        if (b.type !== 'actions') continue;
        const ids = b.elements.map((e: any) => e.action_id);
        expect(new Set(ids).size).toBe(ids.length);
      }
      const all = JSON.stringify(blocks);
      expect(all.includes('talk_home:change')).toBe(isAdmin);
      expect(all).toContain(lang === 'zh' ? '……还有 7 个' : '…and 7 more');
      // A view never notifies: the group may show under its own name there, and nobody else is named.
      expect(all).toContain('<!subteam^S0AITEAM1>');
      expect(all).not.toMatch(/<!here>|<!channel>|<!everyone>|<@U/);
    }
  });

  it('credits the takeaway as this project’s writing, with its sources', () => {
    const all = JSON.stringify(renderHome(home('en', false)).blocks);
    expect(all).toContain("Takeaway written by this project from Yang Zhilin's talk");
    for (const s of home('en', false).takeaway.sources) expect(all).toContain(`\`#${s.id}\``);
  });

  it('opens answers in modals with short titles and no buttons', () => {
    for (const lang of LANGS) {
      const modal = answerModal(talk.handle({ sub: 'summary', lang, topic: 'rl' }), {
        en: 'Summary',
        zh: '总结',
      }) as any;
      expect(modal.title.text.length).toBeLessThanOrEqual(SLACK_MODAL_TITLE_MAX);
      expect(modal.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    }
  });
});

describe('the schedule form', () => {
  it.each(LANGS)('keeps titles and buttons short, and lists at most 100 groups (%s)', (lang) => {
    const groups = Array.from({ length: 150 }, (_, i) => ({ id: `S${i}`, handle: `group-${i}` }));
    const form = scheduleForm({ lang, editing: line(1), groups }) as any;
    for (const key of ['title', 'submit', 'close'])
      expect(form[key].text.length).toBeLessThanOrEqual(SLACK_MODAL_TITLE_MAX);
    const mention = form.blocks.find((b: any) => b.block_id === 'mention').element;
    expect(mention.options.length).toBeLessThanOrEqual(100);
    expect(
      form.blocks.find((b: any) => b.block_id === 'days').element.initial_options.map((o: any) => o.value),
    ).toEqual(['mon', 'wed', 'fri']);
  });

  it('says why no group can be picked when Slack would not list them', () => {
    const form = scheduleForm({ lang: 'en', groups: undefined }) as any;
    expect(form.blocks.find((b: any) => b.block_id === 'mention').type).toBe('context');
  });

  it('reads a submitted form back', () => {
    const values = {
      channel: { channel: { selected_conversation: 'C1' } },
      time: { time: { selected_time: '07:30' } },
      zone: { talk_zone: { selected_option: { value: 'Asia/Tokyo' } } },
      days: { days: { selected_options: [{ value: 'sat' }, { value: 'bogus' }] } },
      lang: { lang: { selected_option: { value: 'zh' } } },
      thread: { thread: { selected_options: [] } },
      mention: { mention: { selected_option: { value: 'none' } } },
    };
    expect(readForm(values, '{"channel":"C0"}')).toEqual({
      channel: 'C1',
      editing: 'C0',
      time: '07:30',
      zone: 'Asia/Tokyo',
      days: ['sat'],
      lang: 'zh',
      thread: false,
      mention: undefined,
      stop: false,
    });
    expect(readForm({}, 'not json')).toMatchObject({ days: [], thread: false, stop: false });
  });
});

describe('the thread reply under a daily post, block by block', () => {
  it('is a title, each passage with its byline and section, and the sources', () => {
    const view = {
      ...talk.takeawayView('en', 't01', '2026-03-27'),
      daily: { key: 'k', originals: talk.originals('t01').slice(0, 2) },
    };
    const [a, b] = view.daily.originals;
    const blocks = renderSlackOriginals(view).blocks.map((x: any) =>
      x.type === 'context' ? x.elements.map((e: any) => e.text) : x.text.text,
    );
    expect(blocks).toHaveLength(6);
    expect(blocks[0]).toBe("Where this takeaway comes from: the speaker's words, verbatim");
    expect(blocks[2]).toEqual([
      `— ${a!.attribution.en}`,
      `Section: ${escapeMrkdwn(a!.section.en)}${a!.section.origin === 'project' ? ' (named by this project)' : ''}`,
    ]);
    expect(blocks[5]).toEqual([
      `Sources: \`#${a!.id}\` \`#${b!.id}\` · each #id is a passage of the speaker's own words; \`quote --id &lt;id&gt;\` shows it`,
    ]);
  });
});

describe('the thread reply under a daily post', () => {
  it.each(LANGS)(
    'shows each cited passage verbatim, labelled as the speaker’s words with his byline (%s)',
    (lang) => {
      for (const t of content.takeaways) {
        const view = {
          ...talk.takeawayView(lang, t.id, '2026-03-27'),
          daily: { key: 'k', originals: talk.originals(t.id) },
        };
        const reply = renderSlackOriginals(view);
        const all = JSON.stringify(reply.blocks);
        for (const { text, max } of texts(reply.blocks)) expect(text.length).toBeLessThanOrEqual(max);
        for (const id of t.cites) {
          const passage = content.passageById.get(id)!;
          expect(passage.kind).toBe('speaker');
          const quoted = escapeMrkdwn(passage.zh)
            .split('\n')
            .map((l) => `>${l}`)
            .join('\n');
          expect(reply.blocks.some((b: any) => b.type === 'section' && b.text.text.endsWith(quoted))).toBe(
            true,
          );
          expect(all).toContain(`\`#${id}\``);
        }
        expect(all).toContain(lang === 'zh' ? '原文 · 演讲者原话' : "原文 · the speaker's words, verbatim");
        expect(all).toContain(lang === 'zh' ? '— 杨植麟' : '— Yang Zhilin');
        // No translation is shown, so none is claimed.
        expect(all).not.toContain('English translation by this project');
        // The notification text says the same: each passage with whose words they are.
        const [first] = view.daily.originals;
        expect(reply.text.split('\n')[0]).toBe(
          escapeMrkdwn(
            `${lang === 'zh' ? '原文 · 演讲者原话' : "原文 · the speaker's words, verbatim"} #${first!.id}: ${first!.zh} — ${lang === 'zh' ? first!.attribution.zh : first!.attribution.en}`,
          ),
        );
      }
    },
  );
});
