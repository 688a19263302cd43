import {
  MAX_FRAME_BYTES,
  type Alert,
  type AlertStatus,
  type PollResponse,
  type Sample,
  type ServerMessage,
  type ServerSnapshot,
  type SessionStartResponse,
} from './protocol';

/**
 * The one place where untrusted input becomes typed protocol values. Nothing here throws:
 * every rejection is a value with a kind, so the caller can count it and carry on.
 */

export type FrameErrorKind =
  'invalid_json' | 'oversized' | 'unknown_type' | 'invalid_shape' | 'binary';

export type Rejection = { ok: false; kind: FrameErrorKind; detail: string };

export type FrameResult =
  | {
      ok: true;
      message: ServerMessage;
      /** the bare-string `"ping"`/`"pong"` of older servers */ legacy: boolean;
    }
  | Rejection;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const optStr = (v: unknown) => v === undefined || isStr(v);

const SEVERITIES = new Set(['info', 'warning', 'critical']);
const STATUSES = new Set(['open', 'acknowledged', 'resolved']);

const encoder = new TextEncoder();

/** UTF-8 size without encoding short strings: a JS char is at most 3 UTF-8 bytes. */
function exceedsFrameLimit(text: string): boolean {
  if (text.length * 3 <= MAX_FRAME_BYTES) return false;
  if (text.length > MAX_FRAME_BYTES) return true;
  return encoder.encode(text).byteLength > MAX_FRAME_BYTES;
}

const reject = (kind: FrameErrorKind, detail: string): Rejection => ({ ok: false, kind, detail });

export function toSample(v: unknown): Sample | null {
  if (!isObj(v) || !isStr(v.name) || v.name === '' || !isNum(v.ts) || !isNum(v.value)) return null;
  if (!optStr(v.unit)) return null;
  const sample: Sample = { name: v.name, ts: v.ts, value: v.value };
  if (isStr(v.unit)) sample.unit = v.unit;
  return sample;
}

export function toAlert(v: unknown): Alert | null {
  if (!isObj(v)) return null;
  const { id, severity, title, message, source, ts, status } = v;
  if (!isStr(id) || id === '' || !isStr(title) || !isStr(message) || !isNum(ts)) return null;
  if (!isStr(severity) || !SEVERITIES.has(severity)) return null;
  if (!isStr(status) || !STATUSES.has(status)) return null;
  if (!optStr(source)) return null;
  const alert: Alert = {
    id,
    severity: severity as Alert['severity'],
    title,
    message,
    ts,
    status: status as AlertStatus,
  };
  if (isStr(source)) alert.source = source;
  return alert;
}

