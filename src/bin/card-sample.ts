/**
 * `npm run card:sample [-- DIR [ID|TAKEAWAY-ID ...]]`: writes share cards as PNG files to look at (default
 * /tmp/cards): by default the shortest and the longest speaker passage, a highlight, an introduction and a
 * takeaway, each in zh, en and both.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../content/load.js';
import { Talk } from '../core/talk.js';
import type { Lang } from '../core/vocabulary.js';
import { cardModel, drawCard } from '../render/card/index.js';

const [dir = '/tmp/cards', ...ids] = process.argv.slice(2);
const content = loadContent();
const talk = new Talk(content);
const about = talk.about('en');
const bySize = content.passages.filter((p) => p.kind === 'speaker').sort((a, b) => a.zh.length - b.zh.length);
const wanted =
  ids.length > 0
    ? ids
    : [
        bySize[0]!.id,
        bySize.at(-1)!.id,
        'next-4',
        content.passages.find((p) => p.kind === 'highlight')!.id,
        content.passages.find((p) => p.kind === 'introduction' && p.renders)?.id ?? 'intro-1',
        content.takeaways[0]!.id,
      ];

mkdirSync(dir, { recursive: true });
for (const id of wanted) {
  for (const lang of ['zh', 'en', 'both'] as Lang[]) {
    const isTakeaway = content.takeaways.some((t) => t.id === id);
    const view = isTakeaway ? talk.takeawayView(lang, id, '2026-11-28') : talk.quote(lang, undefined, id);
    if (view.kind !== 'quote' && view.kind !== 'takeaway') throw new Error(`no passage or takeaway ${id}`);
    const t0 = performance.now();
    const { png, layout } = await drawCard(cardModel(view, { talk: about }));
    const ms = performance.now() - t0;
    const file = join(dir, `${id}-${lang}.png`);
    writeFileSync(file, png);
    const cut = layout.blocks.some((b) => b.cut) ? ' (cut)' : '';
    const sizes = layout.blocks.filter((b) => b.role === 'text').map((b) => `${b.script} ${b.size}px`);
    console.log(
      `${file}  ${(png.length / 1024).toFixed(0)} KiB  ${ms.toFixed(0)} ms  ${sizes.join(', ')}${cut}`,
    );
  }
}
