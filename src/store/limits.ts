import { MAX_METRIC_NAMES } from '../realtime/limits';
import { WINDOW_MINUTES } from './operator-store';

/**
 * Everything the dashboard store keeps is bounded, because the backend is untrusted: one place
 * for the numbers, so the docs (docs/protocol.md, "What the client bounds and refuses") and the
 * tests can point at them.
 */

/**
 * Distinct metric names kept. A real deployment shows tens of panels; a backend that invents
 * names (30,000 in ten frames froze a tab at 5 GB) gets its new names refused beyond this.
 */
export const MAX_SERIES = MAX_METRIC_NAMES;

/** Points kept per series: 15 minutes at 10 samples/s. Allocated as the series fills. */
export const SERIES_CAPACITY = 9_000;

/**
 * Slots a series starts with; its arrays double from here up to `SERIES_CAPACITY`. Eight
 * doubles are 64 bytes, the most V8 keeps inside a typed array's own object: a backend that
 * brings a thousand new names in one frame costs a thousand small allocations, not two thousand
 * separate buffers (about a quarter of the time, in the frame that also renders them).
 */
export const SERIES_INITIAL_SLOTS = 8;

/** Alerts kept; the oldest resolved ones go first, then the oldest of any status. */
export const MAX_ALERTS = 500;

/** Status changes kept per alert: the first (when it opened) and the newest ones. */
export const MAX_ALERT_HISTORY = 50;

/** Error entries kept for the operator to read, newest first. */
export const MAX_RECENT_ERRORS = 20;

/**
 * Refused-name bookkeeping: names refused by `MAX_SERIES` are remembered up to this many, so a
 * name is counted once however often it comes back. Beyond it, a refused name that is not
 * remembered counts again each batch it appears in (an overcount, never unbounded memory).
 */
export const MAX_IGNORED_NAMES_TRACKED = 10_000;

/**
 * How far ahead of this client's clock a sample may be stamped. Beyond it the sample is refused:
 * accepted, it would become the series' newest point and every normal sample after it would
 * look out of order, freezing the panel.
 */
export const MAX_SAMPLE_AHEAD_MS = 5 * 60_000;

/** How old (by this client's clock) a sample may be: older than the longest chart window, it
 * could never be drawn. */
export const MAX_SAMPLE_AGE_MS = Math.max(...WINDOW_MINUTES) * 60_000;
