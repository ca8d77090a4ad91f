/**
 * Share cards and Find in the talk on Slack, through the real bolt App against the fake: the card's PNG is
 * uploaded with the external upload (URL, bytes, complete) into the channel with its words as the comment;
 * a workspace without files:write, a channel without the bot and a silent Slack each get the words for
 * everyone and a note for the asker; the message shortcut answers ephemerally, or by DM where it cannot.
 */
import { loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackBot } from '../../commands/slack/bot.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { createLogger } from '../../src/log.js';
import {
  buttonPayload,
  CHANNEL,
  commandBody,
  FakeSlack,
  messageShortcutPayload,
  SIGNING_SECRET,
  sendToApp,
} from '../fakes/slack.js';
import { makeTalk } from '../helpers.js';
import { startSlackHttp } from './slack-app.js';

const BOT_TOKEN = 'xoxb-0000-cards-token';
let fake: FakeSlack;
let app: Awaited<ReturnType<typeof startSlackHttp>>;
let users = 0;
const nextUser = () => `UCARD${String(++users).padStart(4, '0')}`;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  app = await startSlackHttp({
    talk: makeTalk(),
    cooldown: new Cooldown(0),
    log: createLogger('silent'),
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
  });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
});

/** `/talk <text>` in `channel`, as Slack sends it. */
async function slash(text: string, channel = CHANNEL, port = app.port) {
  const body = new URLSearchParams(commandBody(fake, text, nextUser()));
  body.set('channel_id', channel);
  expect((await sendToApp(port, body.toString())).status).toBe(200);
  return body.get('response_url')!;
}

/** Everything posted to a response_url, once `count` answers have come. */
async function answers(responseUrl: string, count: number) {
  const got: any[] = [];
  while (got.length < count) got.push((await fake.waitFor((r) => responseUrl.endsWith(r.path))).body);
  return got;
}

async function decoded(data: Buffer | undefined): Promise<[number, number]> {
  const image = await loadImage(data!);
  return [image.width, image.height];
}

const blocksText = (msg: any) => JSON.stringify(msg.blocks);

