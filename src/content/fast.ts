/**
 * Content at start-up, fast: `npm run build` validates content/ (zod, every cross-reference) and keeps the
 * result in dist/content-snapshot.json with a hash of the files it came from. At start the files are hashed
 * (about a millisecond) and, when they are exactly what the build validated, the snapshot is used as is;
 * otherwise (content edited since the build, or no build) they are loaded and validated as always.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findContentDir } from './dir.js';
import type { Content } from './load.js';

/** dist/content-snapshot.json once compiled (this file is dist/src/content/fast.js). */
export const CONTENT_SNAPSHOT = fileURLToPath(new URL('../../content-snapshot.json', import.meta.url));
const FILES = [
  'talk.json',
  'passages.json',
  'topics.json',
  'takeaways.json',
  'glossary.json',
  'questions.json',
  'synonyms.json',
];

type Stored = Omit<Content, 'dir' | 'passageById' | 'topicById'>;

/** Content objects made from the build's snapshot, with the hash of the files they came from. */
const fromFiles = new WeakMap<Content, string>();

/**
 * The hash of the content files this very object was made from, when it came from the build's snapshot
 * (a copy, even an edited one, is another object and has none): the search index's snapshot, written by
 * the same build, is then known to match without hashing the content again.
 */
export function sourceHash(content: Content): string | undefined {
  return fromFiles.get(content);
}

/** A hash of the content files as they are on disk. */
export function filesHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of FILES)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)))
      .update('\0');
  return hash.digest('hex');
}

/** Written by the build, from content that has just been validated; returns the files' hash it records. */
export function writeContentSnapshot(content: Content, path = CONTENT_SNAPSHOT): string {
  const { dir, passageById: _p, topicById: _t, ...stored } = content;
  const hash = filesHash(dir);
  writeFileSync(path, JSON.stringify({ hash, content: stored }));
  return hash;
}

/** The validated content: from the snapshot when the files are unchanged, else loaded and validated. */
export async function loadContentFast(dir = findContentDir(), snapshot = CONTENT_SNAPSHOT): Promise<Content> {
  const at = resolve(dir);
  if (existsSync(snapshot)) {
    try {
      const kept = JSON.parse(readFileSync(snapshot, 'utf8')) as { hash: string; content: Stored };
      if (kept.hash === filesHash(at)) {
        const content = materialize(at, kept.content);
        fromFiles.set(content, kept.hash);
        return content;
      }
    } catch {
      // An unreadable snapshot is no snapshot: validate the files instead.
    }
  }
  const { loadContent } = await import('./load.js');
  return loadContent(at);
}

function materialize(dir: string, stored: Stored): Content {
  return {
    dir,
    ...stored,
    passageById: new Map(stored.passages.map((p) => [p.id, p])),
    topicById: new Map(stored.topics.map((t) => [t.id, t])),
  };
}
