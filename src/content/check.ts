/**
 * The deeper content checks behind `npm run content:check`: every passage is verbatim from the transcript,
 * every passage is translated, and the speaker passages together cover every paragraph the speaker said.
 */
import type { Content } from './load.js';

/** The transcript's paragraphs that are the speaker's own words (headings and the article around them removed). */
export function speakerParagraphs(content: Content, transcript: string): string[] {
  const { speakerStartsAfter, speakerEndsBefore, headings } = content.meta.transcript;
  const paragraphs = transcript
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const start = paragraphs.indexOf(speakerStartsAfter);
  const end = paragraphs.indexOf(speakerEndsBefore);
  if (start < 0 || end < 0 || end <= start) {
    throw new Error("the transcript markers in talk.json do not enclose the speaker's words");
  }
  const headingSet = new Set(headings);
  return paragraphs.slice(start + 1, end).filter((p) => !headingSet.has(p));
}

export function checkContent(content: Content, transcript: string): string[] {
  const problems: string[] = [];
  for (const p of content.passages) {
    if (!transcript.includes(p.zh))
      problems.push(`passage ${p.id}: Chinese text does not occur verbatim in the transcript`);
    if (p.en.trim().length === 0) problems.push(`passage ${p.id}: no English translation`);
    if (/[\u4e00-\u9fff]{4,}/.test(p.en))
      problems.push(`passage ${p.id}: the translation still contains Chinese text`);
  }

  const speakerTexts = content.passages.filter((p) => p.kind === 'speaker').map((p) => p.zh);
  const paragraphs = speakerParagraphs(content, transcript);
  for (const paragraph of paragraphs) {
    const covered = new Array<boolean>(paragraph.length).fill(false);
    for (const text of speakerTexts) {
      for (let at = paragraph.indexOf(text); at >= 0; at = paragraph.indexOf(text, at + 1)) {
        covered.fill(true, at, at + text.length);
      }
    }
    const missing = [...paragraph].some((ch, i) => !covered[i] && ch.trim() !== '');
    if (missing) problems.push(`speaker paragraph not covered by any passage: "${paragraph.slice(0, 30)}…"`);
  }

  for (const t of content.takeaways) {
    for (const cite of t.cites) {
      if (content.passageById.get(cite)?.kind !== 'speaker')
        problems.push(`takeaway ${t.id} cites ${cite}, which is not the speaker's words`);
    }
  }
  if (content.topics.length < 12)
    problems.push(`only ${content.topics.length} topics; at least 12 are required`);
  if (content.takeaways.length < 30)
    problems.push(`only ${content.takeaways.length} takeaways; at least 30 are required`);
  return problems;
}
