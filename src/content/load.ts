/**
 * Loads and validates content/ once at start-up. A broken file stops the program with the file, the
 * path inside it and what is wrong; references between files (sections, citations) are checked too.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from '../zod.js';
import { findContentDir } from './dir.js';
import {
  type GlossaryEntry,
  glossarySchema,
  type Passage,
  passageSchema,
  type Questions,
  questionsSchema,
  synonymsSchema,
  type Takeaway,
  type TalkMeta,
  type Topic,
  takeawaySchema,
  talkMetaSchema,
  topicSchema,
} from './schema.js';

export interface Content {
  dir: string;
  meta: TalkMeta;
  passages: Passage[];
  topics: Topic[];
  takeaways: Takeaway[];
  glossary: GlossaryEntry[];
  /** Questions each speaker passage answers, written by this project (searched, never shown as quotes). */
  questions: Questions;
  /** Groups of expressions that mean the same here, for search. */
  synonyms: string[][];
  passageById: Map<string, Passage>;
  topicById: Map<string, Topic>;
}

export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export { findContentDir } from './dir.js';

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0
    ? '(root)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '');
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const path = join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ContentError(path, [error instanceof Error ? error.message : String(error)]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ContentError(
      path,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  return parsed.data;
}

function uniqueIds(
  file: string,
  items: { id: string }[],
  problems: Map<string, string[]>,
): Map<string, number> {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first !== undefined) add(problems, file, `[${index}].id: "${item.id}" already used at [${first}]`);
    else seen.set(item.id, index);
  });
  return seen;
}

function add(problems: Map<string, string[]>, file: string, problem: string) {
  problems.set(file, [...(problems.get(file) ?? []), problem]);
}

export function loadContent(dir = findContentDir()): Content {
  dir = resolve(dir);
  const meta = readJson(dir, 'talk.json', talkMetaSchema);
  const passages = readJson(dir, 'passages.json', z.array(passageSchema).min(1));
  const topics = readJson(dir, 'topics.json', z.array(topicSchema).min(1));
  const takeaways = readJson(dir, 'takeaways.json', z.array(takeawaySchema).min(1));
  const glossary = readJson(dir, 'glossary.json', glossarySchema);
  const questions = readJson(dir, 'questions.json', questionsSchema);
  const synonyms = readJson(dir, 'synonyms.json', synonymsSchema);

  const problems = new Map<string, string[]>();
  const sectionIds = new Set(meta.sections.map((s) => s.id));
  uniqueIds('talk.json sections', meta.sections, problems);
  uniqueIds('passages.json', passages, problems);
  uniqueIds('topics.json', topics, problems);
  uniqueIds('takeaways.json', takeaways, problems);
  const passageIds = new Set(passages.map((p) => p.id));
  const kindOf = new Map(passages.map((p) => [p.id, p.kind]));
  passages.forEach((p, i) => {
    if (!sectionIds.has(p.section))
      add(problems, 'passages.json', `[${i}].section: unknown section "${p.section}"`);
    if (p.renders !== undefined && kindOf.get(p.renders) !== 'speaker')
      add(
        problems,
        'passages.json',
        `[${i}].renders (${p.id}): "${p.renders}" is not a passage of the speaker's words`,
      );
    if (p.renders !== undefined && p.kind === 'speaker')
      add(
        problems,
        'passages.json',
        `[${i}].renders (${p.id}): a passage of the speaker's own words cannot render his words; is its kind right?`,
      );
  });
  for (const id of Object.keys(questions)) {
    if (kindOf.get(id) !== 'speaker')
      add(problems, 'questions.json', `${id}: questions belong to passages of the speaker's words only`);
  }
  const checkCites = (file: string, path: string, cites: string[]) => {
    cites.forEach((cite, k) => {
      if (!passageIds.has(cite)) add(problems, file, `${path}.cites[${k}]: unknown passage "${cite}"`);
    });
  };
  for (const [i, t] of topics.entries()) {
    for (const [j, pt] of t.points.entries()) checkCites('topics.json', `[${i}].points[${j}]`, pt.cites);
  }
  for (const [i, t] of takeaways.entries()) checkCites('takeaways.json', `[${i}]`, t.cites);
  if (!topics.some((t) => t.id === 'overview'))
    add(problems, 'topics.json', 'a topic with id "overview" is required');
  const [firstProblem] = problems;
  if (firstProblem) throw new ContentError(join(dir, firstProblem[0].split(' ')[0] ?? ''), firstProblem[1]);

  return {
    dir,
    meta,
    passages,
    topics,
    takeaways,
    glossary,
    questions,
    synonyms,
    passageById: new Map(passages.map((p) => [p.id, p])),
    topicById: new Map(topics.map((t) => [t.id, t])),
  };
}
