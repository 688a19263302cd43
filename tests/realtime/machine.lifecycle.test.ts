import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src/realtime';
import {
  ATTEMPT,
  closed,
  effectTypes,
  expectEffects,
  frame,
  given,
  midDelay,
  NOW,
  step,
  welcome,
} from './machine-table';

describe('connection machine: connecting', () => {
  it('starts with a session when it has none, under a connect timeout', () => {
    const result = step(given('idle'), { type: 'start', online: true });
    expect(result.context).toMatchObject({ state: 'connecting', attemptId: 1 });
    expect(result.effects).toEqual([
      { type: 'watch-signals' },
      { type: 'end-attempt' },
      { type: 'begin-attempt', attemptId: 1 },
      { type: 'start-timer', name: 'connect-timeout', ms: 10_000 },
      { type: 'notify' },
      { type: 'start-session' },
    ]);
  });

  it('starts offline when the device is offline', () => {
    const result = step(given('idle'), { type: 'start', online: false });
    expect(result.context.state).toBe('offline');
    expect(effectTypes(result)).not.toContain('start-session');
  });

  it.each<ConnectionState>(['connecting', 'live', 'polling', 'backoff', 'stopped'])(
    'ignores start() while %s',
    (state) => {
      const result = step(given(state), { type: 'start', online: true });
      expect(result.context.state).toBe(state);
      expect(result.effects).toEqual([]);
    },
  );

  it('can be started again after stop()', () => {
    expect(step(given('closed'), { type: 'start', online: true }).context.state).toBe('connecting');
  });

  it('starts offline again after stop() when the device is offline', () => {
    const result = step(given('closed'), { type: 'start', online: false });
    expect(result.context.state).toBe('offline');
  });

  it('opens the socket once the session has started', () => {
    const result = step(given('connecting', { sessionId: null }), {
      type: 'session-started',
      attemptId: ATTEMPT,
      sessionId: 's2',
    });
    expect(result.context).toMatchObject({ state: 'connecting', sessionId: 's2' });
    expect(result.effects).toEqual([{ type: 'notify' }, { type: 'open-socket', role: 'main' }]);
  });

  it('says hello when the socket opens', () => {
    const result = step(given('connecting'), {
      type: 'socket-opened',
      attemptId: ATTEMPT,
      role: 'main',
    });
    expect(result.effects).toEqual([{ type: 'send-hello', role: 'main' }]);
  });

  it('goes live on welcome: heartbeat, resume or resync, held data, outbox', () => {
    const result = step(given('connecting', { renewals: 2, wsFailures: 2 }), frame(welcome()));
    expect(result.context).toMatchObject({
      state: 'live',
      welcomed: true,
      renewals: 0,
      wsFailures: 0,
      healthySince: NOW,
      lastFrameAt: NOW,
    });
    expectEffects(result, [
      { type: 'forget-unsaid' },
      { type: 'cancel-timer', name: 'connect-timeout' },
      { type: 'start-timer', name: 'ping', ms: 15_000 },
      { type: 'start-timer', name: 'line-deadline', ms: 30_000 },
      { type: 'notify' },
      { type: 'resume-or-resync', welcome: welcome() } as never,
      { type: 'release-held' },
      { type: 'flush-outbox' },
    ]);
  });

  it('fails an attempt that reaches no welcome by the connect timeout', () => {
    const result = step(given('connecting'), { type: 'timer', name: 'connect-timeout' });
    expect(result.context).toMatchObject({
      state: 'backoff',
      attempt: 1,
      wsFailures: 1,
      lastClose: { code: 4000, reason: 'no welcome before the connect timeout' },
    });
    expectEffects(result, [
      {
        type: 'close-socket',
        role: 'main',
        code: 4000,
        reason: 'no welcome before the connect timeout',
      },
      { type: 'end-attempt' },
      { type: 'start-timer', name: 'backoff', ms: midDelay(2_000) },
    ]);
  });

  it('connects again when the backoff timer fires, keeping the attempt count', () => {
    const result = step(given('backoff', { attempt: 2 }), { type: 'timer', name: 'backoff' });
    expect(result.context).toMatchObject({ state: 'connecting', attempt: 2, nextRetryAt: null });
    expectEffects(result, [{ type: 'open-socket', role: 'main' }]);
  });

  it('grows the wait with every failed attempt: three from the base, then doubling', () => {
    const waits = [0, 1, 2, 3, 4].map((attempt) => {
      const result = step(given('connecting', { attempt }), closed(1006));
      return result.context.nextRetryAt! - NOW;
    });
    expect(waits).toEqual([1_050, 1_050, 1_050, 2_050, 4_050]);
  });

  it('backs off when the session cannot be started, and counts the error', () => {
    const result = step(given('connecting', { sessionId: null }), {
      type: 'session-failed',
      attemptId: ATTEMPT,
      failure: { ok: false, failure: 'http', status: 503, detail: 'boom' },
    });
    expect(result.context.state).toBe('backoff');
    expectEffects(result, [{ type: 'error', kind: 'http_error', detail: 'boom' }]);
  });
});

