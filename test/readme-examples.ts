/**
 * The README's example outputs, produced by the program itself. An example is a fenced block right after a
 * marker line such as `<!-- example: talk quote --id o1-7 -->`:
 * - `talk <command>`: what `npm run talk -- <command>` prints (the same text the local console shows);
 * - `daily <command>`: a `/talk daily` answer in a Discord server, as text, on a fixed clock.
 * Examples run with the date fixed at 2026-11-28 and a fixed random seed, so they are the same every time.
 * `npm run readme` rewrites them; test/readme.test.ts fails when the README differs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer } from '../src/cli.js';
import { parseCommand } from '../src/core/parse.js';
import { DailyScheduler } from '../src/daily/scheduler.js';
import { DailyService } from '../src/daily/service.js';
import { SqliteStore } from '../src/daily/sqlite-store.js';
import { createLogger } from '../src/log.js';
import { renderText } from '../src/render/text.js';
import { makeTalk } from './helpers.js';

export const EXAMPLE = /<!-- example: (talk|daily) (.+?) -->\n```text\n([\s\S]*?)```/g;

/** 2026-11-28 08:37 UTC (09:37 in Berlin): the clock the daily examples run on. */
const NOW = Date.parse('2026-11-28T08:37:00Z');

let daily: { service: DailyService; store: SqliteStore } | undefined;

function dailyService() {
  if (!daily) {
    const talk = makeTalk();
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-readme-')), 'talk.sqlite'));
    const scheduler = new DailyScheduler({
      store,
      talk,
      posters: {},
      now: () => NOW,
      owner: 'readme',
      log: createLogger('silent'),
    });
    daily = { service: new DailyService(store, talk, scheduler, () => NOW), store };
  }
  return daily.service;
}

/** The output of one example, as the program prints it. */
export async function runExample(kind: string, command: string): Promise<string> {
  if (kind === 'talk') return `${answer(makeTalk(), command).output}\n`;
  const parsed = parseCommand(command);
  if (!parsed.ok || parsed.request.sub !== 'daily') throw new Error(`not a daily command: ${command}`);
  const view = await dailyService().handle(parsed.request, {
    platform: 'discord',
    workspace: '200000000000000002',
    user: '400000000000000004',
    isAdmin: true,
    here: '300000000000000003',
    checkChannel: async () => undefined,
  });
  return `${renderText(view)}\n`;
}

/** The README with every example replaced by the program's output. */
export async function renderReadme(readme: string): Promise<string> {
  let out = '';
  let last = 0;
  for (const m of readme.matchAll(EXAMPLE)) {
    out += `${readme.slice(last, m.index)}<!-- example: ${m[1]} ${m[2]} -->\n\`\`\`text\n${await runExample(m[1]!, m[2]!)}\`\`\``;
    last = m.index! + m[0].length;
  }
  return out + readme.slice(last);
}
