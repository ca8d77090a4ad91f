import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { commandDefinitions, talkCommandDefinition } from '../../commands/discord/definitions.js';
import { register } from '../../commands/discord/register.js';
import { loadConfig } from '../../src/config.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { createLogger } from '../../src/log.js';
import { Telemetry } from '../../src/ops/telemetry.js';
import {
  APP_ID,
  buttonsOf as buttons,
  FakeDiscord,
  GUILD_ID,
  type InteractionInput,
  interaction,
  userIds,
} from '../fakes/discord.js';
import { makeTalk } from '../helpers.js';
import { MODES, type Mode, type ModeBot, startMode } from './discord-modes.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.fake.token-for-tests-only';
const EPHEMERAL = 64;
let fake: FakeDiscord;
let now = 1_000_000;
const logLines: string[] = [];

beforeAll(async () => {
  fake = await new FakeDiscord().start();
});

afterAll(async () => {
  await fake?.stop();
});

const nextUser = userIds(600000000000000000n);

// The same scenarios over the gateway (discord.js Client) and over HTTP interactions (signed POSTs).
describe.each(MODES)('Discord /talk over %s', (mode: Mode) => {
  let bot: ModeBot;
  const telemetry = new Telemetry(createLogger('silent'));

  const startBot = () =>
    startMode(mode, fake, {
      talk: makeTalk(),
      token: TOKEN,
      cooldown: new Cooldown(10, 3, () => now),
      log: createLogger('debug', [TOKEN], (l) => logLines.push(l)),
      telemetry,
    });

  beforeAll(async () => {
    bot = await startBot();
  });

  afterAll(async () => {
    await bot?.stop();
  });

  /** Sends an interaction as Discord would in this mode and returns the first answer. */
  async function send(input: InteractionInput) {
    const payload = interaction(fake, input);
    return { payload, body: (await bot.send(payload)) as { type: number; data: any } };
  }

  const talk = (
    name: string,
    options: { name: string; value: string; focused?: boolean }[] = [],
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
  const press = (customId: string, extra: Partial<InteractionInput> = {}) =>
    send({ type: 3, data: { custom_id: customId, component_type: 2 }, message: fake.message(), ...extra });

  it('answers /talk quote publicly with an attributed quote, no mentions and buttons', async () => {
    const { body } = await talk('quote', [], { userId: nextUser() });
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    const embed = body.data.embeds[0];
    expect(embed.footer.text).toMatch(
      /^— Yang Zhilin \(杨植麟\).*Xuanhuai College, Tianjin University · 2024-09-14/,
    );
    expect(embed.description).toContain("原文 · the speaker's words, verbatim");
    expect(embed.description).toContain('English translation by this project');
    expect(buttons(body.data).map((b) => b.label)).toEqual(['Another', 'Context', '中文', 'Card']);
  });

  it('shows a mention-laden query as text and pings nobody', async () => {
    const { body } = await talk(
      'quote',
      [{ name: 'query', value: '@everyone <@&123456789012345678> data wall' }],
      { userId: nextUser() },
    );
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    // Shown as typed: the mention is escaped, so it is neither rendered nor pinged.
    expect(body.data.embeds[0].description).toContain('@everyone \\<@&123456789012345678> data wall');
    expect(body.data.embeds[0].footer.text).toMatch(/#agi-\d+$/);
  });

  it('answers in Chinese for a Chinese locale', async () => {
    const { body } = await talk('summary', [{ name: 'topic', value: 'rl' }], {
      locale: 'zh-CN',
      userId: nextUser(),
    });
    expect(body.data.embeds[0].title).toBe('强化学习与OpenAI o1');
    expect(body.data.embeds[0].description).toContain('本项目根据杨植麟的演讲');
  });

  it('honours an explicit lang over the locale', async () => {
    const { body } = await talk(
      'summary',
      [
        { name: 'topic', value: '强化学习' },
        { name: 'lang', value: 'en' },
      ],
      { locale: 'zh-CN', userId: nextUser() },
    );
    expect(body.data.embeds[0].title).toBe('Reinforcement learning and OpenAI o1');
    expect(body.data.embeds[0].description).toContain('`#o1-1`');
  });

  it('answers an unknown topic privately with the closest topics', async () => {
    const { body } = await talk('summary', [{ name: 'topic', value: 'reinforcement things' }], {
      userId: nextUser(),
    });
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.embeds[0].description).toContain('`rl`');
  });

  it('pages search results with Previous and Next, editing the private message', async () => {
    const first = await talk('search', [{ name: 'query', value: 'data' }]);
    expect(first.body.data.flags).toBe(EPHEMERAL);
    expect(first.body.data.embeds[0].description).toMatch(/Page 1\/\d/);
    const next = buttons(first.body.data).find((b) => b.label === 'Next')!;
    const second = await press(next.custom_id);
    expect(second.body.type).toBe(7);
    expect(second.body.data.embeds[0].description).toMatch(/Page 2\//);
    expect(buttons(second.body.data).map((b) => b.label)).toEqual(['Previous', 'Next']);
  });

  it('keeps paging a 2,000-character query through a short custom id', async () => {
    // Real words of the talk, so there are results to page through.
    const query = 'data wall reinforcement learning scaling law '.repeat(50).slice(0, 2000).trim();
    const first = await talk('search', [{ name: 'query', value: query }]);
    expect(first.body.data.embeds[0].description).toMatch(/Page 1\/\d/);
    const ids = buttons(first.body.data).map((b) => b.custom_id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    const second = await press(ids[0]!);
    expect(second.body.type).toBe(7);
    expect(second.body.data.embeds[0].description).toMatch(/Page 2\//);
  });

  it('answers topics, takeaway, about and help', async () => {
    const topics = await talk('topics');
    expect(topics.body.data.flags).toBe(EPHEMERAL);
    expect(topics.body.data.embeds[0].description).toContain('`rl`');
    const takeaway = await talk('takeaway', [], { userId: nextUser() });
    expect(takeaway.body.data.flags ?? 0).toBe(0);
    expect(takeaway.body.data.embeds[0].title).toMatch(/^Takeaway of the day · 2026-11-28/);
    expect((await talk('about')).body.data.embeds[0].description).toContain('Xuanhuai College');
    expect((await talk('help')).body.data.embeds[0].description).toContain('/talk summary [topic]');
  });

  it('answers an unknown subcommand with help, counted as "unknown" in metrics', async () => {
    const { body } = await talk('frobnicate');
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.embeds[0].description).toContain('is not a /talk command');
    // Counted just after the answer went out.
    let metrics = '';
    for (let i = 0; i < 50 && !metrics.includes('subcommand="unknown"'); i++) {
      await new Promise((r) => setTimeout(r, 10));
      metrics = await telemetry.registry.getSingleMetricAsString('talk_commands_total');
    }
    expect(metrics).toContain('subcommand="unknown"');
    expect(metrics).not.toContain('frobnicate');
  });

  it('answers an option of an unexpected type (a stale registration) politely, with a warning only', async () => {
    const lines = logLines.length;
    const { body } = await send({
      type: 2,
      data: {
        id: '900',
        name: 'talk',
        type: 1,
        options: [{ type: 1, name: 'quote', options: [{ type: 4, name: 'query', value: 42 }] }],
      },
      userId: nextUser(),
    });
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.embeds[0].description).toContain('This command looks out of date');
    const logged = logLines.slice(lines).join('\n');
    expect(logged).toContain('"level":"warn"');
    expect(logged).not.toContain('"level":"error"');
  });

  it('answers an unknown daily action politely', async () => {
    const { body } = await send({
      type: 2,
      data: {
        id: '900',
        name: 'talk',
        type: 1,
        options: [{ type: 2, name: 'daily', options: [{ type: 1, name: 'explode', options: [] }] }],
      },
    });
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.embeds[0].description).toContain('This command looks out of date');
  });

  it('autocompletes quotes and topics', async () => {
    const quotes = await send({
      type: 4,
      data: {
        id: '900',
        name: 'talk',
        type: 1,
        options: [
          { type: 1, name: 'quote', options: [{ type: 3, name: 'query', value: 'Riemann', focused: true }] },
        ],
      },
    });
    expect(quotes.body.type).toBe(8);
    expect(quotes.body.data.choices[0].value).toBe('#o1-7');
    for (const c of quotes.body.data.choices) expect(c.name.length).toBeLessThanOrEqual(100);
    const topics = await send({
      type: 4,
      data: {
        id: '900',
        name: 'talk',
        type: 1,
        options: [
          { type: 1, name: 'summary', options: [{ type: 3, name: 'topic', value: '强化', focused: true }] },
        ],
      },
    });
    expect(topics.body.data.choices.map((c: any) => c.value)).toContain('rl');
  });

  it('autocompletes while typing: starting points on an empty field, prefixes, typos, Chinese, zones', async () => {
    const typed = async (sub: string, option: string, value: string, group?: string) => {
      const inner = { type: 1, name: sub, options: [{ type: 3, name: option, value, focused: true }] };
      const { body } = await send({
        type: 4,
        data: {
          id: '900',
          name: 'talk',
          type: 1,
          options: [group ? { type: 2, name: group, options: [inner] } : inner],
        },
      });
      expect(body.type).toBe(8);
      return (body.data.choices as { name: string; value: string }[]).map((c) => c.value);
    };
    const empty = await typed('quote', 'query', '');
    expect(empty.length).toBeGreaterThanOrEqual(10);
    expect(new Set(empty).size).toBe(empty.length);
    expect((await typed('quote', 'query', 'data w'))[0]).toMatch(/^#agi-/);
    expect((await typed('quote', 'query', 'reinf')).slice(0, 3)).toContain('#o1-1');
    expect((await typed('quote', 'query', 'reenf')).slice(0, 3)).toContain('#o1-1');
    expect((await typed('quote', 'query', '强化')).slice(0, 3)).toContain('#o1-1');
    expect((await typed('summary', 'topic', '')).length).toBe(15);
    expect((await typed('summary', 'topic', 'scal'))[0]).toBe('scaling-law');
    expect(await typed('set', 'timezone', 'berln', 'daily')).toContain('Europe/Berlin');
  });

  it('quotes the passage an autocomplete choice names', async () => {
    const { body } = await talk('quote', [{ name: 'query', value: '#o1-7' }], { userId: nextUser() });
    expect(body.data.embeds[0].footer.text).toMatch(/#o1-7$/);
  });

  it('runs every quote button: Another, Context, 中文 and Share', async () => {
    const { body } = await talk('quote', [{ name: 'query', value: 'Riemann hypothesis' }], {
      userId: nextUser(),
    });
    const [another, context, chinese] = buttons(body.data);
    const a = await press(another!.custom_id);
    expect(a.body.data.flags).toBe(EPHEMERAL);
    expect(a.body.data.embeds[0].footer.text).toMatch(/Yang Zhilin/);
    expect(buttons(a.body.data).map((b) => b.label)).toContain('Share');
    const c = await press(context!.custom_id);
    expect(c.body.data.embeds[0].title).toBe('In context · #o1-7');
    expect(c.body.data.embeds[0].fields.map((f: any) => f.name.split(' ')[1] ?? f.name)).toEqual(
      expect.arrayContaining(['#o1-7']),
    );
    const z = await press(chinese!.custom_id);
    expect(z.body.data.embeds[0].description).toContain('原文 · 演讲者原话');
    expect(z.body.data.embeds[0].description).not.toContain('English translation');
    const share = buttons(a.body.data).find((b) => b.label === 'Share')!;
    const s = await press(share.custom_id, { userId: nextUser() });
    expect(s.body.type).toBe(4);
    expect(s.body.data.flags ?? 0).toBe(0);
    expect(s.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers an unknown or expired button politely', async () => {
    const { body } = await press('something-old');
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.embeds[0].description).toContain('This button has expired');
  });

  it('lets a user ask a few things in a row, then asks them to slow down, refilling one answer per 10 s', async () => {
    const user = nextUser();
    const isPublic = async (name: string, options: { name: string; value: string }[] = []) =>
      ((await talk(name, options, { userId: user })).body.data.flags ?? 0) === 0;
    expect(await isPublic('quote')).toBe(true);
    expect(await isPublic('summary', [{ name: 'topic', value: 'rl' }])).toBe(true);
    expect(await isPublic('takeaway')).toBe(true);
    const fourth = await talk('quote', [], { userId: user });
    expect(fourth.body.data.flags).toBe(EPHEMERAL);
    expect(fourth.body.data.embeds[0].description).toMatch(/another public answer in 10 s/);
    now += 10_000;
    expect(await isPublic('quote')).toBe(true);
    expect(await isPublic('quote')).toBe(false);
  });

  // Over HTTP the first answer is the response itself: nothing can refuse it (see discord-http.test.ts).
  it.runIf(mode === 'gateway')(
    'survives a failing reply: the user gets an error id, the log gets the details, the bot carries on',
    async () => {
      let failed = false;
      fake.respond = (r) => {
        if (!failed && r.path.includes('/callback')) {
          failed = true;
          return [400, { message: 'Invalid Form Body', code: 50035 }];
        }
        return undefined;
      };
      const payload = interaction(fake, {
        type: 2,
        data: { id: '900', name: 'talk', type: 1, options: [{ type: 1, name: 'about', options: [] }] },
      });
      let seen = 0;
      const retried = fake.waitFor(
        (r) => r.path.startsWith(`/api/v10/interactions/${payload.id}/`) && ++seen === 2,
        15_000,
      );
      fake.dispatch('INTERACTION_CREATE', payload);
      const second = await retried;
      fake.respond = undefined;
      const errorId = /`([0-9a-f]{8})`/.exec(second.body.data.embeds[0].description)?.[1];
      expect(second.body.data.flags).toBe(EPHEMERAL);
      expect(errorId).toBeDefined();
      expect(logLines.some((l) => l.includes(errorId!) && l.includes('discord interaction failed'))).toBe(
        true,
      );
      expect(logLines.join('\n')).not.toContain(TOKEN);
      expect((await talk('help')).body.type).toBe(4);
    },
  );

  it('keeps its buttons working after a restart', async () => {
    const { body } = await talk('quote', [{ name: 'query', value: 'steam engine' }], { userId: nextUser() });
    await bot.stop();
    bot = await startBot();
    const context = buttons(body.data).find((b) => b.label === 'Context')!;
    const c = await press(context.custom_id);
    expect(c.body.data.embeds[0].title).toBe('In context · #agi-9');
  });

  it.runIf(mode === 'gateway')(
    'stops gracefully without a reconnect warning or a reconnect counted',
    async () => {
      const lines = logLines.length;
      await bot.stop();
      bot = await startBot();
      const logged = logLines.slice(lines).join('\n');
      expect(logged).not.toContain('reconnecting');
      expect(await telemetry.registry.getSingleMetricAsString('talk_reconnects_total')).not.toMatch(
        /talk_reconnects_total\{platform="discord"\} [1-9]/,
      );
    },
  );
});

describe('discord:register', () => {
  it('registers the definition the handlers use, to one server when DISCORD_GUILD_ID is set', async () => {
    const printed: string[] = [];
    const put = fake.waitFor((r) => r.method === 'PUT');
    await register(
      loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: fake.api }),
      (l) => printed.push(l),
    );
    const request = await put;
    expect(request.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(request.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(request.body).toEqual(commandDefinitions('server'));
    expect(request.body[0]).toEqual(talkCommandDefinition());
    // Discord reads where a command may be installed and used on global commands only.
    expect(request.body[0]).not.toHaveProperty('contexts');
    expect(printed.slice(0, 3)).toEqual([
      `registered /talk for server ${GUILD_ID} (available now): quote, summary, search, topics, takeaway, card, about, lang, help, daily`,
      `registered the message command "Find in the talk" (right-click a message → Apps) for server ${GUILD_ID} (available now)`,
      'server commands work in that server only: register without DISCORD_GUILD_ID for DMs and installs to a user',
    ]);
    expect(request.body[1]).toEqual({
      type: 3,
      name: 'Find in the talk',
      name_localizations: { 'zh-CN': '在演讲中查找', 'zh-TW': '在演讲中查找' },
      description: '',
    });
    const sub = request.body[0].options.find((o: any) => o.name === 'summary');
    expect(sub.name_localizations['zh-CN']).toBe('总结');
    expect(sub.options[0]).toMatchObject({ name: 'topic', autocomplete: true });
  });

  it("fits Discord's 8,000-character budget for a command, in English and in Chinese", () => {
    const size = (node: any, locale?: string): number =>
      (locale ? (node.name_localizations?.[locale] ?? node.name) : node.name).length +
      ((locale ? node.description_localizations?.[locale] : undefined) ?? node.description ?? '').length +
      (node.choices ?? []).reduce(
        (n: number, c: any) =>
          n + (locale ? (c.name_localizations?.[locale] ?? c.name) : c.name).length + String(c.value).length,
        0,
      ) +
      (node.options ?? []).reduce((n: number, o: any) => n + size(o, locale), 0);
    const definition = talkCommandDefinition();
    expect(size(definition)).toBeLessThanOrEqual(8000);
    expect(size(definition, 'zh-CN')).toBeLessThanOrEqual(8000);
    for (const o of definition.options as any[]) expect(o.description.length).toBeLessThanOrEqual(100);
  });

  it("keeps every option within Discord's limits: names, descriptions, counts, choices, required first", () => {
    // Discord: names 1-32 lowercase characters, descriptions 1-100, at most 25 options and 25 choices.
    const check = (node: any, path: string) => {
      expect(node.name, path).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      for (const name of Object.values(node.name_localizations ?? {}) as string[])
        expect(name.length, `${path} localised`).toBeLessThanOrEqual(32);
      expect(node.description.length, path).toBeGreaterThan(0);
      expect(node.description.length, path).toBeLessThanOrEqual(100);
      for (const d of Object.values(node.description_localizations ?? {}) as string[])
        expect(d.length, `${path} localised`).toBeLessThanOrEqual(100);
      expect((node.options ?? []).length, path).toBeLessThanOrEqual(25);
      expect((node.choices ?? []).length, path).toBeLessThanOrEqual(25);
      for (const c of node.choices ?? []) expect(c.name.length, path).toBeLessThanOrEqual(100);
      // Discord: required options come before optional ones.
      const required = (node.options ?? []).map((o: any) => o.required === true);
      expect(required, path).toEqual([...required].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
      for (const o of node.options ?? []) check(o, `${path} ${o.name}`);
    };
    check(talkCommandDefinition(), 'talk');
    const set = (talkCommandDefinition().options as any[])
      .find((o) => o.name === 'daily')
      .options.find((o: any) => o.name === 'set');
    expect(set.options.map((o: any) => [o.name, o.type])).toEqual([
      ['channel', 7],
      ['time', 3],
      ['timezone', 3],
      ['lang', 3],
      ['days', 3],
      ['thread', 5],
      ['mention', 8],
    ]);
  });

  it('prints the endpoint to paste into the Developer Portal when DISCORD_PUBLIC_KEY is set', async () => {
    const printed: string[] = [];
    const key = 'ab'.repeat(32);
    const before = fake.verifyKey;
    fake.verifyKey = key;
    onTestFinished(() => {
      fake.verifyKey = before;
    });
    await register(
      loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.api, DISCORD_PUBLIC_KEY: key, PORT: '8080' }),
      (l) => printed.push(l),
    );
    expect(printed.slice(3)).toEqual([
      'Discord over HTTP: paste this into the Developer Portal → General Information → Interactions Endpoint URL: https://<your public host>/discord/interactions',
      '  (the public HTTPS address that reaches PORT 8080 of the bot; Discord sends a signed PING when you save, so start the bot first)',
    ]);
    const other = 'cd'.repeat(32);
    printed.length = 0;
    await register(
      loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.api, DISCORD_PUBLIC_KEY: other }),
      (l) => printed.push(l),
    );
    expect(printed.at(-1)).toBe(
      `warning: DISCORD_PUBLIC_KEY is not this application's public key (${key}) — every interaction would be refused.`,
    );
  });

  it('warns over the gateway when the portal still names an endpoint (Discord would send nothing over the gateway)', async () => {
    const printed: string[] = [];
    fake.interactionsEndpointUrl = 'https://bot.example.org/discord/interactions';
    try {
      await register(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.api }), (l) => printed.push(l));
    } finally {
      fake.interactionsEndpointUrl = undefined;
    }
    expect(printed.at(-1)).toMatch(
      /^warning: the Developer Portal names an Interactions Endpoint URL \(https:\/\/bot\.example\.org\/discord\/interactions\), so Discord sends interactions there and none over the gateway/,
    );
  });

  it('registers globally without DISCORD_GUILD_ID, installable to servers and users, usable in DMs and group DMs', async () => {
    const put = fake.waitFor((r) => r.method === 'PUT');
    const printed: string[] = [];
    await register(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.api }), (l) => printed.push(l));
    const request = await put;
    expect(request.path).toBe(`/api/v10/applications/${APP_ID}/commands`);
    expect(request.body.map((c: any) => [c.name, c.type, c.integration_types, c.contexts])).toEqual([
      ['talk', 1, [0, 1], [0, 1, 2]],
      ['Find in the talk', 3, [0, 1], [0, 1, 2]],
    ]);
    expect(printed).toContain(
      'installable to a server or to a user (integration_types 0, 1), usable in servers, DMs with the bot and group DMs (contexts 0, 1, 2); installs to a user need User Install on in the Developer Portal → Installation',
    );
  });
});
