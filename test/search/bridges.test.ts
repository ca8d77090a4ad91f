import { describe, expect, it } from 'vitest';
import { Bridges, prepareGroups } from '../../src/search/bridges.js';

describe('bridges between wordings', () => {
  it('never reach a function word inside a colloquial expression', () => {
    // 怎么破 ("how to get past it") means 突破; its 怎么 would otherwise be asked of every question.
    const bridges = new Bridges(prepareGroups([['突破', '怎么破']]), () => true);
    const reached = bridges.cross('突破', ['突破']).flatMap((c) => c.reached);
    expect(reached).toContain('破');
    expect(reached).not.toContain('怎么');
  });

  it('let a colloquial expression reach the talk’s own word', () => {
    const bridges = new Bridges(prepareGroups([['突破', '怎么破']]), () => true);
    expect(bridges.cross('数据墙怎么破', ['数据', '墙', '破']).flatMap((c) => c.reached)).toContain('突破');
  });
});
