import type { ConnectionSnapshot } from '../realtime';
import { ERROR_KINDS, type ErrorKind } from '../realtime/error-kinds';
import { MAX_RECENT_ERRORS } from './limits';

/** What the store itself refuses or drops, beside what the realtime client counts. */
export const STORE_PROBLEM_KINDS = [
  /** Applying a whole event threw; the event was skipped, the rest of its batch applied. */
  'event_failed',
  /** One sample or alert inside a message or snapshot threw; the others applied. */
  'item_failed',
  /** A sample stamped more than `MAX_SAMPLE_AHEAD_MS` ahead of this client's clock. */
  'sample_future',
  /** A sample older than the longest chart window by this client's clock. */
  'sample_too_old',
  /** A sample older than its series' newest point: it would draw the line backwards. */
  'sample_out_of_order',
  /** A metric name beyond `MAX_SERIES` distinct names (counted once per name). */
  'series_limit',
  /** An alert that was not resolved, dropped because more than `MAX_ALERTS` were kept. */
  'alert_evicted',
] as const;

export type StoreProblemKind = (typeof STORE_PROBLEM_KINDS)[number];

export type DataProblemKind = ErrorKind | StoreProblemKind;

export type ErrorEntry = { kind: DataProblemKind; detail: string; at: number };

/**
 * Refused, dropped or failed input by kind: the realtime client's counts (`connection.errors`)
 * and the store's own, together. Counts only grow: a new client starting again from zero adds
 * its counts to the ones already shown.
 */
export type DataProblems = {
  /** Only kinds that happened; in the order they first did. */
  counts: ReadonlyMap<DataProblemKind, number>;
  total: number;
  /** When the first problem was seen (this client's clock); null while there is none. */
  since: number | null;
  /** The newest detail per kind, plain text. */
  last: ReadonlyMap<DataProblemKind, { detail: string; at: number }>;
};

export const NO_DATA_PROBLEMS: DataProblems = {
  counts: new Map(),
  total: 0,
  since: null,
  last: new Map(),
};

const countOf = (connection: ConnectionSnapshot | null | undefined, kind: ErrorKind): number => {
  const value = connection?.errors[kind];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
};

const OFFSET_UNITS: readonly (readonly [ms: number, unit: string])[] = [
  [365.25 * 24 * 3_600_000, 'years'],
  [24 * 3_600_000, 'days'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1_000, 's'],
];

/**
 * How far a sample's stamp is from this client's clock, in words a person reads at a glance:
 * "10 years ahead", "56 years behind". In seconds, a microsecond stamp read as milliseconds was
 * "1794395470831 s".
 */
export function offsetText(ms: number): string {
  const way = ms >= 0 ? 'ahead of' : 'behind';
  const size = Math.abs(ms);
  const [unitMs, unit] = OFFSET_UNITS.find(([unitMs]) => size >= unitMs) ?? [1, 'ms'];
  const amount = Math.round(size / unitMs).toLocaleString('en-US');
  return `${amount} ${unit} ${way} this client's clock`;
}

/**
 * Collects one batch's problems, then folds them into the state once: under a flood of bad
 * samples this costs a map update per sample and one error entry per kind per batch, not an
 * entry per sample.
 */
export class ProblemTally {
  private readonly counts = new Map<DataProblemKind, number>();
  /** The newest detail per kind, and how many reports it stands for. */
  private readonly details = new Map<DataProblemKind, { detail: string; at: number }>();
  private readonly reports = new Map<DataProblemKind, number>();

  /** `at`: this batch's time on this client's clock. */
  constructor(private readonly at: number) {}

  /** The store refused or dropped something (`by` items of it). */
  count(kind: StoreProblemKind, detail: string, by = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + by);
    this.report(kind, detail);
  }

  /** The client reported an error; it counts it itself (`connection.errors`): keep its detail. */
  detail(kind: ErrorKind, detail: string): void {
    this.report(kind, detail);
  }

  get empty(): boolean {
    return this.details.size === 0;
  }

  /** The error entries with this batch's added, newest first, bounded. */
  recentErrors(previous: readonly ErrorEntry[]): ErrorEntry[] {
    const added: ErrorEntry[] = [];
    for (const [kind, { detail, at }] of this.details) {
      const more = (this.reports.get(kind) ?? 1) - 1;
      added.unshift({ kind, detail: more > 0 ? `${detail} (+${more} more)` : detail, at });
    }
    return [...added, ...previous].slice(0, MAX_RECENT_ERRORS);
  }

  private report(kind: DataProblemKind, detail: string): void {
    this.details.set(kind, { detail, at: this.at });
    this.reports.set(kind, (this.reports.get(kind) ?? 0) + 1);
  }

  /**
   * The problems after this batch: the store's own counts added, and the client's counts moved
   * by how much they grew since the connection snapshot the store last saw. Returns `previous`
   * itself when nothing changed, so selectors stay quiet.
   */
  fold(
    previous: DataProblems,
    before: ConnectionSnapshot | null | undefined,
    after: ConnectionSnapshot | null,
  ): DataProblems {
    const growth = new Map<DataProblemKind, number>(this.counts);
    if (after) {
      for (const kind of ERROR_KINDS) {
        const now = countOf(after, kind);
        const was = countOf(before, kind);
        // A smaller count means a new client that started from zero: all of it is new.
        const grew = now >= was ? now - was : now;
        if (grew > 0) growth.set(kind, (growth.get(kind) ?? 0) + grew);
      }
    }
    const lastChanged = this.details.size > 0;
    if (growth.size === 0 && !lastChanged) return previous;
    const counts = new Map(previous.counts);
    let added = 0;
    for (const [kind, by] of growth) {
      counts.set(kind, (counts.get(kind) ?? 0) + by);
      added += by;
    }
    const last = lastChanged ? new Map([...previous.last, ...this.details]) : previous.last;
    return {
      counts,
      total: previous.total + added,
      since: previous.since ?? (added > 0 ? this.at : null),
      last,
    };
  }
}
