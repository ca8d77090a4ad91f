/**
 * `npm run talk -- card [words|#id|takeaway [day]] --out card.png`: writes the share card as a PNG file. The
 * file appears whole or not at all (written beside it under another name, then renamed); a path that cannot
 * be written gets one sentence naming it, and nothing is left behind.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { viewJson } from './core/json.js';
import type { CardView } from './core/views.js';
import { CARD_SIZE, drawCardImage } from './render/card-image.js';

/** `--out FILE` (or `--out=FILE`) taken out of the arguments, before the shared parser sees them. */
export function takeOut(argv: string[]): { argv: string[]; out?: string; missing?: boolean } {
  const rest: string[] = [];
  let out: string | undefined;
  let missing = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = /^--out=(.*)$/i.exec(arg);
    if (inline) {
      out = inline[1];
      missing ||= out === '';
    } else if (/^--out$/i.test(arg)) {
      out = argv[++i];
      missing ||= out === undefined || out.startsWith('--');
    } else rest.push(arg);
  }
  return { argv: rest, ...(out !== undefined ? { out } : {}), ...(missing ? { missing } : {}) };
}

/** Draws the card and writes it to `out`; returns the exit status. */
export async function writeCard(
  view: CardView,
  out: string,
  json: boolean,
  io: { stdout: Writable; stderr: Writable },
): Promise<number> {
  const path = resolve(out);
  const { png } = await drawCardImage(view);
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeFile(partial, png, { flag: 'wx' });
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.stderr.write(
      `Could not write the card to ${path} (${reason}): check that the folder exists and is writable.\n`,
    );
    return 1;
  }
  const what =
    view.of.kind === 'quote' ? `quote #${view.of.passage.id}` : `takeaway ${view.of.id} of ${view.of.date}`;
  const summary = `${CARD_SIZE.width}×${CARD_SIZE.height} PNG, ${Math.ceil(png.length / 1024)} KiB`;
  io.stdout.write(
    json
      ? `${JSON.stringify({ ...(viewJson(view) as object), card: { file: path, ...CARD_SIZE, bytes: png.length } })}\n`
      : `Wrote ${path} (${summary}): ${what}\n`,
  );
  return 0;
}
