/**
 * `npm run content:check [dir]`: validates content/ (or another content folder) and proves it against the
 * source transcript.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkContent, speakerParagraphs } from '../content/check.js';
import { type Content, ContentError, loadContent } from '../content/load.js';

const SOURCE_IN_DEVELOPMENT = '../shared/seeds/000_6018a8e325ffe4ff.txt';

function main(): number {
  let content: Content;
  try {
    content = process.argv[2] ? loadContent(process.argv[2]) : loadContent();
  } catch (error) {
    console.error(error instanceof ContentError ? `content error in ${error.message}` : error);
    return 1;
  }
  const copy = readFileSync(join(content.dir, content.meta.transcript.file), 'utf8');
  const problems = checkContent(content, copy);
  const source = resolve(content.dir, '..', SOURCE_IN_DEVELOPMENT);
  if (existsSync(source)) {
    if (readFileSync(source, 'utf8') !== copy)
      problems.push(`content/${content.meta.transcript.file} differs from ${SOURCE_IN_DEVELOPMENT}`);
  } else {
    console.log(`(${SOURCE_IN_DEVELOPMENT} not present: checked against the copy in content/)`);
  }
  if (problems.length > 0) {
    console.error(`content:check found ${problems.length} problem(s):`);
    for (const p of problems) console.error(`  - ${p}`);
    return 1;
  }
  const speaker = content.passages.filter((p) => p.kind === 'speaker').length;
  console.log(
    `content:check ok: ${content.passages.length} passages (${speaker} the speaker's) cover all ` +
      `${speakerParagraphs(content, copy).length} speaker paragraphs verbatim; ${content.topics.length} topics; ` +
      `${content.takeaways.length} takeaways; every citation resolves`,
  );
  return 0;
}

process.exitCode = main();
