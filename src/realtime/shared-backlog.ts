import type { RealtimeEvent } from './client';
import type { Alert, DataMessage, Sample, ServerSnapshot } from './protocol';
import type { StreamPosition } from './sequence';

/**
 * What a tab joining a running shared engine needs to show the current state at once, without a
 * new server snapshot: the latest snapshot the engine applied plus the ordered messages since.
 * Bounded: past `maxMessages` the older half is folded into the snapshot (alerts upserted and
 * updated, samples appended and trimmed to `maxSamples`, status banners, being momentary,
 * dropped).
 */
export type BacklogLimits = { maxMessages: number; maxSamples: number; maxAlerts: number };

export const DEFAULT_BACKLOG_LIMITS: BacklogLimits = {
  maxMessages: 2_000,
  maxSamples: 20_000,
  maxAlerts: 1_000,
};

/** A backlog as data, to seed a new leader's hub with what its tab had seen. */
export type BacklogSeed = {
  epoch: string | null;
  snapshot: ServerSnapshot | null;
  messages: DataMessage[];
};

export class Backlog {
  private epoch: string | null = null;
  private snapshot: ServerSnapshot | null = null;
  private messages: DataMessage[] = [];

  constructor(
    private readonly limits: BacklogLimits = DEFAULT_BACKLOG_LIMITS,
    seed?: BacklogSeed,
  ) {
    if (seed) {
      this.epoch = seed.epoch;
      this.snapshot = seed.snapshot;
      this.messages = [...seed.messages];
    }
  }

  get position(): StreamPosition {
    const last = this.messages[this.messages.length - 1];
    return { epoch: this.epoch, lastSeq: last?.seq ?? this.snapshot?.seq ?? null };
  }

  get size(): number {
    return this.messages.length;
  }

  record(event: RealtimeEvent): void {
    if (event.type === 'reset') {
      this.epoch = event.snapshot.epoch;
      this.snapshot = event.snapshot;
      this.messages = [];
    } else if (event.type === 'message') {
      this.messages.push(event.message);
      if (this.messages.length > this.limits.maxMessages) this.compact();
    }
  }

  /** The engine's epoch, for a backlog that began with a resume rather than a snapshot. */
  setEpoch(epoch: string | null): void {
    if (epoch !== null && epoch !== this.epoch) {
      // A new epoch without a snapshot yet: nothing kept belongs to it.
      if (this.epoch !== null) this.clear();
      this.epoch = epoch;
    }
  }

  clear(): void {
    this.epoch = null;
    this.snapshot = null;
    this.messages = [];
  }

  seed(): BacklogSeed {
    return { epoch: this.epoch, snapshot: this.snapshot, messages: [...this.messages] };
  }

  /**
   * What a tab at `position` needs to be current: the messages after it when the backlog still
   * holds them, otherwise the snapshot and everything since; `null` when neither is possible
   * (nothing received yet: the tab gets the stream as it comes).
   */
  catchUp(position: StreamPosition | null): RealtimeEvent[] | null {
    const first = this.messages[0]?.seq ?? (this.snapshot ? this.snapshot.seq + 1 : null);
    if (
      position?.epoch != null &&
      position.epoch === this.epoch &&
      position.lastSeq !== null &&
      first !== null &&
      position.lastSeq >= first - 1
    ) {
      return this.messages
        .filter((message) => message.seq > position.lastSeq!)
        .map((message) => ({ type: 'message', message }));
    }
    if (!this.snapshot) return null;
    return [
      { type: 'reset', snapshot: this.snapshot },
      ...this.messages.map((message): RealtimeEvent => ({ type: 'message', message })),
    ];
  }

  private compact(): void {
    const half = Math.ceil(this.messages.length / 2);
    const old = this.messages.slice(0, half);
    this.messages = this.messages.slice(half);
    if (this.snapshot) this.snapshot = fold(this.snapshot, old, this.limits);
    // Without a snapshot the oldest are simply gone: a tab behind them is sent nothing until the
    // engine's next snapshot, which the client's seq rules would have asked for anyway.
  }
}

/** The snapshot as it would be after `messages`; pure. */
export function fold(
  snapshot: ServerSnapshot,
  messages: readonly DataMessage[],
  limits: BacklogLimits,
): ServerSnapshot {
  const alerts = new Map<string, Alert>(snapshot.alerts.map((alert) => [alert.id, alert]));
  let samples: Sample[] = snapshot.samples;
  const added: Sample[] = [];
  let seq = snapshot.seq;
  for (const message of messages) {
    seq = Math.max(seq, message.seq);
    if (message.type === 'metrics') added.push(...message.samples);
    else if (message.type === 'alert') {
      alerts.delete(message.alert.id);
      alerts.set(message.alert.id, message.alert);
    } else if (message.type === 'alert_update') {
      const alert = alerts.get(message.id);
      if (alert) alerts.set(message.id, { ...alert, status: message.status });
    }
  }
  if (added.length > 0) samples = [...samples, ...added];
  if (samples.length > limits.maxSamples) samples = samples.slice(-limits.maxSamples);
  let kept = [...alerts.values()];
  if (kept.length > limits.maxAlerts) kept = kept.slice(-limits.maxAlerts);
  return { epoch: snapshot.epoch, seq, samples, alerts: kept };
}
