/**
 * The backend's sessions: each lives `ttlMs` from its start, and at most `max` live at once, so
 * a client that starts sessions in a loop costs a bounded amount of memory. Time comes from the
 * backend's clock, so expiry is as deterministic as the test driving it.
 */

export type SessionClock = {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type Session = {
  readonly id: string;
  /**
   * Who acted, as other clients may see it (`alert_update.by`). The id is a bearer credential
   * that every other dashboard would receive in a broadcast, so it never goes there.
   */
  readonly alias: string;
  readonly expiresAt: number;
  topics: Set<string>;
};

/** Why sessions ended without the client asking: the backend closes their connections. */
export type SessionEnd = 'expired' | 'evicted';

/** Node's timers fire at once past this delay (a 32-bit signed int), so longer waits are split. */
const MAX_TIMER_MS = 2_147_483_647;

export class SessionTable {
  /** Insertion order is start order, and with one ttl for all also expiry order. */
  private readonly sessions = new Map<string, Session>();
  private timer: unknown = null;
  /** No timer until the backend runs: a backend that only answers (feed off) leaves none behind. */
  private halted = true;
  private started = 0;

  constructor(
    private readonly clock: SessionClock,
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly onEnd: (why: SessionEnd, count: number) => void,
  ) {
    if (!(max >= 1)) throw new Error(`Expected maxSessions >= 1 but got ${max}`);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** A new session; when the table is full, expired ones go first, then the oldest live one. */
  start(id: string): Session {
    this.sweep();
    let evicted = 0;
    for (const oldest of this.sessions.keys()) {
      if (this.sessions.size < this.max) break;
      this.sessions.delete(oldest);
      evicted++;
    }
    const session: Session = {
      id,
      alias: `operator-${++this.started}`,
      expiresAt: this.clock.now() + this.ttlMs,
      topics: new Set(),
    };
    this.sessions.set(id, session);
    if (evicted > 0) this.onEnd('evicted', evicted);
    this.schedule();
    return session;
  }

  /** The live session with this id; an expired one is forgotten on the spot. */
  get(id: string | null | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt > this.clock.now()) return session;
    this.sweep();
    return undefined;
  }

  /** Ends one session, or every session, now (a scripted expiry). */
  expire(id?: string): void {
    if (id === undefined) this.sessions.clear();
    else this.sessions.delete(id);
  }

  /** No more timers (the backend stopped); lookups still honour the ttl. */
  halt(): void {
    this.halted = true;
    this.unschedule();
  }

  resume(): void {
    this.halted = false;
    this.schedule();
  }

  /** Drops every expired session; reports them when there were any. */
  private sweep(): void {
    const now = this.clock.now();
    let expired = 0;
    for (const session of this.sessions.values()) {
      if (session.expiresAt > now) break;
      this.sessions.delete(session.id);
      expired++;
    }
    if (expired > 0) this.onEnd('expired', expired);
  }

  /** One timer, for the next session to expire. */
  private schedule(): void {
    if (this.halted || this.timer !== null) return;
    const next = this.sessions.values().next();
    if (next.done) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, next.value.expiresAt - this.clock.now()));
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.sweep();
      this.schedule();
    }, wait);
  }

  private unschedule(): void {
    if (this.timer === null) return;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
