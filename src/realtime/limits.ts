import { MAX_FRAME_BYTES } from './protocol';

/**
 * Every bound the client puts on what a backend sends, in one place. The backend is untrusted:
 * whatever it sends, the dashboard must keep answering, so each thing it can grow or dictate has
 * a ceiling here. The numbers are far above what a sane server sends (docs/protocol.md, "What the
 * client bounds and refuses"), so only a buggy or hostile one ever meets them.
 */

// ---------------------------------------------------------------- text, in UTF-16 code units

/**
 * Ids and names: alert ids, metric names, session ids, epochs. One over this is REFUSED, not
 * cut: two long ids sharing their first 200 characters would be cut into the same id, and the
 * dashboard would silently merge two alerts (or two series) into one.
 */
export const MAX_ID_CHARS = 200;
/** Alert titles. Longer ones are cut, ending in "…". */
export const MAX_TITLE_CHARS = 300;
/** Alert messages, status messages, server error messages. */
export const MAX_MESSAGE_CHARS = 2_000;
/** An alert's `source`, an alert_update's `by`. */
export const MAX_SOURCE_CHARS = 200;
/** A sample's `unit`. */
export const MAX_UNIT_CHARS = 40;
/** The `code` of a server `error` message. */
export const MAX_ERROR_CODE_CHARS = 100;

// ---------------------------------------------------------------- items per message or body

/** Samples kept from one `metrics` message; the rest are refused. */
export const MAX_SAMPLES_PER_MESSAGE = 10_000;
/**
 * Messages taken from one poll answer; the rest are refused and arrive with the next poll, which
 * asks from the last seq applied.
 */
export const MAX_MESSAGES_PER_POLL = 5_000;
/** Samples kept from one snapshot (the newest: a server lists them oldest first). */
export const MAX_SNAPSHOT_SAMPLES = 200_000;
/** Alerts kept from one snapshot (the last listed). */
export const MAX_SNAPSHOT_ALERTS = 10_000;

/**
 * Distinct metric names passed on to the dashboard (`name-gate.ts`); samples of further names are
 * refused at the edge. A real deployment shows tens of panels.
 */
export const MAX_METRIC_NAMES = 1_000;
/**
 * Refused names remembered so each is counted once. Beyond it, a refused name not remembered
 * counts again each message it appears in (an overcount, never unbounded memory).
 */
export const MAX_REFUSED_NAMES_TRACKED = 10_000;

// ---------------------------------------------------------------- bytes

/** Poll answers, session starts and every other HTTP body but the snapshot: the frame cap. */
export const MAX_HTTP_BODY_BYTES = MAX_FRAME_BYTES;
/**
 * A snapshot is the whole state at once (every series' recent points and the alerts), so it
 * gets 8 MiB: about 200,000 samples, far over what the dashboard keeps, far under a page's memory.
 */
export const MAX_SNAPSHOT_BYTES = 8 * MAX_FRAME_BYTES;
/**
 * Messages held before a `welcome` or during a resync, in frame characters. The message-count
 * bound alone (20k) would let 20k frames of 1 MiB each (20 GB) pile up.
 */
export const DEFAULT_HELD_BYTES = 16 * MAX_FRAME_BYTES;
/** Messages held before a `welcome` or during a resync (`resyncBufferLimit`). */
export const DEFAULT_HELD_MESSAGES = 20_000;

// ---------------------------------------------------------------- values a server dictates

/**
 * `welcome.heartbeatMs` is obeyed within these. Under 1 s, pings would flood the line; over
 * 5 min, a dead line would go unnoticed for 10 min; over 2^31 ms, `setTimeout` fires at once and
 * the client would ping hundreds of times a second and could not see a dead line at all.
 */
export const MIN_HEARTBEAT_MS = 1_000;
export const MAX_HEARTBEAT_MS = 5 * 60_000;
/** `welcome` without `heartbeatMs`. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * A session start's `ttlMs` within these, else clamped. The client does not time anything by it
 * today (the server says when a session is gone with 1008 or 401/410), but whatever later does
 * must not get a negative, zero or years-long value from a server.
 */
export const MIN_SESSION_TTL_MS = 1_000;
export const MAX_SESSION_TTL_MS = 7 * 24 * 3_600_000;
/** Session start without `ttlMs`. */
export const DEFAULT_SESSION_TTL_MS = 3_600_000;
