import { backoffDelay, type BackoffOptions } from './backoff';
import type { RealtimeEvent } from './client';
import type { ErrorKind } from './error-kinds';
import { HeldMessages, type Held } from './held-messages';
import type { HttpFailure, HttpResult } from './http-api';
import type { ServerSnapshot, WelcomeMessage } from './protocol';
import { classifySeq, needsResync, type StreamPosition } from './sequence';

/** What the stream needs from the engine that runs it. */
export interface StreamHost {
  emit(event: RealtimeEvent): void;
  countError(kind: ErrorKind, detail: string, count?: number): void;
  /** The connection snapshot changed and is worth showing. */
  changed(): void;
  /** A per-message counter moved: the next snapshot must be rebuilt, nobody needs telling. */
  touched(): void;
  /** The snapshot, fetched for the current attempt; null when there is no session to ask with. */
  fetchSnapshot(): Promise<HttpResult<ServerSnapshot>> | null;
  /** Runs `callback` after `ms`, unless the attempt ends first. */
  later(ms: number, callback: () => void): void;
  random(): number;
  /** A snapshot fetch failed: the machine decides whether that is the line's failure. */
  snapshotFailed(failure: HttpFailure, generation: number): void;
}

export type StreamLimits = { backoff: BackoffOptions; maxMessages: number; maxBytes: number };

/**
 * The ordered stream of data messages: one epoch, `seq` rising by one. Applies each message
 * exactly once, drops and counts duplicates, and on a gap (or a welcome that cannot resume)
 * fetches the snapshot while holding what arrives meanwhile, then applies the held messages above
 * the snapshot's seq. Also holds the data a socket sends before its `welcome`. Both holds are
 * bounded in messages and in size.
 */
export class Stream {
  epoch: string | null = null;
  lastSeq: number | null = null;
  messagesReceived = 0;
  duplicatesDropped = 0;
  /** Data held while a snapshot is in flight; null when not resyncing. */
  private buffer: HeldMessages | null = null;
  /** Changes whenever a resync starts or the attempt ends: a late snapshot of an old one is ignored. */
  private generation = 0;
  /** Resyncs since a message last applied cleanly; spaces out snapshots that do not help. */
  private streak = 0;
  private waiters: (() => void)[] = [];
  /** Data that came on a socket before its `welcome`. */
  private early: HeldMessages;
  /** `early` went over its bound and was dropped: the welcome must be followed by a snapshot. */
  private earlyOverflowed = false;

  constructor(
    private readonly host: StreamHost,
    private readonly limits: StreamLimits,
  ) {
    this.early = this.held();
  }

  get position(): StreamPosition {
    return { epoch: this.epoch, lastSeq: this.lastSeq };
  }

  get resyncing(): boolean {
    return this.buffer !== null;
  }

  /** Data before its socket's welcome, held within bounds; past them, dropped until a snapshot. */
  hold(held: Held): void {
    if (this.earlyOverflowed || this.early.push(held)) return;
    this.earlyOverflowed = true;
    const detail = `data before the welcome over its bound (${this.early.describe()}): dropped; a snapshot follows the welcome`;
    this.early.drain();
    this.host.countError('buffer_overflow', detail);
  }

  /** A welcome arrived: continue from where the server is, or fetch the snapshot first. */
  resumeOrResync(welcome: WelcomeMessage): void {
    if (needsResync(this.position, welcome) || this.earlyOverflowed) this.beginResync();
    this.earlyOverflowed = false;
  }

  /** Applies what came before the welcome, in seq order. */
  releaseHeld(): void {
    for (const held of this.early.drain()) this.ingest(held);
  }

  /** One data message, through the seq rules. */
  ingest(held: Held): void {
    const { message } = held;
    if (this.buffer) {
      if (this.buffer.push(held)) return;
      // Starting over drops what was held: the next snapshot covers it.
      const detail = `resync buffer over its bound (${this.buffer.describe()}): starting the resync over`;
      this.host.countError('buffer_overflow', detail);
      this.beginResync();
      return;
    }
    switch (classifySeq(this.position, message.seq)) {
      case 'apply':
        this.lastSeq = message.seq;
        this.messagesReceived++;
        this.streak = 0;
        this.host.touched();
        return this.host.emit({ type: 'message', message });
      case 'duplicate':
        this.duplicatesDropped++;
        this.host.touched();
        return;
      case 'gap':
        if (this.lastSeq !== null) {
          const detail = `expected seq ${this.lastSeq + 1}, got ${message.seq}`;
          this.host.countError('sequence_gap', detail);
        }
        this.beginResync(held);
    }
  }

  /** Fetch a snapshot and hold the stream meanwhile (`first`: the message that showed the gap). */
  beginResync(first?: Held): void {
    const generation = ++this.generation;
    this.buffer = this.held();
    if (first) this.buffer.push(first);
    this.streak++;
    this.host.changed();
    // A snapshot that still leaves a gap (a lagging replica, a server bug) must not become a
    // fetch loop: from the second resync in a row on, wait a backoff delay first.
    if (this.streak === 1) return void this.fetch(generation);
    const delay = backoffDelay(this.streak - 1, this.limits.backoff, () => this.host.random());
    this.retrySnapshot(generation, delay);
  }

  /** Fetch the snapshot of resync `generation` again after `delayMs`, if it is still the one. */
  retrySnapshot(generation: number, delayMs: number): void {
    this.host.later(delayMs, () => {
      if (generation === this.generation) void this.fetch(generation);
    });
  }

  /** Resolves once no resync is in flight (or the attempt ended). */
  settled(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The attempt ended: forget what was held and the resync in flight. Position and counts stay. */
  reset(): void {
    this.buffer = null;
    this.generation++;
    this.early.drain();
    this.earlyOverflowed = false;
    this.settle();
  }

  private async fetch(generation: number): Promise<void> {
    const request = this.host.fetchSnapshot();
    if (!request) return;
    const result = await request;
    if (generation !== this.generation) return;
    if (!result.ok) return this.host.snapshotFailed(result, generation);
    result.rejected.forEach((r) => this.host.countError(r.kind, r.detail, r.count));
    this.apply(result.value);
  }

  private apply(snapshot: ServerSnapshot): void {
    const held = this.buffer?.drain() ?? [];
    this.buffer = null;
    this.epoch = snapshot.epoch;
    this.lastSeq = snapshot.seq;
    this.host.emit({ type: 'reset', snapshot });
    this.host.changed();
    for (const message of held) this.ingest(message);
    if (this.buffer !== null) return; // the snapshot did not close the gap: resyncing again
    this.streak = 0;
    this.settle();
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private held(): HeldMessages {
    return new HeldMessages(this.limits.maxMessages, this.limits.maxBytes);
  }
}
