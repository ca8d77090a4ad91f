/** Shared by tests: the real content and core, loaded once per test file. */
import { loadContent } from '../src/content/load.js';
import { seededRandom } from '../src/core/rotation.js';
import { Talk } from '../src/core/talk.js';

export const content = loadContent();

export function makeTalk(seed = 1, today = '2026-11-28'): Talk {
  return new Talk(content, { random: seededRandom(seed), today: () => today });
}
