import { describe, expect, it } from 'vitest';
import type { HttpFailure } from '../../src/realtime/http-api';
import {
  ATTEMPT,
  closed,
  effectTypes,
  expectEffects,
  frame,
  given,
  NOW,
  step,
  welcome,
} from './machine-table';

const network: HttpFailure = { ok: false, failure: 'network', status: 0, detail: 'down' };
const httpFailed = (failure: HttpFailure = network) =>
  ({ type: 'http-failed', attemptId: ATTEMPT, failure }) as const;
const pollAnswered = { type: 'poll-answered', attemptId: ATTEMPT } as const;

describe('connection machine: HTTP fallback and the way back', () => {
  it('takes the HTTP road at once on the third WebSocket failure before a welcome', () => {
    const result = step(given('connecting', { wsFailures: 2 }), closed(1006));
    expect(result.context).toMatchObject({
      state: 'connecting',
      transport: 'http',
      wsFailures: 0,
      fallbackUnproven: true,
      attempt: 0,
    });
    expectEffects(result, [
      { type: 'end-attempt' },
      { type: 'begin-attempt', attemptId: ATTEMPT + 1 },
      { type: 'start-polling' },
    ]);
  });

  it('counts a connect timeout toward the fallback like a refused socket', () => {
    const result = step(given('connecting', { wsFailures: 2 }), {
      type: 'timer',
      name: 'connect-timeout',
    });
    expect(result.context).toMatchObject({ state: 'connecting', transport: 'http' });
  });

  it('still waits when the third failure asked for a wait (1013), then takes HTTP', () => {
    const result = step(given('connecting', { wsFailures: 2 }), closed(1013));
    expect(result.context).toMatchObject({ state: 'backoff', transport: 'http' });
  });

  it('does not count failures after a welcome toward the fallback', () => {
    const result = step(given('live', { wsFailures: 2 }), closed(1006));
    expect(result.context).toMatchObject({ state: 'backoff', transport: 'websocket' });
  });

  it('goes to HTTP at once when the WebSocket constructor throws', () => {
    const result = step(given('connecting'), {
      type: 'socket-unavailable',
      attemptId: ATTEMPT,
      role: 'main',
      detail: 'blocked by policy',
    });
    expect(result.context).toMatchObject({ state: 'connecting', transport: 'http' });
    expectEffects(result, [
      { type: 'error', kind: 'websocket_unavailable', detail: 'blocked by policy' },
      { type: 'start-polling' },
    ]);
  });

  it('shows the fallback on the first poll and probes WebSocket at once if unproven', () => {
    const connecting = given('connecting', { transport: 'http', fallbackUnproven: true });
    const result = step(connecting, pollAnswered);
    expect(result.context).toMatchObject({
      state: 'polling',
      welcomed: true,
      fallbackUnproven: false,
      healthySince: NOW,
    });
    expectEffects(result, [
      { type: 'cancel-timer', name: 'connect-timeout' },
      { type: 'start-timer', name: 'probe', ms: 0 },
      { type: 'notify' },
      { type: 'flush-outbox' },
    ]);
  });

  it('probes about once a minute on a fallback that is proven', () => {
    const result = step(given('connecting', { transport: 'http' }), pollAnswered);
    expectEffects(result, [{ type: 'start-timer', name: 'probe', ms: 60_000 }]);
  });

  it('goes back to WebSocket when the very first HTTP call fails too: the server is down', () => {
    const connecting = given('connecting', { transport: 'http', fallbackUnproven: true });
    const result = step(connecting, httpFailed());
    expect(result.context).toMatchObject({
      state: 'backoff',
      transport: 'websocket',
      fallbackUnproven: false,
      lastClose: { code: 1006, reason: 'down' },
    });
    expectEffects(result, [{ type: 'error', kind: 'http_error', detail: 'down' }]);
  });

  it('goes back to WebSocket on the third HTTP failure of a fallback that delivered', () => {
    const once = step(given('polling'), httpFailed());
    expect(once.context).toMatchObject({ state: 'backoff', transport: 'http', httpFailures: 1 });
    const third = step(given('polling', { httpFailures: 2 }), httpFailed());
    expect(third.context).toMatchObject({ transport: 'websocket', httpFailures: 0 });
  });

  it('opens a probe when the probe timer fires, under its own timeout', () => {
    const result = step(given('polling'), { type: 'timer', name: 'probe' });
    expect(result.context).toMatchObject({ state: 'polling', probing: true });
    expect(result.effects).toEqual([
      { type: 'cancel-timer', name: 'probe' },
      { type: 'open-socket', role: 'probe' },
      { type: 'start-timer', name: 'probe-timeout', ms: 10_000 },
    ]);
  });

  it('says hello on the probe when it opens', () => {
    const result = step(given('polling', { probing: true }), {
      type: 'socket-opened',
      attemptId: ATTEMPT,
      role: 'probe',
    });
    expect(result.effects).toEqual([{ type: 'send-hello', role: 'probe' }]);
  });

  it('moves to WebSocket when the probe is welcomed, stopping the poll without a gap', () => {
    const result = step(given('polling', { probing: true }), frame(welcome(), { role: 'probe' }));
    expect(result.context).toMatchObject({ state: 'live', transport: 'websocket', probing: false });
    expectEffects(result, [
      { type: 'promote-probe' },
      { type: 'stop-polling' },
      { type: 'cancel-timer', name: 'probe' },
      { type: 'cancel-timer', name: 'probe-timeout' },
      { type: 'start-timer', name: 'ping', ms: 15_000 },
      { type: 'release-held' },
      { type: 'flush-outbox' },
    ]);
    expect(effectTypes(result)).not.toContain('end-attempt');
  });

  it('keeps polling when the probe closes, and tries again later', () => {
    const result = step(given('polling', { probing: true }), {
      ...closed(1006),
      role: 'probe',
    });
    expect(result.context).toMatchObject({ state: 'polling', probing: false });
    expectEffects(result, [
      { type: 'cancel-timer', name: 'probe-timeout' },
      { type: 'start-timer', name: 'probe', ms: 60_000 },
    ]);
  });

  it('gives up on a probe that is not welcomed in time', () => {
    const result = step(given('polling', { probing: true }), {
      type: 'timer',
      name: 'probe-timeout',
    });
    expect(result.context).toMatchObject({ state: 'polling', probing: false });
    expectEffects(result, [
      { type: 'close-socket', role: 'probe', code: 1000, reason: '' },
      { type: 'start-timer', name: 'probe', ms: 60_000 },
    ]);
  });

  it('keeps polling when no probe socket can be made', () => {
    const result = step(given('polling', { probing: true }), {
      type: 'socket-unavailable',
      attemptId: ATTEMPT,
      role: 'probe',
      detail: 'no WebSocket',
    });
    expect(result.context).toMatchObject({ state: 'polling', transport: 'http' });
  });

  it('renews the session on a snapshot that says session_invalid', () => {
    const result = step(given('live'), {
      type: 'snapshot-failed',
      attemptId: ATTEMPT,
      generation: 2,
      failure: { ok: false, failure: 'session_invalid', status: 401, detail: 'session_invalid' },
    });
    expect(result.context.state).toBe('renewing');
  });

  it('retries only the snapshot when the socket is fine', () => {
    const result = step(given('live'), {
      type: 'snapshot-failed',
      attemptId: ATTEMPT,
      generation: 2,
      failure: { ok: false, failure: 'http', status: 500, detail: 'HTTP 500' },
    });
    expect(result.context.state).toBe('live');
    expect(result.effects).toEqual([
      { type: 'error', kind: 'http_error', detail: 'snapshot failed: HTTP 500' },
      { type: 'retry-snapshot', generation: 2, delayMs: 1_050 },
    ]);
  });

  it('treats a failed snapshot on the HTTP road as the road failing', () => {
    const result = step(given('polling'), {
      type: 'snapshot-failed',
      attemptId: ATTEMPT,
      generation: 2,
      failure: network,
    });
    expect(result.context).toMatchObject({ state: 'backoff', httpFailures: 1 });
  });
});
