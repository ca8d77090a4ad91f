/**
 * Search queries too long for a 100-character custom id, kept in a bounded in-memory map. After a restart
 * such a button answers with the polite "expired" note; every other button carries its whole state.
 */
import { createHash } from 'node:crypto';
import type { TalkRequest } from '../../src/core/actions.js';

const MARK = '~q:';
const CAPACITY = 1000;

export class LongQueries {
  private readonly queries = new Map<string, string>();

  shorten<R extends TalkRequest>(request: R): R {
    if (request.sub !== 'search') return request;
    const key = createHash('sha256').update(request.query).digest('base64url').slice(0, 12);
    this.queries.delete(key);
    this.queries.set(key, request.query);
    if (this.queries.size > CAPACITY) this.queries.delete(this.queries.keys().next().value!);
    return { ...request, query: `${MARK}${key}` };
  }

  /** The request with its query restored, or undefined when the query is no longer known. */
  restore(request: TalkRequest): TalkRequest | undefined {
    if (request.sub !== 'search' || !request.query.startsWith(MARK)) return request;
    const query = this.queries.get(request.query.slice(MARK.length));
    return query === undefined ? undefined : { ...request, query };
  }
}
