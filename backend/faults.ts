import { floodAlerts } from './alert-flood';
import type { Severity } from '../src/realtime/protocol';
import type { MockBackend } from './mock-backend';
import { isMalformedKind, MALFORMED_KINDS, sendMalformed, type MalformedKind } from './malformed';
import type { Parsed } from './scenario';

/**
 * Faults fired on demand, by the QA panel in the browser demo and by the reference server's
 * control endpoint. One vocabulary for both, so a step in a bug report reads the same anywhere.
 */
export type FaultCommand =
  /** The network dies under every connection: no close frame (1006). */
  | { type: 'drop' }
  /** The server closes every connection with this code. */
  | { type: 'close'; code: number; reason?: string }
  /** Refuse WebSocket upgrades (open ones are dropped, as when a proxy is reconfigured). */
  | { type: 'block-websocket'; on: boolean }
  /** `count` alerts over `overMs`; all of `severity` when given, random severities otherwise. */
  | { type: 'flood-alerts'; count: number; overMs?: number; severity?: Severity }
  | { type: 'pause-feed'; on: boolean }
  | { type: 'expire-sessions' }
  /** Refuse every session, however fresh (renewal never works). */
  | { type: 'reject-sessions'; on: boolean }
  /** New epoch, empty log, every connection closed with 1012. */
  | { type: 'restart' }
  /** Every open connection goes silent without closing. */
  | { type: 'half-open' }
  | { type: 'latency'; ms: number }
  /** The next `count` messages are lost in transit (a sequence gap). */
  | { type: 'gap'; count: number }
  /** The last `count` messages are delivered again. */
  | { type: 'duplicate'; count: number }
  | { type: 'malformed'; kind: MalformedKind }
  /** Every fault off. */
  | { type: 'reset' };

export type FaultType = FaultCommand['type'];

/**
 * Close codes a server may put in a close frame (RFC 6455 7.4): 1004-1006 and 1015 are
 * reserved for the endpoint's own reporting; to get 1006, use `drop`.
 */
export function isSendableCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code);
}

/** Applies a (valid) command to the backend. */
export function applyFault(backend: MockBackend, command: FaultCommand): void {
  const { faults } = backend;
  switch (command.type) {
    case 'drop':
      return backend.dropAll();
    case 'close':
      if (!isSendableCloseCode(command.code))
        throw new Error(`Expected a sendable close code but got ${command.code}`);
      return backend.closeAll(command.code, command.reason ?? '');
    case 'block-websocket':
      faults.wsBlocked = command.on;
      if (command.on) backend.dropAll();
      return;
    case 'flood-alerts':
      return floodAlerts(
        backend,
        {
          count: command.count,
          overMs: command.overMs ?? 0,
          prefix: 'flood',
          ...(command.severity ? { severity: command.severity } : {}),
        },
        (ms, action) => backend.clock.setTimeout(action, ms),
      );
    case 'pause-feed':
      faults.feedPaused = command.on;
      return;
    case 'expire-sessions':
      return backend.expireSessions();
    case 'reject-sessions':
      faults.rejectSessions = command.on;
      if (command.on) backend.expireSessions();
      return;
    case 'restart':
      return backend.restart();
    case 'half-open':
      return backend.freezeAll();
    case 'latency':
      faults.latencyMs = command.ms;
      return;
    case 'gap':
      return backend.withhold(command.count);
    case 'duplicate':
      return backend.resend(command.count);
    case 'malformed':
      return sendMalformed(backend, command.kind);
    case 'reset':
      return backend.resetFaults();
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const LIMIT = 100_000;
const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** Untrusted JSON (an HTTP body, a form) to a command, or a message saying what is wrong. */
export function parseFaultCommand(input: unknown): Parsed<FaultCommand> {
  if (!isObj(input) || typeof input.type !== 'string')
    return fail('Expected an object with a string "type"');
  const count = (key: string, fallback?: number): number | string => {
    const value = input[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LIMIT)
      return `Expected "${key}" to be an integer from 0 to ${LIMIT}`;
    return value;
  };
  const flag = (): boolean | string =>
    typeof input.on === 'boolean' ? input.on : 'Expected "on" to be true or false';
  const type = input.type;
  switch (type) {
    case 'drop':
    case 'expire-sessions':
    case 'restart':
    case 'half-open':
    case 'reset':
      return ok({ type });
    case 'close': {
      const code = input.code;
      if (typeof code !== 'number' || !isSendableCloseCode(code))
        return fail(
          'Expected "code" to be 1000-1003, 1007-1014 or 3000-4999 (use "drop" for 1006)',
        );
      const reason = input.reason ?? '';
      if (typeof reason !== 'string' || new TextEncoder().encode(reason).length > 123)
        return fail('Expected "reason" to be a string of at most 123 bytes');
      return ok({ type, code, reason });
    }
    case 'block-websocket':
    case 'pause-feed':
    case 'reject-sessions': {
      const on = flag();
      return typeof on === 'string' ? fail(on) : ok({ type, on });
    }
    case 'flood-alerts': {
      const n = count('count');
      const overMs = count('overMs', 0);
      if (typeof n === 'string') return fail(n);
      if (typeof overMs === 'string') return fail(overMs);
      const severity = input.severity;
      if (severity === undefined) return ok({ type, count: n, overMs });
      if (!SEVERITIES.includes(severity as Severity))
        return fail(`Expected "severity" to be one of ${SEVERITIES.join(', ')}`);
      return ok({ type, count: n, overMs, severity: severity as Severity });
    }
    case 'latency': {
      const ms = count('ms');
      return typeof ms === 'string' ? fail(ms) : ok({ type, ms });
    }
    case 'gap':
    case 'duplicate': {
      const n = count('count', 1);
      return typeof n === 'string' ? fail(n) : ok({ type, count: n });
    }
    case 'malformed':
      return isMalformedKind(input.kind)
        ? ok({ type, kind: input.kind })
        : fail(`Expected "kind" to be one of ${MALFORMED_KINDS.join(', ')}`);
    default:
      return fail(`Unknown fault "${type}"`);
  }
}

const ok = (value: FaultCommand): Parsed<FaultCommand> => ({ ok: true, value });
const fail = (error: string): Parsed<FaultCommand> => ({ ok: false, error });
