import type { ErrorKind } from './error-kinds';
import { Outbox } from './outbox';
import type { ClientMessage, OutgoingMessage } from './protocol';
import type { StreamPosition } from './sequence';

/** Sends messages now if a transport is up; false when they must wait. */
export type Deliver = (messages: ClientMessage[]) => boolean;

/**
 * What the application sends: the topic set (state, carried by every `hello`, so topic changes
 * need no queue) and the acks, which wait in a bounded outbox while nothing can carry them.
 */
export class Outgoing {
  readonly topics: Set<string>;
  /**
   * Topics dropped while no transport could say so. A `hello` replaces the server's whole set, so
   * it settles these; over HTTP there is no `hello`, and they are sent as an `unsubscribe`.
   */
  readonly unsaid = new Set<string>();
  private readonly outbox: Outbox<OutgoingMessage>;

  constructor(
    topics: readonly string[],
    capacity: number,
    private readonly countError: (kind: ErrorKind, detail: string) => void,
  ) {
    this.topics = new Set(topics);
    this.outbox = new Outbox(capacity);
  }

  get queued(): number {
    return this.outbox.size;
  }

  send(message: OutgoingMessage, deliver: Deliver): void {
    if (message.type === 'subscribe')
      message.topics.forEach((t) => {
        this.topics.add(t);
        this.unsaid.delete(t);
      });
    if (message.type === 'unsubscribe') message.topics.forEach((t) => this.topics.delete(t));
    if (deliver([message])) return;
    if (message.type === 'unsubscribe') message.topics.forEach((t) => this.unsaid.add(t));
    if (message.type !== 'ack') return;
    const dropped = this.outbox.push(message);
    if (dropped) this.countError('outbox_overflow', `outgoing queue full: dropped ${dropped.type}`);
  }

  /** Sends what waited, in order; true when there was anything. */
  flush(deliver: Deliver): boolean {
    if (this.outbox.size === 0) return false;
    const queued = this.outbox.drain();
    if (!deliver(queued)) this.outbox.restore(queued);
    return true;
  }

  /** Acks a failed send could not deliver go back to the front, still within the cap. */
  requeue(acks: OutgoingMessage[]): void {
    const dropped = this.outbox.restore(acks);
    if (dropped > 0) this.countError('outbox_overflow', `outgoing queue full: dropped ${dropped}`);
  }

  /** The first frame on a socket: who we are, where we are in the stream, what we want. */
  hello(sessionId: string | null, { epoch, lastSeq }: StreamPosition): ClientMessage {
    return {
      type: 'hello',
      sessionId: sessionId ?? '',
      ...(epoch !== null ? { epoch } : {}),
      ...(lastSeq !== null ? { lastSeq } : {}),
      topics: [...this.topics],
    };
  }
}
