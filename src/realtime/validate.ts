import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_SESSION_TTL_MS,
  MAX_ERROR_CODE_CHARS,
  MAX_HEARTBEAT_MS,
  MAX_ID_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_MESSAGES_PER_POLL,
  MAX_SAMPLES_PER_MESSAGE,
  MAX_SESSION_TTL_MS,
  MAX_SNAPSHOT_ALERTS,
  MAX_SNAPSHOT_SAMPLES,
  MAX_SOURCE_CHARS,
  MAX_TITLE_CHARS,
  MAX_UNIT_CHARS,
  MIN_HEARTBEAT_MS,
  MIN_SESSION_TTL_MS,
} from './limits';
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
import { TextFitter, Tally, type ItemErrorKind } from './item-tally';
import { toCatalog } from './validate-catalog';
import { exceedsUtf8 } from './utf8-size';

/**
 * The one place where untrusted input becomes typed protocol values. Nothing here throws:
 * every rejection is a value with a kind, so the caller can count it and carry on. Text is cut to
 * the limits in `limits.ts`; ids and names over theirs are refused (see MAX_ID_CHARS).
 */

export type FrameErrorKind =
  'invalid_json' | 'oversized' | 'unknown_type' | 'invalid_shape' | 'binary';

export type { ItemErrorKind } from './item-tally';

export type ValidationErrorKind = FrameErrorKind | ItemErrorKind;

export type Rejection = {
  ok: false;
  kind: ValidationErrorKind;
  detail: string;
  /** How many items this stands for (a batch reports once per kind); 1 when absent. */
  count?: number;
};

export type FrameResult =
  | {
      ok: true;
      message: ServerMessage;
      /** the bare-string `"ping"`/`"pong"` of older servers */ legacy: boolean;
      /** What was refused or changed inside an accepted message: cut text, bad samples, ... */
      rejected: Rejection[];
    }
  | Rejection;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const optStr = (v: unknown) => v === undefined || isStr(v);
const isId = (v: unknown): v is string => isStr(v) && v !== '' && v.length <= MAX_ID_CHARS;
const overLong = (v: unknown) => isStr(v) && v.length > MAX_ID_CHARS;

const SEVERITIES = new Set(['info', 'warning', 'critical']);
const STATUSES = new Set(['open', 'acknowledged', 'resolved']);

const reject = (kind: ValidationErrorKind, detail: string): Rejection => ({
  ok: false,
  kind,
  detail,
});

/** One item of a message or body: kept (perhaps with text cut) or refused, with the reason. */
export type Item<T> =
  | { ok: true; value: T; fitter: TextFitter }
  | { ok: false; kind: 'invalid_shape' | 'id_too_long'; reason: string };

const ID_REASON = `over ${MAX_ID_CHARS} characters`;

export function toSample(v: unknown): Item<Sample> {
  if (!isObj(v) || !isStr(v.name) || v.name === '' || !isNum(v.ts) || !isNum(v.value))
    return { ok: false, kind: 'invalid_shape', reason: 'a sample needs name, ts and value' };
  if (!optStr(v.unit)) return { ok: false, kind: 'invalid_shape', reason: 'unit is not text' };
  if (overLong(v.name)) return { ok: false, kind: 'id_too_long', reason: `name ${ID_REASON}` };
  const fitter = new TextFitter();
  const sample: Sample = { name: v.name, ts: v.ts, value: v.value };
  if (isStr(v.unit)) sample.unit = fitter.fit(v.unit, MAX_UNIT_CHARS, 'unit');
  return { ok: true, value: sample, fitter };
}

export function toAlert(v: unknown): Item<Alert> {
  const invalid = { ok: false, kind: 'invalid_shape', reason: 'not a valid alert' } as const;
  if (!isObj(v)) return invalid;
  const { id, severity, title, message, source, ts, status } = v;
  if (!isStr(id) || id === '' || !isStr(title) || !isStr(message) || !isNum(ts)) return invalid;
  if (!isStr(severity) || !SEVERITIES.has(severity)) return invalid;
  if (!isStr(status) || !STATUSES.has(status)) return invalid;
  if (!optStr(source)) return invalid;
  if (overLong(id)) return { ok: false, kind: 'id_too_long', reason: `id ${ID_REASON}` };
  const fitter = new TextFitter();
  const alert: Alert = {
    id,
    severity: severity as Alert['severity'],
    title: fitter.fit(title, MAX_TITLE_CHARS, 'title'),
    message: fitter.fit(message, MAX_MESSAGE_CHARS, 'message'),
    ts,
    status: status as AlertStatus,
  };
  if (isStr(source)) alert.source = fitter.fit(source, MAX_SOURCE_CHARS, 'source');
  return { ok: true, value: alert, fitter };
}

type Accepted = { ok: true; message: ServerMessage; rejected: Rejection[] };

