/**
 * Right-click "Find in the talk" and the bot outside servers, over the gateway and over HTTP interactions:
 * the message command answers privately with the best passages and Share, or politely when there is nothing
 * to find; a DM and a group DM (no guild, no member, `user` instead) are answered like a server, except what
 * needs a server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/core/cooldown.js';
import { LangPrefs } from '../../src/core/prefs.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { DailyService } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import {
  buttonsOf as buttons,
  CHANNEL_ID,
  FakeDiscord,
  type InteractionInput,
  interaction,
  userIds,
} from '../fakes/discord.js';
import { makeTalk } from '../helpers.js';
import { MODES, type Mode, type ModeBot, startMode } from './discord-modes.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.find.token-for-tests';
const EPHEMERAL = 64;
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
});

afterAll(async () => {
  await fake?.stop();
});

const nextUser = userIds(620000000000000000n);

/** Someone else's message in the channel, as Discord resolves the target of a message command. */
function target(content: string, extra: Record<string, unknown> = {}) {
  return {
    ...fake.message({ content }),
    author: { id: '630000000000000001', username: 'someone', discriminator: '0', avatar: null },
    ...extra,
  };
}

describe.each(MODES)('Find in the talk and DMs on Discord over %s', (mode: Mode) => {
  let bot: ModeBot;
  let store: SqliteStore;

  beforeAll(async () => {
    const talk = makeTalk();
    const log = createLogger('silent');
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-find-')), 'talk.sqlite'));
    const scheduler = new DailyScheduler({ store, talk, posters: {}, owner: 'test', log });
    bot = await startMode(mode, fake, {
      talk,
      token: TOKEN,
      cooldown: new Cooldown(0),
      log,
      daily: new DailyService(store, talk, scheduler),
      prefs: new LangPrefs(store, log),
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await store?.close();
  });

  /** The message an interaction ends as: the edit after a deferral, or the first answer itself. */
  async function send(input: InteractionInput) {
    const payload = interaction(fake, { userId: nextUser(), ...input });
    const edited = fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(payload.token));
    const first = (await bot.send(payload)) as { type: number; data?: any };
    if (first.type === 5) return { first, message: (await edited).body };
    edited.catch(() => undefined);
    return { first, message: first.data };
  }

  const find = (message: Record<string, unknown>, extra: Partial<InteractionInput> = {}) =>
    send({
      type: 2,
      data: {
        id: '901',
        name: 'Find in the talk',
        type: 3,
        target_id: message.id,
        resolved: { messages: { [String(message.id)]: message } },
      },
      ...extra,
    });
  const talk = (
    name: string,
    options: { type?: number; name: string; value: string | boolean }[] = [],
    extra: Partial<InteractionInput> = {},
  ) =>
    send({
      type: 2,
      data: {
        id: '900',
        name: 'talk',
        type: 1,
        options: [{ type: 1, name, options: options.map((o) => ({ type: 3, ...o })) }],
      },
      ...extra,
    });
  const daily = (
    action: string,
    options: { name: string; value: string }[],
    extra: Partial<InteractionInput>,
  ) =>
    send({
      type: 2,
      data: {
        id: '900',
        name: 'talk',
        type: 1,
        options: [
          {
            type: 2,
            name: 'daily',
            options: [{ type: 1, name: action, options: options.map((o) => ({ type: 3, ...o })) }],
          },
        ],
      },
      ...extra,
    });
  const text = (message: any) => `${message.embeds[0]?.title ?? ''}\n${message.embeds[0]?.description ?? ''}`;

  it('answers a message about the data wall privately with data-wall passages, each labelled, and Share', async () => {
    const { first, message } = await find(
      target('honestly I think the labs are running out of data, everyone talks about a data wall now'),
    );
    expect(first.type).toBe(4);
    expect(message.flags).toBe(EPHEMERAL);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const shown = text(message);
    expect(message.embeds[0].title).toBe('Found in the talk');
    expect(shown).toContain('数据墙');
    expect(shown).toMatch(/`#agi-\d+`/);
    expect(shown).toContain("原文 · the speaker's words, verbatim");
    expect(shown).toContain('English translation by this project');
    const share = buttons(message).find((b) => b.label === 'Share')!;
    expect(share.custom_id).toMatch(/^p\|q\|b\|agi-\d+$/);
    // Share posts the best passage for everyone, as a quote.
    const shared = await send({
      type: 3,
      data: { custom_id: share.custom_id, component_type: 2 },
      message: fake.message(),
    });
    expect(shared.message.flags ?? 0).toBe(0);
    expect(shared.message.embeds[0].footer.text).toMatch(/^— Yang Zhilin \(杨植麟\)/);
  });

  it('says the talk does not cover a message about something else', async () => {
    const { message } = await find(target('红烧肉怎么做'));
    expect(message.flags).toBe(EPHEMERAL);
    expect(message.embeds[0].title).toBe("The talk doesn't cover that.");
  });

  it('answers politely for a message with no words, only attachments or embeds, or only mentions', async () => {
    const onlyImage = await find(
      target('', {
        attachments: [
          {
            id: '1',
            filename: 'chart.png',
            size: 10,
            url: 'https://cdn.example/x',
            proxy_url: 'https://cdn.example/x',
          },
        ],
      }),
    );
    expect(onlyImage.message.flags).toBe(EPHEMERAL);
    expect(text(onlyImage.message)).toContain('only attachments or embeds');
    const onlyEmbed = await find(target('', { embeds: [{ title: 'a link preview' }] }));
    expect(text(onlyEmbed.message)).toContain('only attachments or embeds');
    const mentions = await find(target('@everyone <@&800000000000000008> <:pepe:123456789012345678>'));
    expect(text(mentions.message)).toContain('no words to look for in the talk');
  });

  it('never pings: @everyone in the message is left out, and the answer allows no mentions', async () => {
    const { message } = await find(target('@everyone @here look, the data wall again <@400000000000000004>'));
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(message)).not.toMatch(/@everyone|@here|<@4/);
    expect(message.embeds[0].description).toContain('look, the data wall again');
  });

  it('cuts a very long message to what the search reads, and says so', async () => {
    const { message } = await find(target(`the data wall ${'and the same thing once more '.repeat(90)}`));
    expect(message.embeds[0].description).toContain(
      'The message is long: I looked for its first 2,000 characters.',
    );
    expect(message.embeds[0].description).toContain('数据墙');
  });

  it('answers politely when the message itself did not come with the command', async () => {
    const { message } = await send({
      type: 2,
      data: { id: '901', name: 'Find in the talk', type: 3, target_id: '640000000000000001', resolved: {} },
    });
    expect(message.flags).toBe(EPHEMERAL);
    expect(text(message)).toContain('no words to look for in the talk');
  });

  it.each(['dm', 'group-dm'] as const)(
    'answers in a %s: quote, search paging, and Find in the talk',
    async (context) => {
      const quote = await talk('quote', [{ name: 'query', value: 'data wall' }], { context });
      expect(quote.first.type).toBe(4);
      expect(quote.message.embeds[0].footer.text).toMatch(/#agi-\d+$/);
      const search = await talk('search', [{ name: 'query', value: 'data' }], { context });
      const next = buttons(search.message).find((b) => b.label === 'Next')!;
      const paged = await send({
        type: 3,
        data: { custom_id: next.custom_id, component_type: 2 },
        message: fake.message(),
        context,
      });
      expect(paged.first.type).toBe(7);
      const found = await find(target('the data wall'), { context });
      expect(found.message.embeds[0].title).toBe('Found in the talk');
    },
  );

  it('says in a DM that channel schedules belong to a server, and checks no Manage Server it cannot see', async () => {
    const set = await daily(
      'set',
      [
        { name: 'time', value: '09:00' },
        { name: 'timezone', value: 'Europe/Berlin' },
      ],
      { context: 'dm' },
    );
    // Deferred privately (daily answers may check a channel first), then the refusal.
    expect(set.first).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(text(set.message)).toContain('Channel schedules are set in a server.');
    // Post now, from an old preview in a DM: refused the same way, no crash for the missing member.
    const postNow = await send({
      type: 3,
      data: { custom_id: `r|d|b|${CHANNEL_ID}`, component_type: 2 },
      message: fake.message(),
      context: 'group-dm',
    });
    expect(text(postNow.message)).toContain('Channel schedules are set in a server.');
  });

  it('keeps one personal takeaway outside servers: set in a group DM, shown in the DM with the bot', async () => {
    const userId = nextUser();
    const set = await daily(
      'me',
      [
        { name: 'time', value: '07:30' },
        { name: 'timezone', value: 'Asia/Shanghai' },
      ],
      { context: 'group-dm', userId },
    );
    expect(text(set.message)).toContain(
      'Your daily takeaway will come by direct message at 07:30 Asia/Shanghai',
    );
    const status = await daily('status', [], { context: 'dm', userId });
    expect(text(status.message)).toContain('07:30 Asia/Shanghai');
  });

  it('remembers a language chosen in a DM for the user in a server too', async () => {
    const userId = nextUser();
    const chosen = await talk('lang', [{ name: 'language', value: 'zh' }], { context: 'dm', userId });
    expect(text(chosen.message)).toContain('从现在起,我用中文回答你。');
    const inServer = await talk('takeaway', [], { userId });
    expect(inServer.message.embeds[0].title).toMatch(/^今日要点/);
  });
});
