/**
 * Search queries too long for a button (Discord: a 100-character custom id; Slack: a 2,000-character value)
 * are kept behind a short key: in memory, and in the store when there is one, so the buttons keep working
 * after a restart and on every instance.
 */
import { createHash } from 'node:crypto';
import { type Action, encodeAction, type TalkRequest } from './actions.js';
import type { View } from './views.js';

const MARK = '~q:';
const MEMORY = 1000;

/** Where keys are kept beyond this process. */
export interface QueryStore {
  saveQuery(key: string, query: string, now: number): Promise<void>;
  loadQuery(key: string): Promise<string | undefined>;
}

export class QueryKeys {
  private readonly recent = new Map<string, string>();

  constructor(
    private readonly store?: QueryStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The view with each button whose encoded form is longer than `max` carrying a key instead of its query. */
  async fit(view: View, max: number): Promise<View> {
    if (!view.actions.some((a) => a.request.sub === 'search' && encodeAction(a).length > max)) return view;
    const actions: Action[] = [];
    for (const action of view.actions) {
      const r = action.request;
      if (r.sub !== 'search' || encodeAction(action).length <= max) actions.push(action);
      else actions.push({ ...action, request: { ...r, query: `${MARK}${await this.keep(r.query)}` } });
    }
    return { ...view, actions };
  }

  private async keep(query: string): Promise<string> {
    const key = createHash('sha256').update(query).digest('base64url').slice(0, 12);
    this.remember(key, query);
    await this.store?.saveQuery(key, query, this.now());
    return key;
  }

  private remember(key: string, query: string): void {
    this.recent.delete(key);
    this.recent.set(key, query);
    if (this.recent.size > MEMORY) this.recent.delete(this.recent.keys().next().value!);
  }

  /** The request with its query restored; undefined when its key is known nowhere (an old button). */
  async restore(request: TalkRequest): Promise<TalkRequest | undefined> {
    if (request.sub !== 'search' || !request.query.startsWith(MARK)) return request;
    const key = request.query.slice(MARK.length);
    const query = this.recent.get(key) ?? (await this.store?.loadQuery(key));
    if (query === undefined) return undefined;
    this.remember(key, query);
    return { ...request, query };
  }
}
