/**
 * The command-line front end (`npm run talk -- …`) and the local console `npm start` opens when no chat
 * platform is configured. Both speak the same `/talk` vocabulary as Discord and Slack.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { searchJson, viewJson } from './core/json.js';
import { parseCommand } from './core/parse.js';
import type { Talk } from './core/talk.js';
import { renderText } from './render/text.js';

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Answers one command line; returns the text to print and whether it was an error. */
export function answer(talk: Talk, line: string): { output: string; failed: boolean } {
  const parsed = parseCommand(line);
  if (!parsed.ok) return { output: renderText(talk.invalid(parsed.lang, parsed.message)), failed: true };
  const { request } = parsed;
  const view = talk.handle(request);
  if (parsed.json) {
    const json = request.sub === 'search' ? searchJson(view, request.query) : viewJson(view);
    return { output: JSON.stringify(json), failed: view.kind === 'error' };
  }
  return {
    output: renderText(view),
    failed: view.kind === 'error' || (view.kind === 'help' && view.unknown !== undefined),
  };
}

export async function runCli(argv: string[], talk: Talk, io: Io): Promise<number> {
  const line = argv.join(' ');
  const parsed = parseCommand(line);
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

/** An interactive prompt: type `/talk quote`, `summary rl`, … and see the plain-text answer. */
export async function runConsole(talk: Talk, io: Io): Promise<void> {
  const rl = createInterface({ input: io.stdin, output: io.stdout, prompt: 'talk> ' });
  io.stdout.write('Local console: type `/talk help`, `/talk quote`, `/talk summary rl` … (Ctrl+D to quit)\n');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === 'exit' || line.trim() === 'quit') break;
    if (line.trim() !== '') io.stdout.write(`${answer(talk, line).output}\n\n`);
    rl.prompt();
  }
  rl.close();
}
