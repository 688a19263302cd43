import { describe, expect, it } from 'vitest';
import { ATTEMPT, closed, expectEffects, given, midDelay, NOW, step } from './machine-table';

/** docs/protocol.md, "Close codes": one row per line of the table, from a live line. */
describe('connection machine: close codes', () => {
  it.each([1000, 1001, 1005, 1006, 1011, 1012, 1015, 3000, 3999, 4000, 4100, 4499])(
    'backs off and reconnects on %i',
    (code) => {
      const result = step(given('live'), closed(code, 'why'));
      expect(result.context).toMatchObject({
        state: 'backoff',
        attempt: 1,
        nextRetryAt: NOW + midDelay(2_000),
        lastClose: { code, reason: 'why', at: NOW },
      });
      expectEffects(result, [
        { type: 'cancel-timer', name: 'ping' },
        { type: 'cancel-timer', name: 'line-deadline' },
        { type: 'end-attempt' },
        { type: 'start-timer', name: 'backoff', ms: midDelay(2_000) },
        { type: 'notify' },
      ]);
    },
  );

  it('waits at least 5 s after 1013', () => {
    const result = step(given('live'), closed(1013));
    expectEffects(result, [{ type: 'start-timer', name: 'backoff', ms: midDelay(2_000, 5_000) }]);
    expect(midDelay(2_000, 5_000)).toBeGreaterThanOrEqual(5_000);
  });

  it('waits at least 10 s after 4429', () => {
    const result = step(given('live'), closed(4429));
    expectEffects(result, [{ type: 'start-timer', name: 'backoff', ms: midDelay(2_000, 10_000) }]);
  });

  it('renews the session on 1008 and asks for a new one at once', () => {
    const result = step(given('live'), closed(1008));
    expect(result.context).toMatchObject({ state: 'renewing', sessionId: null, renewals: 1 });
    expectEffects(result, [
      { type: 'end-attempt' },
      { type: 'begin-attempt', attemptId: ATTEMPT + 1 },
      { type: 'notify' },
      { type: 'start-session' },
    ]);
  });

  it('stops on the 4th 1008 without a welcome between', () => {
    const result = step(given('connecting', { renewals: 3 }), closed(1008));
    expect(result.context).toMatchObject({
      state: 'stopped',
      stopReason: 'session_unrenewable',
    });
    expect(result.effects).not.toContainEqual({ type: 'start-session' });
  });

  it.each([1002, 1003, 1007, 1009, 1010])(
    'reconnects once after protocol error %i and stops when a second one follows',
    (code) => {
      const first = step(given('live'), closed(code));
      expect(first.context).toMatchObject({ state: 'backoff', protocolErrors: 1 });
      const second = step(given('live', { protocolErrors: 1 }), closed(code));
      expect(second.context).toMatchObject({ state: 'stopped', stopReason: 'protocol_error' });
    },
  );

  it('forgives a protocol error once the line stayed healthy for the reset period', () => {
    const healthy = given('live', { protocolErrors: 1, healthySince: NOW - 10_000 });
    expect(step(healthy, closed(1002)).context).toMatchObject({
      state: 'backoff',
      protocolErrors: 1,
      attempt: 1,
    });
  });

  it('stops on 4401: not authorised, no retry timer', () => {
    const result = step(given('live'), closed(4401, 'token revoked'));
    expect(result.context).toMatchObject({
      state: 'stopped',
      stopReason: 'unauthorized',
      lastClose: { code: 4401, reason: 'token revoked', description: 'not authorised' },
    });
    expect(result.effects.filter((e) => e.type === 'start-timer')).toEqual([]);
  });

  it.each([4500, 4503, 4999])('stops on %i with the server reason kept', (code) => {
    const result = step(given('live'), closed(code, 'tenant suspended'));
    expect(result.context).toMatchObject({
      state: 'stopped',
      stopReason: 'application_error',
      lastClose: { code, reason: 'tenant suspended' },
    });
  });

  it('never reconnects by itself after stop()', () => {
    const result = step(given('live'), { type: 'stop' });
    expect(result.context.state).toBe('closed');
    expectEffects(result, [{ type: 'end-attempt' }, { type: 'notify' }]);
    expect(result.effects.filter((e) => e.type === 'start-timer')).toEqual([]);
  });

  it('treats HTTP 401/410 session_invalid on a poll like 1008', () => {
    const result = step(given('polling'), {
      type: 'http-failed',
      attemptId: ATTEMPT,
      failure: { ok: false, failure: 'session_invalid', status: 410, detail: 'session_invalid' },
    });
    expect(result.context).toMatchObject({ state: 'renewing', renewals: 1 });
  });

  it('treats 401/403 on session start like 4401', () => {
    const result = step(given('connecting', { sessionId: null }), {
      type: 'session-failed',
      attemptId: ATTEMPT,
      failure: { ok: false, failure: 'unauthorized', status: 403, detail: 'HTTP 403' },
    });
    expect(result.context).toMatchObject({ state: 'stopped', stopReason: 'unauthorized' });
  });

  it('resets the attempt count when a line that stayed healthy closes', () => {
    const healthy = given('live', { attempt: 4, healthySince: NOW - 10_000 });
    expect(step(healthy, closed(1006)).context.attempt).toBe(1);
    const brief = given('live', { attempt: 4, healthySince: NOW - 9_999 });
    expect(step(brief, closed(1006)).context.attempt).toBe(5);
  });
});
