import { describe, expect, it } from 'vitest';
import {
  ATTEMPT,
  effectTypes,
  expectEffects,
  frame,
  given,
  NOW,
  step,
  welcome,
} from './machine-table';

const BEAT = 15_000;
const dead = {
  type: 'close-socket',
  role: 'main',
  code: 4000,
  reason: 'no heartbeat from the server',
} as const;

describe('connection machine: heartbeat and half-open lines', () => {
  it('pings on the beat while the line answers', () => {
    const result = step(given('live', { lastFrameAt: NOW - BEAT }), {
      type: 'timer',
      name: 'ping',
    });
    expect(result.context).toMatchObject({ state: 'live', lastPingTs: NOW });
    expect(result.effects).toEqual([
      { type: 'send', role: 'main', message: { type: 'ping', ts: NOW } },
      { type: 'start-timer', name: 'ping', ms: BEAT },
    ]);
  });

  it('calls a line dead after two silent beats, closing it with 4000, and backs off', () => {
    const result = step(given('live', { lastFrameAt: NOW - 2 * BEAT }), {
      type: 'timer',
      name: 'ping',
    });
    expect(result.context).toMatchObject({
      state: 'backoff',
      lastClose: { code: 4000, description: 'no heartbeat from the server' },
    });
    expectEffects(result, [dead, { type: 'end-attempt' }]);
    expect(result.effects).not.toContainEqual(expect.objectContaining({ type: 'send' }));
  });

  it('sees the silence of a laptop sleep on the first deadline after it', () => {
    const asleep = given('live', { lastFrameAt: NOW - 3_600_000 });
    expect(step(asleep, { type: 'timer', name: 'line-deadline' }).context.state).toBe('backoff');
  });

  it('re-arms the deadline two beats after the last frame while the line lives', () => {
    const result = step(given('live', { lastFrameAt: NOW - 1_000 }), {
      type: 'timer',
      name: 'line-deadline',
    });
    expect(result.effects).toEqual([
      { type: 'start-timer', name: 'line-deadline', ms: 2 * BEAT - 1_000 },
    ]);
  });

  it('treats any frame as a sign of life', () => {
    const result = step(
      given('live', { lastFrameAt: NOW - 20_000 }),
      frame({ type: 'pong', ts: 1 }),
    );
    expect(result.context.lastFrameAt).toBe(NOW);
  });

  it('measures the round trip from the echo of its own ping only', () => {
    const pinged = given('live', { lastPingTs: NOW - 40 });
    const echo = step(pinged, frame({ type: 'pong', ts: NOW - 40 }));
    expect(echo.context.latencyMs).toBe(40);
    expect(echo.effects).toEqual([{ type: 'notify' }]);
    const stranger = step(pinged, frame({ type: 'pong', ts: 5 }));
    expect(stranger.context.latencyMs).toBeNull();
  });

  it('answers a server ping with the same ts, and a bare "ping" with a bare "pong"', () => {
    const json = step(given('live'), frame({ type: 'ping', ts: 12345 }));
    expect(json.effects).toEqual([
      { type: 'send', role: 'main', message: { type: 'pong', ts: 12345 } },
      { type: 'notify' },
    ]);
    const bare = step(given('live'), frame({ type: 'ping', ts: NOW }, { legacy: true }));
    expectEffects(bare, [{ type: 'send', role: 'main', message: 'pong' }]);
  });

  it('checks the line when the tab becomes visible: ping now, answer within the check', () => {
    const result = step(given('live'), { type: 'visible' });
    expect(result.context.lineCheckAt).toBe(NOW);
    expect(result.effects).toEqual([
      { type: 'send', role: 'main', message: { type: 'ping', ts: NOW } },
      { type: 'start-timer', name: 'line-deadline', ms: 5_000 },
    ]);
  });

  it('fails a line check that nothing answers', () => {
    const checking = given('live', { lineCheckAt: NOW - 5_000, lastFrameAt: NOW - 6_000 });
    const result = step(checking, { type: 'timer', name: 'line-deadline' });
    expect(result.context.state).toBe('backoff');
    expectEffects(result, [dead]);
  });

  it('passes a line check that a frame answered', () => {
    const answered = given('live', { lineCheckAt: NOW - 5_000, lastFrameAt: NOW - 4_000 });
    const result = step(answered, { type: 'timer', name: 'line-deadline' });
    expect(result.context).toMatchObject({ state: 'live', lineCheckAt: null });
    expect(effectTypes(result)).toEqual(['start-timer']);
  });

  it('calls the line dead at once on visible when it has been silent two beats', () => {
    const result = step(given('live', { lastFrameAt: NOW - 2 * BEAT }), { type: 'visible' });
    expect(result.context.state).toBe('backoff');
  });

  it('beats at the new heartbeatMs when a live server welcomes again with another', () => {
    const result = step(given('live'), frame(welcome({ heartbeatMs: 20_000 })));
    expect(result.context).toMatchObject({ state: 'live', heartbeatMs: 20_000 });
    expectEffects(result, [
      { type: 'start-timer', name: 'ping', ms: 20_000 },
      { type: 'start-timer', name: 'line-deadline', ms: 40_000 },
      { type: 'notify' },
    ]);
    const same = step(given('live'), frame(welcome()));
    expect(effectTypes(same)).not.toContain('start-timer');
  });

  it('ignores heartbeat timers outside live', () => {
    for (const name of ['ping', 'line-deadline'] as const) {
      const result = step(given('backoff'), { type: 'timer', name });
      expect(result.effects).toEqual([]);
    }
    expect(ATTEMPT).toBeGreaterThan(0);
  });
});
