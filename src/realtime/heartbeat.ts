import type { Clock, TimerHandle } from './environment';

/**
 * Keeps a live line honest. Pings every beat; any frame from the server counts as life; two beats
 * of silence mean the line is dead even if the socket still looks open (a half-open TCP
 * connection never fires `close`). Wall-clock based, so a tick that fires late after a laptop
 * sleep or a throttled background tab sees the real silence and does not trust a zombie socket.
 */
export class Heartbeat {
  private pingTimer: TimerHandle | null = null;
  private deadlineTimer: TimerHandle | null = null;
  /** Start of an explicit line check: the line is dead if nothing arrives after it. */
  private checkStartedAt: number | null = null;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly beatMs: number,
    private readonly lastFrameAt: () => number,
    private readonly sendPing: (ts: number) => void,
    private readonly onDead: () => void,
  ) {}

  start(): void {
    this.schedulePing();
    this.armDeadline(this.lastFrameAt() + 2 * this.beatMs);
  }

  /** Verify the line now (the tab became visible again): ping and expect an answer within `withinMs`. */
  checkNow(withinMs: number): void {
    if (this.stopped) return;
    const now = this.clock.now();
    if (now - this.lastFrameAt() >= 2 * this.beatMs) return this.die();
    this.checkStartedAt = now;
    this.sendPing(now);
    this.armDeadline(now + withinMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.pingTimer !== null) this.clock.clearTimeout(this.pingTimer);
    if (this.deadlineTimer !== null) this.clock.clearTimeout(this.deadlineTimer);
    this.pingTimer = this.deadlineTimer = null;
  }

  private schedulePing(): void {
    this.pingTimer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      // Whichever timer wakes first after a sleep sees the silence; do not ping a dead line.
      const now = this.clock.now();
      if (now - this.lastFrameAt() >= 2 * this.beatMs) return this.die();
      this.sendPing(now);
      this.schedulePing();
    }, this.beatMs);
  }

  private armDeadline(at: number): void {
    if (this.deadlineTimer !== null) this.clock.clearTimeout(this.deadlineTimer);
    this.deadlineTimer = this.clock.setTimeout(
      () => this.onDeadline(),
      Math.max(0, at - this.clock.now()),
    );
  }

  private onDeadline(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const last = this.lastFrameAt();
    if (this.checkStartedAt !== null) {
      if (last < this.checkStartedAt) return this.die();
      this.checkStartedAt = null;
    }
    if (now - last >= 2 * this.beatMs) return this.die();
    this.armDeadline(last + 2 * this.beatMs);
  }

  private die(): void {
    this.stop();
    this.onDead();
  }
}
