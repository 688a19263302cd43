import { expect } from 'vitest';
import type { ServerMessage } from '../../src/realtime';
import { DEFAULT_BACKOFF, type ConnectionState } from '../../src/realtime';
import { initialContext, transition } from '../../src/realtime/machine';
import type {
  Effect,
  MachineConfig,
  MachineContext,
  MachineEvent,
  Step,
} from '../../src/realtime/machine-types';

/** Helpers for the connection machine's table tests: contexts in a given state, one step, checks. */

export const CONFIG: MachineConfig = {
  backoff: DEFAULT_BACKOFF,
  maxRenewals: 3,
  fallbackAfterFailures: 3,
  connectTimeoutMs: 10_000,
  probeIntervalMs: 60_000,
  lineCheckMs: 5_000,
  heartbeatMs: 15_000,
};

export const NOW = 1_000_000;
export const ATTEMPT = 7;

/** A context the way the machine leaves it in `state`, with the current attempt `ATTEMPT`. */
export function given(state: ConnectionState, patch: Partial<MachineContext> = {}): MachineContext {
  const base = { ...initialContext(CONFIG), state, attemptId: ATTEMPT, sessionId: 's1' };
  const byState: Partial<Record<ConnectionState, Partial<MachineContext>>> = {
    idle: { attemptId: 0, sessionId: null },
    live: { welcomed: true, healthySince: NOW - 1_000, lastFrameAt: NOW - 100 },
    polling: {
      transport: 'http',
      welcomed: true,
      healthySince: NOW - 1_000,
      lastFrameAt: NOW - 100,
    },
    backoff: { attempt: 1, nextRetryAt: NOW + 500 },
    stopped: { stopReason: 'unauthorized' },
  };
  return { ...base, ...byState[state], ...patch };
}

/** One step at `NOW`, with the random draw in the middle of its range. */
export function step(
  context: MachineContext,
  event: MachineEvent,
  tick: { now?: number; random?: number } = {},
): Step {
  return transition(context, event, { now: tick.now ?? NOW, random: tick.random ?? 0.5 });
}

/** `expected` appear among the step's effects, in this order (others may come between). */
export function expectEffects(result: Step, expected: Effect[]): void {
  let from = 0;
  for (const effect of expected) {
    const at = result.effects.findIndex(
      (e, i) => i >= from && JSON.stringify(e) === JSON.stringify(effect),
    );
    expect(at, `expected ${JSON.stringify(effect)} in ${JSON.stringify(result.effects)}`).not.toBe(
      -1,
    );
    from = at + 1;
  }
}

export function effectTypes(result: Step): string[] {
  return result.effects.map((e) => e.type);
}

export const frame = (
  message: Record<string, unknown>,
  extra: { role?: 'main' | 'probe'; legacy?: boolean; attemptId?: number } = {},
): MachineEvent =>
  ({
    type: 'frame',
    attemptId: extra.attemptId ?? ATTEMPT,
    role: extra.role ?? 'main',
    size: 50,
    frame: {
      ok: true,
      message: message as unknown as ServerMessage,
      legacy: extra.legacy ?? false,
      rejected: [],
    },
  }) as MachineEvent;

export const closed = (
  code: number,
  reason = '',
): Extract<MachineEvent, { type: 'socket-closed' }> => ({
  type: 'socket-closed',
  attemptId: ATTEMPT,
  role: 'main',
  code,
  reason,
});

export const welcome = (patch: Record<string, unknown> = {}) => ({
  type: 'welcome',
  sessionId: 's1',
  epoch: 'e1',
  seq: 0,
  heartbeatMs: 15_000,
  resumed: true,
  ...patch,
});

/** The backoff delay the machine draws for attempt `n` with random 0.5 and `floorMs`. */
export const midDelay = (ceiling: number, floorMs = 0) =>
  Math.round(Math.max(100, floorMs) + 0.5 * (ceiling - 100));