describe('Slack share cards through the real bolt App', () => {
  it('uploads /talk card to the channel: URL, the PNG bytes, then shared with its words', async () => {
    const completed = fake.waitFor((r) => r.path === 'files.completeUploadExternal');
    const asked = fake.waitFor((r) => r.path === 'files.getUploadURLExternal');
    await slash('card data wall');
    const slot = (await asked).body;
    expect(slot.filename).toBe('card.png');
    expect(slot.alt_txt).toContain('数据墙');
    const done = (await completed).body;
    expect(done.channel_id).toBe(CHANNEL);
    const file = fake.shared.at(-1)!;
    expect(file).toMatchObject({
      channel: CHANNEL,
      filename: 'card.png',
      title: expect.stringMatching(/^Quote card · #agi-\d+$/),
    });
    expect(Number(slot.length)).toBe(file.data!.length);
    expect(await decoded(file.data)).toEqual([1200, 675]);
    // The words go with the image, whose they are said as on the quote itself.
    expect(file.comment).toContain("原文 · the speaker's words, verbatim");
    expect(file.comment).toContain('English translation by this project');
    expect(file.comment).toMatch(/— Yang Zhilin \(杨植麟\)/);
  });

  it('uploads a card from the Card button on a quote and on a takeaway', async () => {
    const [quote] = await answers(await slash('quote --id o1-7'), 1);
    const card = quote.blocks
      .find((b: any) => b.type === 'actions')
      .elements.find((e: any) => e.text.text === 'Card');
    expect(card.value).toBe('p|cq|b|o1-7');
    const completed = fake.waitFor((r) => r.path === 'files.completeUploadExternal');
    const payload = buttonPayload(fake, card.action_id, card.value, nextUser());
    await sendToApp(app.port, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    await completed;
    expect(fake.shared.at(-1)!.title).toBe('Quote card · #o1-7');
    expect(await decoded(fake.shared.at(-1)!.data)).toEqual([1200, 675]);

    const [takeaway] = await answers(await slash('takeaway --zh'), 1);
    const takeawayCard = takeaway.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(takeawayCard.text.text).toBe('卡片');
    const again = fake.waitFor((r) => r.path === 'files.completeUploadExternal');
    const press = buttonPayload(fake, takeawayCard.action_id, takeawayCard.value, nextUser());
    await sendToApp(app.port, new URLSearchParams({ payload: JSON.stringify(press) }).toString());
    await again;
    expect(fake.shared.at(-1)!.title).toBe('要点卡片 · 2026-11-28');
    expect(fake.shared.at(-1)!.comment).toContain('本项目根据杨植麟的演讲');
  });

  it('posts the words for everyone and tells the asker about files:write when the workspace lacks it', async () => {
    const before = fake.shared.length;
    fake.apiErrors.set('files.getUploadURLExternal', ['missing_scope']);
    const [words, note] = await answers(await slash('card --id o1-7'), 2);
    expect(words.response_type).toBe('in_channel');
    expect(blocksText(words)).toContain('#o1-7');
    expect(note.response_type).toBe('ephemeral');
    expect(blocksText(note)).toContain('the app needs the *files:write* scope');
    expect(fake.shared.length).toBe(before);
  });

  it('asks to be invited where the bot is not in the channel, the words posted all the same', async () => {
    const [words, note] = await answers(await slash('card takeaway', 'C0000AWAY'), 2);
    expect(words.response_type).toBe('in_channel');
    expect(blocksText(words)).toContain('Takeaway written by this project');
    expect(blocksText(note)).toContain("I'm not in this conversation. Invite me with `/invite @talk`");
  });

  it('posts a card in a direct message with the bot', async () => {
    const completed = fake.waitFor((r) => r.path === 'files.completeUploadExternal');
    await slash('card scaling law', 'D0000CARD');
    expect((await completed).body.channel_id).toBe('D0000CARD');
  });

  it('refuses privately, and uploads nothing, when the talk does not cover the words', async () => {
    const before = fake.api.filter((r) => r.path === 'files.getUploadURLExternal').length;
    const [answer] = await answers(await slash('card stock tips'), 1);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain("The talk doesn't cover that.");
    expect(fake.api.filter((r) => r.path === 'files.getUploadURLExternal').length).toBe(before);
  });

  it('gives up on a silent upload within its bound, with one plain sentence', async () => {
    const slow = await startSlackHttp({
      talk: makeTalk(),
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      apiTimeoutMs: 1000,
    });
    fake.slowMethods.set('files.completeUploadExternal', 4000);
    try {
      const [words, note] = await answers(await slash('card --id o1-7', CHANNEL, slow.port), 2);
      expect(words.response_type).toBe('in_channel');
      expect(note.text).toContain('Slack did not take the image within 1 s, so here are the words instead.');
    } finally {
      fake.slowMethods.clear();
      await slow.stop();
    }
  });

  it('shares nothing late when the upload slot comes after the bound', async () => {
    const slow = await startSlackHttp({
      talk: makeTalk(),
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      apiTimeoutMs: 1000,
    });
    const completed = () => fake.api.filter((r) => r.path === 'files.completeUploadExternal').length;
    const before = completed();
    fake.slowMethods.set('files.getUploadURLExternal', 1800);
    try {
      const [, note] = await answers(await slash('card --id o1-7', CHANNEL, slow.port), 2);
      expect(note.text).toContain('Slack did not take the image within 1 s');
      // The slot arrives 0.8 s after the bound; give the abandoned upload time to (wrongly) finish.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(completed()).toBe(before);
    } finally {
      fake.slowMethods.clear();
      await slow.stop();
    }
  });
});

describe('Slack Find in the talk (message shortcut) through the real bolt App', () => {
  /** Sends the shortcut and returns the message that reached the user: ephemeral, or a DM where it must be. */
  const shortcut = async (
    message: Record<string, unknown>,
    options: { user?: string; channel?: string; by?: 'chat.postEphemeral' | 'chat.postMessage' } = {},
  ) => {
    const user = options.user ?? nextUser();
    const method = options.by ?? 'chat.postEphemeral';
    const posted = fake.waitFor(
      (r) =>
        r.path === method && (method === 'chat.postMessage' ? r.body.channel === user : r.body.user === user),
    );
    const { status } = await sendToApp(app.port, messageShortcutPayload(fake, message, { ...options, user }));
    expect(status).toBe(200);
    const request = await posted;
    return { body: { ...request.body, blocks: JSON.parse(request.body.blocks ?? '[]') } };
  };

  it('answers ephemerally in the channel with data-wall passages, each labelled, and Share', async () => {
    const { body } = await shortcut({ text: 'honestly I think the labs hit a data wall, no?' });
    expect(body.channel).toBe(CHANNEL);
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('Found in the talk');
    expect(text).toContain('数据墙');
    expect(text).toContain("原文 · the speaker's words, verbatim");
    expect(text).toContain('English translation by this project');
    const share = body.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(share.text.text).toBe('Share');
    expect(share.value).toMatch(/^p\|q\|b\|agi-\d+$/);
  });

  it('answers by direct message where the bot cannot post, saying why it came there', async () => {
    const user = nextUser();
    const { body } = await shortcut(
      { text: 'the data wall' },
      { user, channel: 'C0000AWAY', by: 'chat.postMessage' },
    );
    // The attempt in the channel came first and was refused.
    expect(fake.api.some((r) => r.path === 'chat.postEphemeral' && r.body.user === user)).toBe(true);
    expect(body.blocks[0].elements[0].text).toBe(
      "I can't post in <#C0000AWAY>, so here is what you asked for, privately.",
    );
    const dmBetweenPeople = await shortcut(
      { text: 'the data wall' },
      { channel: 'D0000PEOPLE', by: 'chat.postMessage' },
    );
    expect(dmBetweenPeople.body.blocks[0].elements[0].text).toContain("I can't post in <#D0000PEOPLE>");
  });

  it('answers politely for files only, mentions only, and a very long message; never pings', async () => {
    const files = await shortcut({ text: '', files: [{ id: 'F1', name: 'chart.png' }] });
    expect(files.body.text).toContain('only attachments or embeds');
    const mentions = await shortcut({ text: '<!channel> <@U0000OTHER>' });
    expect(mentions.body.text).toContain('no words to look for');
    const loud = await shortcut({
      text: '<!channel> <!everyone> the data wall &amp; more <https://example.org|a link>',
    });
    expect(JSON.stringify(loud.body)).not.toMatch(/<!channel>|<!everyone>|<@U/);
    expect(JSON.stringify(loud.body.blocks)).toContain('the data wall &amp; more a link');
    const long = await shortcut({ text: `the data wall ${'and the data wall once more '.repeat(100)}` });
    expect(JSON.stringify(long.body.blocks)).toContain(
      'The message is long: I looked for its first 2,000 characters.',
    );
  });

  it('answers over Socket Mode too', async () => {
    const socketFake = await new FakeSlack().start();
    const bot = new SlackBot({
      talk: makeTalk(),
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      botToken: 'xoxb-find-socket',
      appToken: 'xapp-1-find',
      apiUrl: socketFake.apiUrl,
    });
    try {
      await bot.start(5000);
      await socketFake.socketOpen;
      const posted = socketFake.waitFor((r) => r.path === 'chat.postEphemeral');
      const payload = JSON.parse(
        new URLSearchParams(messageShortcutPayload(socketFake, { text: 'what is the data wall?' })).get(
          'payload',
        )!,
      );
      await socketFake.sendEnvelope('interactive', payload);
      expect((await posted).body.blocks).toContain('数据墙');
    } finally {
      await bot.stop();
      await socketFake.stop();
    }
  });
});