/** Validates an already-parsed JSON value as a server message. */
export function toServerMessage(v: unknown): { ok: true; message: ServerMessage } | Rejection {
  if (!isObj(v) || !isStr(v.type))
    return reject('invalid_shape', 'expected an object with a string "type"');
  const bad = (what: string) => reject('invalid_shape', `${v.type}: ${what}`);
  switch (v.type) {
    case 'welcome': {
      const { sessionId, epoch, seq, heartbeatMs, resumed } = v;
      if (!isStr(sessionId) || !isStr(epoch) || !isSeq(seq) || typeof resumed !== 'boolean')
        return bad('expected sessionId, epoch, seq, resumed');
      if (heartbeatMs !== undefined && !(isNum(heartbeatMs) && heartbeatMs > 0))
        return bad('heartbeatMs must be a positive number');
      return {
        ok: true,
        message: {
          type: 'welcome',
          sessionId,
          epoch,
          seq,
          heartbeatMs: (heartbeatMs as number | undefined) ?? 15_000,
          resumed,
        },
      };
    }
    case 'metrics': {
      if (!isSeq(v.seq) || !Array.isArray(v.samples)) return bad('expected seq and samples[]');
      const samples: Sample[] = [];
      for (const raw of v.samples) {
        const sample = toSample(raw);
        if (!sample) return bad('every sample needs name, ts and value');
        samples.push(sample);
      }
      return { ok: true, message: { type: 'metrics', seq: v.seq, samples } };
    }
    case 'alert': {
      const alert = toAlert(v.alert);
      if (!isSeq(v.seq) || !alert) return bad('expected seq and a valid alert');
      return { ok: true, message: { type: 'alert', seq: v.seq, alert } };
    }
    case 'alert_update': {
      const { seq, id, status, by } = v;
      if (!isSeq(seq) || !isStr(id) || !isStr(status) || !STATUSES.has(status) || !optStr(by))
        return bad('expected seq, id and status');
      return {
        ok: true,
        message: {
          type: 'alert_update',
          seq,
          id,
          status: status as AlertStatus,
          ...(isStr(by) ? { by } : {}),
        },
      };
    }
    case 'status': {
      const { seq, level, message } = v;
      if (!isSeq(seq) || (level !== 'info' && level !== 'warning') || !isStr(message))
        return bad('expected seq, level and message');
      return { ok: true, message: { type: 'status', seq, level, message } };
    }
    case 'ping':
    case 'pong':
      if (!isNum(v.ts)) return bad('expected a numeric ts');
      return { ok: true, message: { type: v.type, ts: v.ts } };
    case 'error':
      if (!isStr(v.code) || !isStr(v.message)) return bad('expected code and message');
      return { ok: true, message: { type: 'error', code: v.code, message: v.message } };
    default:
      return reject('unknown_type', `unknown message type "${v.type.slice(0, 40)}"`);
  }
}

/** Turns one WebSocket frame into a typed message, or says exactly why not. */
export function parseServerFrame(data: unknown): FrameResult {
  if (typeof data !== 'string')
    return reject('binary', 'binary frames are not part of the protocol');
  if (exceedsFrameLimit(data)) return reject('oversized', 'frame is larger than 1 MiB');
  const bare = data.trim();
  if (bare === 'ping' || bare === 'pong') {
    return { ok: true, message: { type: bare, ts: Number.NaN }, legacy: true };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return reject('invalid_json', 'frame is not valid JSON');
  }
  const result = toServerMessage(json);
  return result.ok ? { ...result, legacy: false } : result;
}

// HTTP bodies: a body that fails here is an HTTP-level error, counted by the caller.

export function toSessionStart(v: unknown): SessionStartResponse | null {
  if (!isObj(v) || !isStr(v.sessionId) || v.sessionId === '') return null;
  return { sessionId: v.sessionId, ttlMs: isNum(v.ttlMs) ? v.ttlMs : 3_600_000 };
}

export type Lenient<T> = { value: T; rejected: Rejection[] };

/** A snapshot whose malformed items are dropped and reported, never the whole snapshot. */
export function toSnapshot(v: unknown): Lenient<ServerSnapshot> | null {
  if (!isObj(v) || !isStr(v.epoch) || !isSeq(v.seq)) return null;
  const rejected: Rejection[] = [];
  const samples: Sample[] = [];
  const alerts: Alert[] = [];
  for (const raw of Array.isArray(v.samples) ? v.samples : []) {
    const sample = toSample(raw);
    if (sample) samples.push(sample);
    else rejected.push(reject('invalid_shape', 'snapshot: invalid sample'));
  }
  for (const raw of Array.isArray(v.alerts) ? v.alerts : []) {
    const alert = toAlert(raw);
    if (alert) alerts.push(alert);
    else rejected.push(reject('invalid_shape', 'snapshot: invalid alert'));
  }
  return { value: { epoch: v.epoch, seq: v.seq, samples, alerts }, rejected };
}

export function toPollResponse(v: unknown): Lenient<PollResponse> | null {
  if (!isObj(v) || !isStr(v.epoch) || !Array.isArray(v.messages)) return null;
  const rejected: Rejection[] = [];
  const messages: ServerMessage[] = [];
  for (const raw of v.messages) {
    const result = toServerMessage(raw);
    if (result.ok) messages.push(result.message);
    else rejected.push(result);
  }
  return { value: { epoch: v.epoch, messages }, rejected };
}