/** Validates an already-parsed JSON value as a server message. */
export function toServerMessage(v: unknown): Accepted | Rejection {
  if (!isObj(v) || !isStr(v.type))
    return reject('invalid_shape', 'expected an object with a string "type"');
  const bad = (what: string) => reject('invalid_shape', `${v.type}: ${what}`);
  const where = `${v.type}${isSeq(v.seq) ? ` seq ${v.seq}` : ''}`;
  const fitter = new TextFitter();
  const accept = (message: ServerMessage, rejected: Rejection[] = []): Accepted => ({
    ok: true,
    message,
    rejected: [...fitter.rejections(where), ...rejected],
  });
  switch (v.type) {
    case 'welcome': {
      const { sessionId, epoch, seq, heartbeatMs, resumed } = v;
      if (!isStr(sessionId) || !isStr(epoch) || !isSeq(seq) || typeof resumed !== 'boolean')
        return bad('expected sessionId, epoch, seq, resumed');
      if (overLong(sessionId) || overLong(epoch))
        return reject('id_too_long', `welcome: sessionId or epoch ${ID_REASON}`);
      if (
        heartbeatMs !== undefined &&
        (typeof heartbeatMs !== 'number' || Number.isNaN(heartbeatMs))
      )
        return bad('heartbeatMs must be a number');
      const beat = heartbeat(heartbeatMs);
      const welcome = { type: 'welcome' as const, sessionId, epoch, seq, resumed };
      return accept({ ...welcome, heartbeatMs: beat.ms }, beat.rejected);
    }
    case 'metrics': {
      if (!isSeq(v.seq) || !Array.isArray(v.samples)) return bad('expected seq and samples[]');
      const tally = new Tally();
      const samples = keepItems(v.samples, toSample, tally, 'sample', MAX_SAMPLES_PER_MESSAGE);
      // Nothing usable at all is an invalid message, like any other (the seq rules then resync).
      if (samples.length === 0 && v.samples.length > 0)
        return bad('every sample needs name, ts and value');
      return accept({ type: 'metrics', seq: v.seq, samples }, tally.rejections(where));
    }
    case 'alert': {
      if (!isSeq(v.seq)) return bad('expected seq and a valid alert');
      const item = toAlert(v.alert);
      if (!item.ok) return reject(item.kind, `alert seq ${v.seq}: ${item.reason}`);
      return accept(
        { type: 'alert', seq: v.seq, alert: item.value },
        item.fitter.rejections(where),
      );
    }
    case 'alert_update': {
      const { seq, id, status, by } = v;
      if (!isSeq(seq) || !isStr(id) || !isStr(status) || !STATUSES.has(status) || !optStr(by))
        return bad('expected seq, id and status');
      if (overLong(id)) return reject('id_too_long', `${where}: id ${ID_REASON}`);
      return accept({
        type: 'alert_update',
        seq,
        id,
        status: status as AlertStatus,
        ...(isStr(by) ? { by: fitter.fit(by, MAX_SOURCE_CHARS, 'by') } : {}),
      });
    }
    case 'status': {
      const { seq, level, message } = v;
      if (!isSeq(seq) || (level !== 'info' && level !== 'warning') || !isStr(message))
        return bad('expected seq, level and message');
      const text = fitter.fit(message, MAX_MESSAGE_CHARS, 'message');
      return accept({ type: 'status', seq, level, message: text });
    }
    case 'catalog': {
      const tally = new Tally();
      const catalog = isSeq(v.seq) ? toCatalog(v, tally) : null;
      if (!catalog) return bad('expected seq, metrics[] with a usable description, topics[]');
      return accept({ type: 'catalog', seq: v.seq as number, ...catalog }, tally.rejections(where));
    }
    case 'ping':
    case 'pong':
      if (!isNum(v.ts)) return bad('expected a numeric ts');
      return accept({ type: v.type, ts: v.ts });
    case 'error': {
      if (!isStr(v.code) || !isStr(v.message)) return bad('expected code and message');
      const code = fitter.fit(v.code, MAX_ERROR_CODE_CHARS, 'code');
      return accept({
        type: 'error',
        code,
        message: fitter.fit(v.message, MAX_MESSAGE_CHARS, 'message'),
      });
    }
    default:
      return reject('unknown_type', `unknown message type "${v.type.slice(0, 40)}"`);
  }
}

/** A beat the client can keep: within 1 s .. 5 min, and said so when the server's was not. */
function heartbeat(value: number | undefined): { ms: number; rejected: Rejection[] } {
  if (value === undefined) return { ms: DEFAULT_HEARTBEAT_MS, rejected: [] };
  const ms = Math.min(MAX_HEARTBEAT_MS, Math.max(MIN_HEARTBEAT_MS, value));
  if (ms === value) return { ms, rejected: [] };
  const detail =
    `welcome.heartbeatMs ${value} ms is outside ${MIN_HEARTBEAT_MS}..${MAX_HEARTBEAT_MS} ms: ` +
    `using ${ms} ms`;
  return { ms, rejected: [reject('heartbeat_clamped', detail)] };
}

