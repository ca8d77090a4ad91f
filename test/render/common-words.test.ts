/**
 * The pieces every renderer shares, and the short answers built from them: the language answer, an unknown
 * command, quotation marks, cutting text, section titles we named, Share only where it makes sense, and
 * Discord's markdown escaping.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/actions.js';
import type { HelpView, LangView, View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { describeLang, inQuotes, sectionTitle, truncate, visibleActions } from '../../src/render/common.js';
import { escapeDiscordMarkdown, renderDiscord } from '../../src/render/discord.js';
import { renderSlack } from '../../src/render/slack.js';
import { renderText } from '../../src/render/text.js';
import { makeTalk } from '../helpers.js';

const talk = makeTalk();
const lang = (view: Partial<LangView>): LangView => ({
  kind: 'lang',
  lang: 'en',
  actions: [],
  change: 'shown',
  ...view,
});
const ONE_OFF_EN =
  '`--zh`, `--en` or `--both` (on Discord the `lang` option) still chooses for a single command.';
const ONE_OFF_ZH = '`--zh`、`--en` 或 `--both`(Discord 上为 `lang` 选项)仍可为单个命令另选语言。';

describe('the language answer', () => {
  it('says a new choice, and how to choose once and to forget', () => {
    expect(describeLang(lang({ change: 'set', remembered: 'both' }))).toEqual({
      en: `From now on I answer you in the Chinese original with English. ${ONE_OFF_EN} \`/talk lang reset\` forgets it.`,
      zh: `从现在起,我用中文原文加英文回答你。${ONE_OFF_ZH}\`/talk lang reset\` 可忘记此选择。`,
    });
  });

  it('says the remembered choice when asked', () => {
    expect(describeLang(lang({ remembered: 'en' }))).toEqual({
      en: `I answer you in English only (your choice). ${ONE_OFF_EN} \`/talk lang reset\` forgets it.`,
      zh: `我用英文回答你(你的选择)。${ONE_OFF_ZH}\`/talk lang reset\` 可忘记此选择。`,
    });
    expect(describeLang(lang({ remembered: 'zh' })).en).toMatch(
      /^I answer you in Chinese only \(your choice\)\./,
    );
  });

  it('says what happens without a choice, after forgetting one or before any', () => {
    const rest = {
      en: 'Answers follow the default again (your Discord language, otherwise Chinese with English). `/talk lang zh|en|both` chooses one.',
      zh: '回答将使用默认语言(Discord 的界面语言,否则为中文加英文)。用 `/talk lang zh|en|both` 选择。',
    };
    expect(describeLang(lang({ change: 'reset', remembered: 'zh' }))).toEqual({
      en: `I forgot your language. ${rest.en}`,
      zh: `已忘记你的语言选择。${rest.zh}`,
    });
    expect(describeLang(lang({}))).toEqual({
      en: `You haven't chosen a language. ${rest.en}`,
      zh: `你还没有选择语言。${rest.zh}`,
    });
  });

  it('is the same words on every surface', () => {
    const view = lang({ lang: 'zh', change: 'set', remembered: 'en' });
    const words = describeLang(view).zh;
    expect(renderText(view)).toBe(words);
    expect(renderDiscord(view, { ephemeral: true }).embeds[0]?.description).toBe(words);
    expect(renderSlack(view, { ephemeral: true }).blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: words },
    });
  });
});

describe('an unknown command', () => {
  const help = (unknown: string, l: Lang = 'en'): HelpView => talk.help(l, unknown);

  it('repeats what was typed, the closest command and its usage', () => {
    const lines = [
      '“qoute” is not a /talk command. Did you mean `/talk quote`?',
      'Usage: `/talk quote [words]`',
      '`/talk help` lists every command.',
    ];
    expect(renderText(help('qoute'))).toBe(lines.join('\n'));
    expect(renderDiscord(help('qoute'), { ephemeral: true }).embeds[0]?.description).toBe(lines.join('\n'));
    expect(renderText(help('qoute', 'zh')).split('\n')).toEqual([
      '“qoute” 不是 /talk 的子命令。 你是不是想用 `/talk quote`?',
      '用法: `/talk quote [words]`',
      '`/talk help` 列出所有命令。',
    ]);
  });

  it('shows what was typed as typed, at most 100 characters of it', () => {
    const typed = `<@U1> *x* ${'y'.repeat(200)}`;
    const [discordLine] = renderDiscord(help(typed), { ephemeral: true }).embeds[0]!.description!.split('\n');
    expect(discordLine).toBe(`“\\<@U1> \\*x\\* ${'y'.repeat(89)}…” is not a /talk command.`);
    const [slackBlock] = renderSlack(help(typed), { ephemeral: true }).blocks;
    expect(slackBlock).toMatchObject({
      text: { text: expect.stringMatching(/^“&lt;@U1&gt; \*x\* y+…” is not a \/talk command\.\n/) },
    });
  });
});

describe('the list of commands', () => {
  it('gives each command’s usage and what it does, on every surface', () => {
    const view = talk.help('en');
    const [first] = view.commands;
    const text = renderText(view).split('\n');
    const width = Math.max(...view.commands.map((c) => c.usage.length));
    expect(text.slice(0, 3)).toEqual([
      'How to use /talk',
      '',
      `  /talk ${first!.usage.padEnd(width)}  ${first!.description.en}`,
    ]);
    expect(text.slice(-2)).toEqual(['', 'Add `--zh`, `--en` or `--both` to choose the language.']);
    const embed = renderDiscord(view, { ephemeral: true }).embeds[0]!;
    expect(embed.title).toBe('How to use /talk');
    expect(embed.description?.split('\n')[0]).toBe(`\`/talk ${first!.usage}\` — ${first!.description.en}`);
    expect(embed.description?.split('\n')).toHaveLength(view.commands.length);
  });
});

describe('about and topics', () => {
  it('name the talk, the speaker, the venue and what the bot holds', () => {
    const view = talk.about('en');
    const counts = `${view.counts.passages} passages · ${view.counts.topics} topics · ${view.counts.takeaways} takeaways`;
    expect(renderText(view).split('\n')).toEqual([
      `${view.title.zh} / ${view.title.en}`,
      `${view.speaker.zh} (${view.speaker.en}), ${view.speaker.role.en}`,
      `${view.venue.en} · ${view.date}`,
      '',
      view.credits.en,
      counts,
    ]);
    expect(renderDiscord(view, { ephemeral: true }).embeds[0]).toMatchObject({
      title: `${view.title.zh} · ${view.title.en}`,
      description: `**${view.speaker.zh} ${view.speaker.en}**, ${view.speaker.role.en}\n${view.venue.en} · ${view.date}\n\n${view.credits.en}`,
      footer: { text: counts },
    });
  });

  it('list each topic with its id and the words that find it', () => {
    const view = talk.topics('en');
    const [t] = view.topics;
    expect(renderText(view).split('\n').slice(0, 3)).toEqual([
      'Topics of the talk',
      '',
      `${t!.id.padEnd(18)} ${t!.title.en}  — ${t!.aliases.join(', ')}`,
    ]);
    expect(renderDiscord(view, { ephemeral: true }).embeds[0]?.description?.split('\n')[0]).toBe(
      `\`${t!.id}\` **${t!.title.en}** — ${t!.aliases.join(', ')}`,
    );
    const slack = renderSlack({ ...view, topics: [{ ...t!, aliases: ['a<b'] }] }, { ephemeral: true }).blocks;
    expect(slack[1]).toMatchObject({ text: { text: `\`${t!.id}\` *${t!.title.en}* — a&lt;b` } });
  });
});

describe('shared pieces', () => {
  it('add quotation marks unless the text carries its own', () => {
    expect(inQuotes(' words ', '「', '」')).toBe('「words」');
    expect(inQuotes('「已引」', '「', '」')).toBe('「已引」');
    expect(inQuotes('“quoted”', '"', '"')).toBe('“quoted”');
    expect(inQuotes('“half', '"', '"')).toBe('"“half"');
    expect(inQuotes('half”', '"', '"')).toBe('"half”"');
  });

  it('cut text with "…" within the limit, never inside a character', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect(truncate('a🙂b', 3)).toBe('a…');
    expect(truncate('a🙂b', 4)).toBe('a🙂b');
    expect(truncate('a🙂bc', 4)).toBe('a🙂…');
  });

  it('say when this project named a section', () => {
    expect(sectionTitle({ en: 'Opening', zh: '开场', origin: 'project' }, 'en')).toBe(
      'Opening (named by this project)',
    );
    expect(sectionTitle({ en: 'Opening', zh: '开场', origin: 'project' }, 'zh')).toBe('开场 (本项目命名)');
    expect(sectionTitle({ en: 'Opening', zh: '开场', origin: 'article' }, 'both')).toBe('Opening');
  });

  it('offer Share only on an answer only its asker sees', () => {
    const share: Action = { label: 'share', request: { sub: 'about', lang: 'en' } };
    const card: Action = { label: 'card', request: { sub: 'card', lang: 'en', id: 'a' } };
    expect(visibleActions([share, card], true)).toEqual([share, card]);
    expect(visibleActions([share, card], false)).toEqual([card]);
  });
});

describe('button labels', () => {
  it('are in the language of the answer each button asks for', () => {
    const labels: Action['label'][] = ['another', 'context', 'previous', 'next', 'share', 'post-now', 'card'];
    const row = (l: Lang) =>
      renderDiscord(
        {
          ...talk.about(l),
          actions: labels.map((label) => ({ label, request: { sub: 'topics', lang: l } })),
        },
        { ephemeral: true, customId: (a) => a.label },
      ).components.flatMap((r) => r.components.map((b) => b.label));
    expect(row('en')).toEqual(['Another', 'Context', 'Previous', 'Next', 'Share', 'Post now', 'Card']);
    expect(row('zh')).toEqual(['换一条', '上下文', '上一页', '下一页', '分享', '立即发布', '卡片']);
  });
});

describe('Discord markdown in what someone typed', () => {
  it('is escaped character by character, with runs of space made one', () => {
    expect(escapeDiscordMarkdown('a\\b*c_d~e`f|g[h]i<j')).toBe('a\\\\b\\*c\\_d\\~e\\`f\\|g\\[h\\]i\\<j');
    expect(escapeDiscordMarkdown('a \n\t b')).toBe('a b');
  });

  it('cannot start a quote, a heading or a list', () => {
    expect(escapeDiscordMarkdown('> q')).toBe('\\> q');
    expect(escapeDiscordMarkdown('## h')).toBe('\\## h');
    expect(escapeDiscordMarkdown('- item - b')).toBe('\\- item - b');
    expect(escapeDiscordMarkdown('a > b # c')).toBe('a > b # c');
  });

  it('is escaped in a search’s title', () => {
    const view = talk.searchPage('en', 'data *wall*', 1, 5) as View;
    expect(renderDiscord(view, { ephemeral: true }).embeds[0]?.title).toBe('Search: data \\*wall\\*');
  });
});
