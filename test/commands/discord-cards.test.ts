/**
 * Share cards on Discord, over the gateway and over HTTP interactions: `/talk card` and the Card button post
 * the card's words with the PNG attached (deferred first, then the edit carrying the file, as multipart);
 * without Attach Files the words go alone and the asker is told why; in a DM and a group DM it works the same.
 */
import { loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/core/cooldown.js';
import { createLogger } from '../../src/log.js';
import {
  buttonsOf as buttons,
  FakeDiscord,
  type InteractionInput,
  interaction,
  NO_ATTACH_PERMISSIONS,
  type RecordedRequest,
  userIds,
} from '../fakes/discord.js';
import { makeTalk } from '../helpers.js';
import { MODES, type Mode, type ModeBot, startMode } from './discord-modes.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.cards.token-for-tests';
const EPHEMERAL = 64;
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
});

afterAll(async () => {
  await fake?.stop();
});

const nextUser = userIds(610000000000000000n);

/** The PNG's decoded size. */
async function imageSize(file: { data: Buffer }): Promise<[number, number]> {
  const image = await loadImage(file.data);
  return [image.width, image.height];
}

describe.each(MODES)('Discord share cards over %s', (mode: Mode) => {
  let bot: ModeBot;

  beforeAll(async () => {
    bot = await startMode(mode, fake, {
      talk: makeTalk(),
      token: TOKEN,
      cooldown: new Cooldown(10, 3, () => 0),
      log: createLogger('silent'),
    });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  /**
   * Sends an interaction and returns its first answer, the message it ends as (the edit after a deferral, or
   * the reply itself) with its files, and any follow-ups that came with it.
   */
  async function send(input: InteractionInput, followUps = 0) {
    const payload = interaction(fake, { userId: nextUser(), ...input });
    const edited = fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(payload.token));
    const later: Promise<RecordedRequest>[] = [];
    for (let i = 0; i < followUps; i++)
      later.push(
        fake.waitFor(
          (r) =>
            r.method === 'POST' && r.path.startsWith('/api/v10/webhooks/') && r.path.includes(payload.token),
        ),
      );
    const first = (await bot.send(payload)) as { type: number; data?: any };
    let final: { body: any; files: RecordedRequest['files'] };
    if (first.type === 5) {
      const edit = await edited;
      final = { body: edit.body, files: edit.files ?? [] };
    } else {
      edited.catch(() => undefined);
      final = { body: first.data, files: [] };
    }
    return { first, final, followUps: await Promise.all(later) };
  }

  const talk = (
    name: string,
    options: { name: string; value: string }[] = [],
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
  const press = (customId: string, extra: Partial<InteractionInput> = {}, followUps = 0) =>
    send(
      { type: 3, data: { custom_id: customId, component_type: 2 }, message: fake.message(), ...extra },
      followUps,
    );

  it('answers /talk card with a public deferral, then the words and a 1200×675 PNG that decodes', async () => {
    const { first, final } = await talk('card', [{ name: 'query', value: 'data wall' }]);
    // Drawing takes a moment: a public deferral first, within Discord's 3 s.
    expect(first).toEqual({ type: 5, data: {} });
    expect(final.files).toHaveLength(1);
    const [file] = final.files!;
    expect(file).toMatchObject({ field: 'files[0]', name: 'card.png', contentType: 'image/png' });
    expect(await imageSize(file!)).toEqual([1200, 675]);
    // The words are in the message too, whose they are said as on the quote itself.
    expect(final.body.content).toContain("原文 · the speaker's words, verbatim");
    expect(final.body.content).toContain('English translation by this project');
    expect(final.body.content).toContain('数据墙');
    expect(final.body.content).toMatch(
      /\*— Yang Zhilin \(杨植麟\).* · English translation by this project · #agi-\d+\*$/,
    );
    expect(final.body.attachments).toEqual([
      { id: 0, filename: 'card.png', description: expect.stringContaining('数据墙') },
    ]);
    expect(final.body.allowed_mentions).toEqual({ parse: [] });
    expect(final.body.embeds).toEqual([]);
  });

  it('posts a card from the Card button on a quote and on a takeaway', async () => {
    const quote = await talk('quote', [{ name: 'query', value: 'Riemann hypothesis' }]);
    const cardButton = buttons(quote.first.data).find((b) => b.label === 'Card')!;
    expect(cardButton.custom_id).toMatch(/^p\|cq\|b\|o1-7$/);
    const fromQuote = await press(cardButton.custom_id);
    expect(fromQuote.first.type).toBe(5);
    expect(await imageSize(fromQuote.final.files![0]!)).toEqual([1200, 675]);
    expect(fromQuote.final.body.content).toContain('#o1-7');

    const takeaway = await talk('takeaway', [{ name: 'lang', value: 'zh' }]);
    const takeawayCard = buttons(takeaway.first.data).find((b) => b.label === '卡片')!;
    const fromTakeaway = await press(takeawayCard.custom_id);
    expect(await imageSize(fromTakeaway.final.files![0]!)).toEqual([1200, 675]);
    expect(fromTakeaway.final.body.content).toContain('本项目根据杨植麟的演讲');
  });

  it('posts the words alone where it may not attach files, and tells the asker privately why', async () => {
    const { first, final, followUps } = await send(
      {
        type: 2,
        data: {
          id: '900',
          name: 'talk',
          type: 1,
          options: [{ type: 1, name: 'card', options: [{ type: 3, name: 'query', value: '#o1-7' }] }],
        },
        appPermissions: NO_ATTACH_PERMISSIONS,
      },
      1,
    );
    // The quote itself, for everyone, as `/talk quote` would post it; no file anywhere.
    expect(first.type).toBe(4);
    expect(first.data.flags ?? 0).toBe(0);
    expect(first.data.embeds[0].footer.text).toMatch(/#o1-7$/);
    expect(final.files).toEqual([]);
    expect(followUps[0]!.body.flags).toBe(EPHEMERAL);
    expect(followUps[0]!.body.embeds[0].description).toContain('I need the **Attach Files** permission here');
    expect(followUps[0]!.files ?? []).toEqual([]);
  });

  it('refuses privately, and draws nothing, when the talk does not cover the words', async () => {
    const { first } = await talk('card', [{ name: 'query', value: 'stock tips' }]);
    expect(first.type).toBe(4);
    expect(first.data.flags).toBe(EPHEMERAL);
    expect(first.data.embeds[0].title).toBe("The talk doesn't cover that.");
  });

  it.each(['dm', 'group-dm'] as const)(
    'posts a card in a %s, where there is no server and no member',
    async (context) => {
      const { first, final } = await talk('card', [{ name: 'query', value: 'takeaway' }], { context });
      expect(first.type).toBe(5);
      expect(await imageSize(final.files![0]!)).toEqual([1200, 675]);
      expect(final.body.content).toContain('Takeaway written by this project');
    },
  );
});
