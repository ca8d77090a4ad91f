/**
 * A remembered answer language (`/talk lang zh|en|both`, `lang reset`), kept in the store so it holds on
 * every instance and across restarts. Adapters ask for it before answering: an explicit `lang` option or
 * `--zh` flag still wins for that one command; otherwise the remembered language wins over the default
 * (the Discord locale, or Chinese with English).
 */
import type { Platform } from '../daily/store.js';
import type { Logger } from '../log.js';
import { withDeadline } from '../ops/deadline.js';
import type { LangRequest } from './actions.js';
import type { LangView } from './views.js';
import type { Lang } from './vocabulary.js';

/** Where choices are kept (the daily store implements it). */
export interface LangStore {
  getLang(platform: Platform, user: string): Promise<Lang | undefined>;
  setLang(platform: Platform, user: string, lang: Lang | undefined, now: number): Promise<void>;
}

/** A slow store must not hold an answer: past this, the default language answers. */
const LOOKUP_MS = 750;

export class LangPrefs {
  constructor(
    private readonly store: LangStore,
    private readonly log?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user's remembered language, or undefined (none, or the store did not answer in time). */
  async remembered(platform: Platform, user: string): Promise<Lang | undefined> {
    try {
      return await withDeadline(this.store.getLang(platform, user), LOOKUP_MS);
    } catch (error) {
      this.log?.warn('remembered language unavailable; answering in the default', { error });
      return undefined;
    }
  }

  /** Remembers, forgets or shows the user's choice; the answer is in the language it is about. */
  async handle(request: LangRequest, platform: Platform, user: string, fallback: Lang): Promise<LangView> {
    if (request.set === 'reset') {
      await this.store.setLang(platform, user, undefined, this.now());
      return { kind: 'lang', lang: fallback, change: 'reset', actions: [] };
    }
    if (request.set) {
      await this.store.setLang(platform, user, request.set, this.now());
      return { kind: 'lang', lang: request.set, change: 'set', remembered: request.set, actions: [] };
    }
    const remembered = await this.store.getLang(platform, user);
    return {
      kind: 'lang',
      lang: request.lang,
      change: 'shown',
      ...(remembered ? { remembered } : {}),
      actions: [],
    };
  }
}
