import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src/realtime';
import { effectTypes, expectEffects, frame, given, NOW, step } from './machine-table';

describe('connection machine: offline, online, visible', () => {
  it.each<ConnectionState>(['idle', 'connecting', 'renewing', 'live', 'polling', 'backoff'])(
    'goes offline from %s and drops the attempt and its timers',
    (state) => {
      const result = step(given(state), { type: 'network', online: false });
      expect(result.context.state).toBe('offline');
      expectEffects(result, [{ type: 'end-attempt' }, { type: 'notify' }]);
      expect(effectTypes(result)).not.toContain('start-timer');
    },
  );

  it.each<ConnectionState>(['stopped', 'closed', 'offline'])(
    'stays %s when the network goes: it already says why it rests',
    (state) => {
      const result = step(given(state), { type: 'network', online: false });
      expect(result.context.state).toBe(state);
      expect(result.effects).toEqual([]);
    },
  );

  it('reconnects at once when the network comes back, with a clean slate', () => {
    const result = step(given('offline', { attempt: 6, wsFailures: 2 }), {
      type: 'network',
      online: true,
    });
    expect(result.context).toMatchObject({ state: 'connecting', attempt: 0, wsFailures: 0 });
    expectEffects(result, [{ type: 'open-socket', role: 'main' }]);
  });

  it.each<ConnectionState>(['stopped', 'live', 'backoff', 'closed'])(
    'ignores the network coming back while %s',
    (state) => {
      expect(step(given(state), { type: 'network', online: true }).effects).toEqual([]);
    },
  );

  it('retries at once on return if a throttled backoff timer is overdue', () => {
    const overdue = given('backoff', { nextRetryAt: NOW - 1 });
    expect(step(overdue, { type: 'visible' }).context.state).toBe('connecting');
    const pending = given('backoff', { nextRetryAt: NOW + 1 });
    expect(step(pending, { type: 'visible' }).effects).toEqual([]);
  });

  it.each<ConnectionState>(['connecting', 'polling', 'offline', 'stopped'])(
    'does nothing on visible while %s',
    (state) => {
      expect(step(given(state), { type: 'visible' }).effects).toEqual([]);
    },
  );

  it('leaves a stopped client stopped however the network moves', () => {
    const stopped = given('stopped');
    const off = step(stopped, { type: 'network', online: false });
    const on = step(off.context, { type: 'network', online: true });
    expect(on.context).toMatchObject({ state: 'stopped', stopReason: 'unauthorized' });
    expect(frame).toBeTypeOf('function');
  });
});