describe('connection machine: renewing', () => {
  const renewing = () => given('renewing', { sessionId: null, renewals: 1 });

  it('connects with the new session', () => {
    const result = step(renewing(), {
      type: 'session-started',
      attemptId: ATTEMPT,
      sessionId: 's9',
    });
    expect(result.context).toMatchObject({ state: 'connecting', sessionId: 's9', renewals: 1 });
    expectEffects(result, [
      { type: 'begin-attempt', attemptId: ATTEMPT + 1 },
      { type: 'open-socket', role: 'main' },
    ]);
  });

  it('backs off when the renewal call fails, saying so', () => {
    const result = step(renewing(), {
      type: 'session-failed',
      attemptId: ATTEMPT,
      failure: { ok: false, failure: 'network', status: 0, detail: 'offline' },
    });
    expect(result.context.state).toBe('backoff');
    expectEffects(result, [
      { type: 'error', kind: 'http_error', detail: 'session renewal failed: offline' },
    ]);
  });

  it('stops when the server refuses a new session', () => {
    const result = step(renewing(), {
      type: 'session-failed',
      attemptId: ATTEMPT,
      failure: { ok: false, failure: 'unauthorized', status: 401, detail: 'HTTP 401' },
    });
    expect(result.context).toMatchObject({ state: 'stopped', stopReason: 'unauthorized' });
  });

  it('counts renewals afresh after a welcome', () => {
    expect(step(given('connecting', { renewals: 3 }), frame(welcome())).context.renewals).toBe(0);
  });
});

describe('connection machine: the operator and the application', () => {
  it.each<[ConnectionState, ConnectionState]>([
    ['backoff', 'connecting'],
    ['stopped', 'connecting'],
    ['offline', 'connecting'],
    ['closed', 'connecting'],
    ['idle', 'connecting'],
    ['connecting', 'connecting'],
    ['renewing', 'renewing'],
    ['live', 'live'],
    ['polling', 'polling'],
  ])('"reconnect now" while %s: %s', (state, next) => {
    const result = step(given(state), { type: 'reconnect-now' });
    expect(result.context.state).toBe(next);
  });

  it('skips the wait from backoff without forgiving the failures', () => {
    expect(step(given('backoff', { attempt: 4 }), { type: 'reconnect-now' }).context.attempt).toBe(
      4,
    );
  });

  it('gives a stopped client a fresh start: counts and renewal budget', () => {
    const stopped = given('stopped', { attempt: 5, renewals: 3, protocolErrors: 2 });
    const result = step(stopped, { type: 'reconnect-now' });
    expect(result.context).toMatchObject({ attempt: 0, renewals: 0, protocolErrors: 0 });
    expectEffects(result, [{ type: 'watch-signals' }, { type: 'open-socket', role: 'main' }]);
  });

  it('probes WebSocket at once when asked while polling', () => {
    const result = step(given('polling'), { type: 'reconnect-now' });
    expectEffects(result, [{ type: 'open-socket', role: 'probe' }]);
  });

  it('checks the line when asked while live', () => {
    const result = step(given('live'), { type: 'reconnect-now' });
    expectEffects(result, [{ type: 'send', role: 'main', message: { type: 'ping', ts: NOW } }]);
  });

  it('does nothing more while a connection or renewal is already under way', () => {
    expect(step(given('connecting'), { type: 'reconnect-now' }).effects).toEqual([]);
    expect(step(given('renewing'), { type: 'reconnect-now' }).effects).toEqual([]);
  });

  it('dispose closes, releases everything, and nothing happens after it', () => {
    const result = step(given('live'), { type: 'dispose' });
    expect(result.context).toMatchObject({ state: 'closed', disposed: true });
    expectEffects(result, [{ type: 'end-attempt' }, { type: 'notify' }, { type: 'release' }]);
    const after = step(result.context, { type: 'reconnect-now' });
    expect(after.context).toBe(result.context);
    expect(after.effects).toEqual([]);
  });

  it('ignores the late answer of an attempt that has ended', () => {
    const context = given('live');
    const late = step(context, { ...closed(1008), attemptId: ATTEMPT - 1 });
    expect(late.context).toBe(context);
    expect(late.effects).toEqual([]);
  });

  it('gives every ended attempt a new id, so nothing late can pass for current', () => {
    const result = step(given('live'), closed(1006));
    expect(result.context.attemptId).toBe(ATTEMPT + 1);
    const late = step(result.context, {
      type: 'session-started',
      attemptId: ATTEMPT,
      sessionId: 's3',
    });
    expect(late.effects).toEqual([]);
  });
});
