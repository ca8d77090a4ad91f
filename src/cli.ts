/**
 * The command-line front end (`npm run talk -- …`) and the local console `npm start` opens when no chat
 * platform is configured. Both speak the same `/talk` vocabulary as Discord and Slack. The exit status is
 * the same with and without `--json`: 0 for an answer, 1 for anything refused or not understood.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { TalkRequest } from './core/actions.js';
import { searchJson, viewJson } from './core/json.js';
import { parseCommand } from './core/parse.js';
import type { Talk } from './core/talk.js';
import type { View } from './core/views.js';
import { renderText } from './render/text.js';

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** A refusal, an error, or words that are not a command. */
function refused(view: View): boolean {
  return view.kind === 'error' || (view.kind === 'help' && view.unknown !== undefined);
}

export interface Answer {
  output: string;
  failed: boolean;
  /** The request behind the answer (the console pages a search with it). */
  request?: TalkRequest;
  view?: View;
}

/** Answers one command line; returns the text to print and whether it was refused. */
export function answer(talk: Talk, line: string): Answer {
  const parsed = parseCommand(line);
  if (!parsed.ok) {
    const view = talk.invalid(parsed.lang, parsed.message);
    const json = /(^|\s)--json(\s|=|$)/i.test(line);
    return { output: json ? JSON.stringify(viewJson(view)) : renderText(view), failed: true, view };
  }
  const { request } = parsed;
  const view = talk.handle(request);
  if (parsed.json) {
    const json =
      request.sub === 'search' && view.kind !== 'error' ? searchJson(view, request.query) : viewJson(view);
    return { output: JSON.stringify(json), failed: refused(view), request, view };
  }
  return { output: renderText(view), failed: refused(view), request, view };
}

export async function runCli(argv: string[], talk: Talk, io: Io): Promise<number> {
  // Only `card --out` draws: the card code is loaded for it alone.
  const card = argv.some((a) => /^--out(=|$)/i.test(a)) ? await import('./cli-card.js') : undefined;
  const { argv: words, out, missing } = card?.takeOut(argv) ?? { argv };
  const line = words.join(' ');
  const parsed = parseCommand(line);
  if (card && (out !== undefined || missing)) {
    const refuse = (text: string) => {
      io.stderr.write(`${text}\n`);
      return 1;
    };
    if (missing) return refuse('`--out` needs a file name, e.g. `--out card.png`.');
    if (parsed.ok && parsed.request.sub !== 'card') return refuse('`--out` applies to `card` only.');
    const view = parsed.ok ? talk.handle(parsed.request) : undefined;
    if (view?.kind === 'card' && parsed.ok) return card.writeCard(view, out!, parsed.json, io);
    // No card to write (not covered, a bad day, a typo): the answer says why, and the status says no file.
    io.stderr.write(`${answer(talk, line).output}\n`);
    return 1;
  }
  // `search -` answers one query per line of standard input, in order.
  if (parsed.ok && parsed.request.sub === 'search' && parsed.request.query === '-') {
    const { lang, limit, page } = parsed.request;
    const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const query of lines) {
      const view = talk.handle({
        sub: 'search',
        lang,
        query,
        ...(limit ? { limit } : {}),
        ...(page ? { page } : {}),
      });
      io.stdout.write(`${parsed.json ? JSON.stringify(searchJson(view, query)) : renderText(view)}\n`);
    }
    return 0;
  }
  const { output, failed } = answer(talk, line);
  (failed ? io.stderr : io.stdout).write(`${output}\n`);
  return failed ? 1 : 0;
}

const PAGING = /^(next|n|下一页|prev|previous|p|上一页)$/i;

/**
 * An interactive prompt: type `/talk quote`, `summary rl`, … and see the plain-text answer. After a search,
 * `next` and `prev` page through it, as the Next and Previous buttons do on Discord and Slack.
 */
export async function runConsole(talk: Talk, io: Io & { terminal?: boolean }): Promise<void> {
  const terminal = io.terminal ?? (io.stdin as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input: io.stdin, output: io.stdout, prompt: 'talk> ', terminal });
  // Ctrl-C ends the console on a fresh line, so the shell's prompt does not follow ours on the same line.
  rl.on('SIGINT', () => {
    io.stdout.write('\n');
    rl.close();
  });
  io.stdout.write(
    'Local console: type `/talk help`, `/talk quote`, `/talk summary rl` …; after a search, `next` / `prev` page it. (Ctrl+D or Ctrl+C to quit)\n',
  );
  let lastSearch: Extract<TalkRequest, { sub: 'search' }> | undefined;
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (PAGING.test(line)) {
      if (!lastSearch) io.stdout.write('Nothing to page: search first, e.g. `search data wall`.\n\n');
      else {
        const forward = /^(next|n|下一页)$/i.test(line);
        const view = talk.handle({ ...lastSearch, page: (lastSearch.page ?? 1) + (forward ? 1 : -1) });
        if (view.kind === 'search') lastSearch = { ...lastSearch, page: view.page };
        io.stdout.write(`${renderText(view)}\n\n`);
      }
    } else if (line !== '') {
      const result = answer(talk, line);
      if (result.request?.sub === 'search' && result.view?.kind === 'search')
        lastSearch = { ...result.request, page: result.view.page };
      io.stdout.write(`${result.output}\n\n`);
    }
    rl.prompt();
  }
  rl.close();
}
