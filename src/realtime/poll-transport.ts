import type { ErrorKind } from './error-kinds';
import type { Clock } from './environment';
import { httpErrorKind, type HttpApi } from './http-api';
import type { MachineContext, MachineEvent } from './machine-types';
import {
  isDataMessage,
  type ClientMessage,
  type OutgoingMessage,
  type ServerMessage,
} from './protocol';
import type { Outgoing } from './outgoing';
import type { Attempt } from './attempt';
import type { Stream } from './stream';

/** What the HTTP fallback needs from the engine that runs it. */
export interface PollHost {
  readonly api: HttpApi;
  readonly clock: Clock;
  readonly stream: Stream;
  readonly outgoing: Outgoing;
  context(): MachineContext;
  dispatch(event: MachineEvent): void;
  countError(kind: ErrorKind, detail: string, count?: number): void;
  changed(): void;
}

export type PollTiming = { longPollMs: number; minPollIntervalMs: number };

/**
 * The HTTP long-poll side of an attempt: announces the topics (no `hello` goes over HTTP), then
 * polls from the stream's position until the attempt ends or a probe socket takes over. Its
 * answers go to the machine (`poll-answered`, `http-failed`); the messages go to the stream.
 */
export class PollTransport {
  constructor(
    private readonly host: PollHost,
    private readonly timing: PollTiming,
  ) {}

  async run(attempt: Attempt): Promise<void> {
    const { host } = this;
    const { stream } = host;
    if (!(await this.announceTopics(attempt))) return;
    const polling = () => !attempt.abort.signal.aborted && !attempt.polling.signal.aborted;
    while (polling()) {
      if (stream.epoch === null && !stream.resyncing) stream.beginResync();
      if (stream.resyncing) {
        // Polling from a position that is about to change would fetch the same range again.
        await stream.settled();
        continue;
      }
      const waitMs = host.context().state === 'polling' ? this.timing.longPollMs : 0;
      const startedAt = host.clock.now();
      const sessionId = host.context().sessionId ?? '';
      const result = await host.api.poll(
        sessionId,
        stream.lastSeq ?? 0,
        waitMs,
        attempt.polling.signal,
      );
      if (!polling()) return;
      if (!result.ok)
        return host.dispatch({ type: 'http-failed', attemptId: attempt.id, failure: result });
      result.rejected.forEach((r) => host.countError(r.kind, r.detail, r.count));
      host.dispatch({ type: 'poll-answered', attemptId: attempt.id });
      if (!polling()) return;
      if (result.value.epoch !== stream.epoch) {
        // The server restarted under us: nothing from the old epoch's numbering applies.
        stream.beginResync();
        continue;
      }
      // A poll answer has no frames: each message is charged its share of the body.
      const size = Math.ceil((result.bytes ?? 0) / Math.max(1, result.value.messages.length));
      for (const message of result.value.messages) this.receive(message, size);
      host.changed();
      // A server or proxy that answers a long poll at once with nothing would otherwise make
      // this loop spin: never poll more than once a second unless there is news.
      const early = this.timing.minPollIntervalMs - (host.clock.now() - startedAt);
      if (result.value.messages.length === 0 && early > 0) {
        await this.sleep(early, attempt.polling.signal);
      }
    }
  }

  /** Sends over HTTP; acks that could not go out wait for the next connection. */
  async post(attempt: Attempt, messages: ClientMessage[]): Promise<void> {
    const sessionId = this.host.context().sessionId ?? '';
    const result = await this.host.api.send(sessionId, messages, attempt.abort.signal);
    if (result.ok || result.failure === 'aborted') return;
    this.host.outgoing.requeue(messages.filter((m): m is OutgoingMessage => m.type === 'ack'));
    this.host.countError(httpErrorKind(result), `send failed: ${result.detail}`);
  }

  /**
   * There is no `hello` over HTTP, yet the server must know what this client wants (a session
   * that started on the fallback has never said): send the subscription set as messages instead.
   */
  private async announceTopics(attempt: Attempt): Promise<boolean> {
    const { host } = this;
    const { unsaid, topics } = host.outgoing;
    const messages: ClientMessage[] = [];
    if (unsaid.size > 0) messages.push({ type: 'unsubscribe', topics: [...unsaid] });
    if (topics.size > 0) messages.push({ type: 'subscribe', topics: [...topics] });
    if (messages.length === 0) return true;
    const sessionId = host.context().sessionId ?? '';
    const result = await host.api.send(sessionId, messages, attempt.abort.signal);
    if (attempt.abort.signal.aborted) return false;
    if (!result.ok) {
      host.dispatch({ type: 'http-failed', attemptId: attempt.id, failure: result });
      return false;
    }
    unsaid.clear();
    return true;
  }

  private receive(message: ServerMessage, size: number): void {
    if (isDataMessage(message)) return this.host.stream.ingest({ message, size });
    if (message.type === 'error')
      this.host.countError('server_error', `${message.code}: ${message.message}`);
  }

  /** A pause the attempt can cut short: resolves early (and harmlessly) when `signal` aborts. */
  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    const { clock } = this.host;
    return new Promise((resolve) => {
      const done = () => {
        clock.clearTimeout(handle);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const handle = clock.setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
