import { describe, expect, it } from 'vitest';
import { exceedsUtf8, utf8SizeUpTo } from '../../src/realtime/utf8-size';

const encoded = (text: string) => new TextEncoder().encode(text).byteLength;

describe('utf8SizeUpTo', () => {
  it('counts as TextEncoder does: one to three bytes a unit, four a surrogate pair', () => {
    for (const text of [
      '',
      'abc',
      'é',
      '€',
      '가나다',
      '😀',
      'a😀b',
      '\ud800',
      'x\udc00y',
      '\ud83d\ud83d',
    ]) {
      expect(utf8SizeUpTo(text, 1_000)).toBe(encoded(text));
    }
  });

  it('stops counting past the limit, and says over', () => {
    expect(utf8SizeUpTo('가'.repeat(10), 5)).toBeGreaterThan(5);
    expect(utf8SizeUpTo('a'.repeat(10), 5)).toBeGreaterThan(5);
  });
});

describe('exceedsUtf8', () => {
  it('tells a string over the limit in bytes from one at it', () => {
    const limit = 3 * 1_000 + 1;
    expect(exceedsUtf8('가'.repeat(1_000) + 'a', limit)).toBe(false);
    expect(exceedsUtf8('가'.repeat(1_000) + 'ab', limit)).toBe(true);
    expect(exceedsUtf8('😀'.repeat(750) + 'a', limit)).toBe(false);
    expect(exceedsUtf8('😀'.repeat(750) + 'ab', limit)).toBe(true);
  });
});
