import type { Cooldown } from '../../src/core/cooldown.js';
import type { Talk } from '../../src/core/talk.js';
import type { Logger } from '../../src/log.js';

/** What the Slack handlers need from the rest of the program. */
export interface SlackDeps {
  talk: Talk;
  cooldown: Cooldown;
  log: Logger;
}
