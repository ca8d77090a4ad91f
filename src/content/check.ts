/**
 * The deeper content checks behind `npm run content:check`: every passage is verbatim from the transcript and
 * belongs to whoever wrote the part of the article it stands in, every passage is translated, and the
 * speaker passages together cover every paragraph the speaker said.
 */

import { createHash } from 'node:crypto';
import type { Content } from './load.js';
import type { PassageKind } from './schema.js';

/** The transcript's lines, trimmed, without blank ones. */
function lines(transcript: string): string[] {
  return transcript
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The transcript's paragraphs that are the speaker's own words (headings and the article around them removed). */
export function speakerParagraphs(content: Content, transcript: string): string[] {
  const { speakerStartsAfter, speakerEndsBefore, headings } = content.meta.transcript;
  const paragraphs = lines(transcript);
  const start = paragraphs.indexOf(speakerStartsAfter);
  const end = paragraphs.indexOf(speakerEndsBefore);
  if (start < 0 || end < 0 || end <= start) {
    throw new Error("the transcript markers in talk.json do not enclose the speaker's words");
  }
  const headingSet = new Set(headings);
  return paragraphs.slice(start + 1, end).filter((p) => !headingSet.has(p));
}

/**
 * Who wrote each stretch of the article: its highlights (划重点), then the journalist's introduction, then the
 * speaker's words up to the closing credits. Offsets are character positions in the transcript.
 */
export function regions(
  content: Content,
  transcript: string,
): { kind: PassageKind; from: number; to: number }[] {
  const t = content.meta.transcript;
  const after = (marker: string) => {
    const at = transcript.indexOf(marker);
    if (at < 0) throw new Error(`the transcript marker "${marker}" in talk.json is not in the transcript`);
    return at + marker.length;
  };
  const highlights = after(t.highlightsStartAfter);
  const introduction = after(t.introductionStartsAfter);
  const speaker = after(t.speakerStartsAfter);
  const end = transcript.indexOf(t.speakerEndsBefore);
  if (!(highlights < introduction && introduction < speaker && speaker < end))
    throw new Error('the transcript markers in talk.json are out of order');
  return [
    { kind: 'highlight', from: highlights, to: introduction },
    { kind: 'introduction', from: introduction, to: speaker },
    { kind: 'speaker', from: speaker, to: end },
  ];
}

/** Text that quotes someone: wholly in quotation marks, or "as X said" (正如…所言). */
const QUOTES_SOMEONE = /^[“"「『].*[”"」』]$|所言|曾说|名言/s;

export function checkContent(content: Content, transcript: string): string[] {
  const problems: string[] = [];
  const digest = createHash('sha256').update(transcript).digest('hex');
  if (digest !== content.meta.transcript.sha256)
    problems.push(
      `${content.meta.transcript.file} is not the source article (its SHA-256 differs from talk.json's)`,
    );
  const stretches = regions(content, transcript);
  for (const p of content.passages) {
    if (!transcript.includes(p.zh))
      problems.push(`passage ${p.id}: Chinese text does not occur verbatim in the transcript`);
    else {
      // A passage belongs to whoever wrote the stretch of the article it stands in.
      const where = new Set<PassageKind>();
      for (let at = transcript.indexOf(p.zh); at >= 0; at = transcript.indexOf(p.zh, at + 1)) {
        const stretch = stretches.find((s) => at >= s.from && at + p.zh.length <= s.to);
        if (stretch) where.add(stretch.kind);
      }
      if (!where.has(p.kind)) {
        const found =
          where.size > 0 ? [...where].join(' or ') : 'outside the highlights, introduction and talk';
        problems.push(
          `passage ${p.id}: marked "${p.kind}" but its text stands in the article's ${found} part`,
        );
      }
    }
    if (QUOTES_SOMEONE.test(p.zh.trim()) && !p.quoting)
      problems.push(`passage ${p.id}: quotes someone but does not say whom ("quoting")`);
    if (p.quoting && !QUOTES_SOMEONE.test(p.zh.trim()))
      problems.push(`passage ${p.id}: says it quotes ${p.quoting.en}, but its text does not read as a quote`);
    if (p.en.trim().length === 0) problems.push(`passage ${p.id}: no English translation`);
    if (/[\u4e00-\u9fff]{4,}/.test(p.en))
      problems.push(`passage ${p.id}: the translation still contains Chinese text`);
  }

  const speakerPassages = content.passages.filter((p) => p.kind === 'speaker');
  const paragraphs = speakerParagraphs(content, transcript);
  for (const paragraph of paragraphs) {
    const covered = new Array<boolean>(paragraph.length).fill(false);
    for (const { zh: text } of speakerPassages) {
      for (let at = paragraph.indexOf(text); at >= 0; at = paragraph.indexOf(text, at + 1)) {
        covered.fill(true, at, at + text.length);
      }
    }
    const missing = [...paragraph].some((ch, i) => !covered[i] && ch.trim() !== '');
    if (missing) problems.push(`speaker paragraph not covered by any passage: "${paragraph.slice(0, 30)}…"`);
  }

  for (const p of speakerPassages) {
    if (!content.questions[p.id]) problems.push(`passage ${p.id}: no questions it answers (questions.json)`);
  }

  // Project-written text rests on the speaker's own words: highlights and the introduction are the article's.
  const citesSpeaker = (what: string, cites: string[]) => {
    for (const cite of cites) {
      if (content.passageById.get(cite)?.kind !== 'speaker')
        problems.push(`${what} cites ${cite}, which is not the speaker's words`);
    }
  };
  for (const t of content.takeaways) citesSpeaker(`takeaway ${t.id}`, t.cites);
  for (const topic of content.topics)
    for (const [i, point] of topic.points.entries())
      citesSpeaker(`topic ${topic.id} point ${i + 1}`, point.cites);
  if (content.topics.length < 12)
    problems.push(`only ${content.topics.length} topics; at least 12 are required`);
  if (content.takeaways.length < 30)
    problems.push(`only ${content.takeaways.length} takeaways; at least 30 are required`);
  return problems;
}