/**
 * The valid items of a list, at most `max` of them (from the start, or the end with `fromEnd`);
 * every item refused or cut is tallied. Items past `max` are not even looked at.
 */
function keepItems<T>(
  list: unknown[],
  toItem: (v: unknown) => Item<T>,
  tally: Tally,
  noun: string,
  max: number,
  fromEnd = false,
): T[] {
  const excess = Math.max(0, list.length - max);
  if (excess > 0) tally.add('too_many_items', noun, `over ${max} in one`, excess);
  const kept: T[] = [];
  for (const raw of fromEnd ? list.slice(excess) : list.slice(0, max)) {
    const item = toItem(raw);
    if (!item.ok) {
      tally.add(item.kind, noun, item.reason);
      continue;
    }
    const cut = item.fitter.firstCut;
    if (cut) tally.add('truncated', noun, cut);
    kept.push(item.value);
  }
  return kept;
}

/** Turns one WebSocket frame into a typed message, or says exactly why not. */
export function parseServerFrame(data: unknown): FrameResult {
  if (typeof data !== 'string')
    return reject('binary', 'binary frames are not part of the protocol');
  if (exceedsUtf8(data, MAX_FRAME_BYTES)) return reject('oversized', 'frame is larger than 1 MiB');
  const bare = data.trim();
  if (bare === 'ping' || bare === 'pong') {
    return { ok: true, message: { type: bare, ts: Number.NaN }, legacy: true, rejected: [] };
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

export type Lenient<T> = { value: T; rejected: Rejection[] };

export function toSessionStart(v: unknown): Lenient<SessionStartResponse> | null {
  if (!isObj(v) || !isId(v.sessionId)) return null;
  const { ttlMs } = v;
  if (ttlMs === undefined)
    return { value: { sessionId: v.sessionId, ttlMs: DEFAULT_SESSION_TTL_MS }, rejected: [] };
  const used = isNum(ttlMs)
    ? Math.min(MAX_SESSION_TTL_MS, Math.max(MIN_SESSION_TTL_MS, ttlMs))
    : DEFAULT_SESSION_TTL_MS;
  const value = { sessionId: v.sessionId, ttlMs: used };
  if (used === ttlMs) return { value, rejected: [] };
  const detail = `session ttlMs ${shownBriefly(ttlMs)} is outside ${MIN_SESSION_TTL_MS}..${MAX_SESSION_TTL_MS} ms: using ${used} ms`;
  return { value, rejected: [reject('ttl_clamped', detail)] };
}

/**
 * A value a server sent, for a detail line: short, and never by serialising it whole. A list
 * nested 100,000 deep would make `JSON.stringify` throw (Node, Firefox), and a 1 MiB string
 * would be copied only to be cut.
 */
function shownBriefly(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** A snapshot whose malformed items are dropped and reported, never the whole snapshot. */
export function toSnapshot(v: unknown): Lenient<ServerSnapshot> | null {
  if (!isObj(v) || !isId(v.epoch) || !isSeq(v.seq)) return null;
  const tally = new Tally();
  const list = (x: unknown) => (Array.isArray(x) ? x : []);
  // A server lists oldest first: past the bound, the newest are the ones worth keeping.
  const samples = keepItems(list(v.samples), toSample, tally, 'sample', MAX_SNAPSHOT_SAMPLES, true);
  const alerts = keepItems(list(v.alerts), toAlert, tally, 'alert', MAX_SNAPSHOT_ALERTS, true);
  // v1.1: a catalogue that is not one is refused alone; the dashboard keeps the one it had.
  const catalog = isObj(v.catalog) ? toCatalog(v.catalog, tally) : null;
  if (v.catalog !== undefined && !catalog) tally.add('invalid_shape', 'catalogue', 'unusable');
  return {
    value: { epoch: v.epoch, seq: v.seq, samples, alerts, ...(catalog ? { catalog } : {}) },
    rejected: tally.rejections('snapshot'),
  };
}

export function toPollResponse(v: unknown): Lenient<PollResponse> | null {
  if (!isObj(v) || !isId(v.epoch) || !Array.isArray(v.messages)) return null;
  const rejected: Rejection[] = [];
  const messages: ServerMessage[] = [];
  const excess = v.messages.length - MAX_MESSAGES_PER_POLL;
  // The first ones, so the stream stays in order: the next poll asks from the last seq applied.
  for (const raw of v.messages.slice(0, MAX_MESSAGES_PER_POLL)) {
    const result = toServerMessage(raw);
    if (result.ok) {
      messages.push(result.message);
      rejected.push(...result.rejected);
    } else rejected.push(result);
  }
  if (excess > 0) {
    const detail = `poll: ${excess} messages over ${MAX_MESSAGES_PER_POLL} per answer refused; the next poll asks for them again`;
    rejected.push({ ...reject('too_many_items', detail), count: excess });
  }
  return { value: { epoch: v.epoch, messages }, rejected };
}
