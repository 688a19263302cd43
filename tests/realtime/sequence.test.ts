import { describe, expect, it } from 'vitest';
import { classifySeq, needsResync } from '../../src/realtime/sequence';

describe('sequence rules', () => {
  it('applies exactly the next seq', () => {
    expect(classifySeq({ epoch: 'e', lastSeq: 4 }, 5)).toBe('apply');
  });

  it('drops a seq at or below the last one as a duplicate', () => {
    expect(classifySeq({ epoch: 'e', lastSeq: 4 }, 4)).toBe('duplicate');
    expect(classifySeq({ epoch: 'e', lastSeq: 4 }, 1)).toBe('duplicate');
  });

  it('calls a jump ahead a gap', () => {
    expect(classifySeq({ epoch: 'e', lastSeq: 4 }, 6)).toBe('gap');
  });

  it('treats any message before the first snapshot as a gap', () => {
    expect(classifySeq({ epoch: null, lastSeq: null }, 1)).toBe('gap');
  });

  it('resyncs on first connect, a new epoch or resumed: false', () => {
    const here = { epoch: 'e1', lastSeq: 9 };
    expect(needsResync({ epoch: null, lastSeq: null }, { epoch: 'e1', resumed: false })).toBe(true);
    expect(needsResync(here, { epoch: 'e2', resumed: true })).toBe(true);
    expect(needsResync(here, { epoch: 'e1', resumed: false })).toBe(true);
    expect(needsResync(here, { epoch: 'e1', resumed: true })).toBe(false);
  });
});
