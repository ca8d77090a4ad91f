/**
 * Share cards: how long a render takes (layout, drawing and PNG encoding) and how much resident memory the
 * canvas library, the fonts and the renders add. `npx tsx test/bench/cards.ts` prints it; `measureCards()`
 * is for the project's bench. Wall-clock figures are for reading, not asserting.
 */
import { pathToFileURL } from 'node:url';
import { loadContent } from '../../src/content/load.js';
import { Talk } from '../../src/core/talk.js';
import type { QuoteView } from '../../src/core/views.js';
import { LANGS } from '../../src/core/vocabulary.js';
import { percentile } from './stats.js';

export interface CardMeasures {
  renders: number;
  /** The first render: registers the fonts and loads the glyphs it needs. */
  firstMs: number;
  /** The renders after the first, each a different card (passages and takeaways in zh, en and both). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  pngKiB: { p50: number; max: number };
  /** RSS in MiB: before the renderer is imported, after the import, and after all the renders. */
  rss: { before: number; imported: number; after: number; added: number };
}

const MiB = 1024 * 1024;

/**
 * Renders `renders` different cards one after another. The RSS figures include the @napi-rs/canvas library
 * only if this is the first import of the renderer in the process.
 */
export async function measureCards(renders = 50): Promise<CardMeasures> {
  const talk = new Talk(loadContent(), { random: () => 0.5, today: () => '2026-11-28' });
  const views = LANGS.flatMap((lang) => [
    ...talk.content.passages.map((p) => talk.quote(lang, undefined, p.id) as QuoteView),
    ...talk.content.takeaways.map((t) => talk.takeawayView(lang, t.id, '2026-11-28')),
  ]);
  // Spread over kinds and languages: every 7th view (7 is prime to the count), not the first 50 in a row.
  const picked = Array.from({ length: renders }, (_, i) => views[(i * 7) % views.length]!);

  const before = process.memoryUsage().rss;
  const { cardModel, drawCard } = await import('../../src/render/card/index.js');
  const imported = process.memoryUsage().rss;
  const about = talk.about('en');

  const times: number[] = [];
  const sizes: number[] = [];
  for (const view of picked) {
    const t0 = performance.now();
    const { png } = await drawCard(cardModel(view, { talk: about }));
    times.push(performance.now() - t0);
    sizes.push(png.length / 1024);
  }
  const after = process.memoryUsage().rss;
  const rest = times.slice(1);
  return {
    renders,
    firstMs: times[0]!,
    p50Ms: percentile(rest, 50),
    p99Ms: percentile(rest, 99),
    maxMs: Math.max(...rest),
    pngKiB: { p50: percentile(sizes, 50), max: Math.max(...sizes) },
    rss: {
      before: before / MiB,
      imported: imported / MiB,
      after: after / MiB,
      added: (after - before) / MiB,
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const m = await measureCards(Number(process.argv[2] ?? 50));
  const f = (n: number) => n.toFixed(1);
  console.log(`## Share cards (${m.renders} renders, node ${process.version})\n`);
  console.log(
    `first render ${f(m.firstMs)} ms; then p50 ${f(m.p50Ms)} ms, p99 ${f(m.p99Ms)} ms, max ${f(m.maxMs)} ms`,
  );
  console.log(`PNG p50 ${f(m.pngKiB.p50)} KiB, max ${f(m.pngKiB.max)} KiB`);
  console.log(
    `RSS ${f(m.rss.before)} MiB before import, ${f(m.rss.imported)} MiB after, ${f(m.rss.after)} MiB after the renders: +${f(m.rss.added)} MiB`,
  );
}
