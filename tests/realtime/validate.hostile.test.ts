import { describe, expect, it } from 'vitest';
import { parseServerFrame, toSessionStart } from '../../src/realtime/validate';

/**
 * Input found by the hostile-input browser suite (tests/e2e/hostile-input*.test.ts): values that
 * are cheap for a server to send and costly or fatal to describe.
 */
describe('validation of hostile values', () => {
  const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;

  it('clamps a session start whose ttlMs is a list nested 100,000 deep instead of throwing', () => {
    const result = toSessionStart({ sessionId: 's', ttlMs: deep });
    expect(result?.value).toEqual({ sessionId: 's', ttlMs: 3_600_000 });
    expect(result?.rejected).toEqual([
      {
        ok: false,
        kind: 'ttl_clamped',
        detail: 'session ttlMs a list is outside 1000..604800000 ms: using 3600000 ms',
      },
    ]);
  });

  it('names a mistyped ttlMs briefly: a 1 MiB string by its first 40 characters, an object by its kind', () => {
    const long = toSessionStart({ sessionId: 's', ttlMs: 'x'.repeat(1_000_000) });
    expect(long?.rejected[0]?.detail).toBe(
      `session ttlMs "${'x'.repeat(40)}" is outside 1000..604800000 ms: using 3600000 ms`,
    );
    const object = toSessionStart({ sessionId: 's', ttlMs: { forever: true } });
    expect(object?.rejected[0]?.detail).toMatch(/^session ttlMs an object is outside/);
    const nothing = toSessionStart({ sessionId: 's', ttlMs: null });
    expect(nothing?.rejected[0]?.detail).toMatch(/^session ttlMs null is outside/);
  });

  it('refuses frames nested 100,000 deep as malformed, not by throwing', () => {
    expect(parseServerFrame('['.repeat(100_000) + ']'.repeat(100_000))).toMatchObject({
      ok: false,
      kind: 'invalid_shape',
    });
    expect(
      parseServerFrame('{"type":"metrics","seq":1,"samples":' + '['.repeat(100_000)),
    ).toMatchObject({ ok: false, kind: 'invalid_json' });
  });
});
