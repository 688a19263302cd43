import type { Alert, ClientMessage, Sample } from '../src/realtime/protocol';
import type { BackendState, PeerState } from './backend-state';
import type { BackendMessage } from './backend-types';
import type { WireCatalog } from './catalog';
import { QUALITY_TOPIC_OF } from './quality-line';

/**
 * The stream section of the backend: every data message gets the next seq, is kept for replay
 * and goes to every welcomed connection; scripted loss and duplicates happen here too. Samples
 * of a product topic reach only the sessions subscribed to it: every session still gets every
 * seq (its stream has no holes), with the samples it did not ask for left out.
 */

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Most alerts kept for snapshots; the oldest go first. */
const MAX_ALERTS = 1_000;

/** Give a message the next seq, keep it for replay, and deliver it to every live client. */
export function publish(
  state: BackendState,
  message: DistributiveOmit<BackendMessage, 'seq'>,
): BackendMessage {
  const full = { ...message, seq: ++state.seq } as BackendMessage;
  state.log.push(full);
  if (state.log.length > state.opts.retain)
    state.log.splice(0, state.log.length - state.opts.retain);
  if (state.toWithhold > 0) {
    // Lost in transit: logged (so replay, poll and snapshot have it) but never sent.
    state.toWithhold--;
    state.stats.withheld++;
  } else {
    sendToEach(state, full);
  }
  state.wakeAll();
  for (const listener of state.publishListeners) listener(full);
  return full;
}

/** Whether a sample travels on a topic, and so only to the sessions subscribed to it. */
export function sampleTopic(name: string): string | undefined {
  return QUALITY_TOPIC_OF.get(name);
}

/** `message` as `sessionId` may see it: samples of topics it has not subscribed to left out. */
export function forSession(
  state: BackendState,
  sessionId: string | null,
  message: BackendMessage,
): BackendMessage {
  if (message.type !== 'metrics' || !message.samples.some((s) => sampleTopic(s.name))) {
    return message;
  }
  const topics = state.sessions.get(sessionId)?.topics;
  const samples = message.samples.filter((s) => {
    const topic = sampleTopic(s.name);
    return topic === undefined || topics?.has(topic) === true;
  });
  return samples.length === message.samples.length ? message : { ...message, samples };
}

/** Deliver one message to every welcomed connection, each its own view of it. */
function sendToEach(state: BackendState, message: BackendMessage): void {
  const shared = JSON.stringify(message);
  for (const peer of [...state.peers]) {
    if (!peer.welcomed) continue;
    const view = forSession(state, peer.sessionId, message);
    state.deliver(peer, view === message ? shared : JSON.stringify(view));
  }
}

/** A new description of the metrics replaces the old one and goes out as a `catalog` message. */
export function publishCatalog(state: BackendState, catalog: WireCatalog): BackendMessage {
  state.catalog = catalog;
  return publish(state, { type: 'catalog', metrics: catalog.metrics, topics: catalog.topics });
}

export function publishSamples(state: BackendState, samples: Sample[]): BackendMessage {
  for (const sample of samples) {
    const list = state.series.get(sample.name) ?? [];
    list.push(sample);
    if (list.length > state.opts.snapshotSamples * 2)
      list.splice(0, list.length - state.opts.snapshotSamples);
    state.series.set(sample.name, list);
  }
  return publish(state, { type: 'metrics', samples });
}

export function raiseAlert(state: BackendState, alert: Alert): BackendMessage {
  state.alerts.set(alert.id, alert);
  if (state.alerts.size > MAX_ALERTS) {
    const oldest = state.alerts.keys().next().value;
    if (oldest !== undefined) state.alerts.delete(oldest);
  }
  return publish(state, { type: 'alert', alert });
}

export function updateAlert(
  state: BackendState,
  id: string,
  status: Alert['status'],
  by?: string,
): BackendMessage | null {
  const alert = state.alerts.get(id);
  if (!alert) return null;
  state.alerts.set(id, { ...alert, status });
  return publish(state, { type: 'alert_update', id, status, ...(by ? { by } : {}) });
}

/** Send raw text to every connection, bypassing the protocol (malformed-frame scenarios). */
export function sendRaw(state: BackendState, text: string): void {
  for (const peer of state.peers) if (peer.welcomed) state.deliver(peer, text);
}

/** Deliver the last `count` data messages again: the client sees duplicates. */
export function resend(state: BackendState, count: number): void {
  const again = state.log.slice(-Math.max(0, Math.floor(count)));
  for (const message of again) {
    state.stats.resent++;
    sendToEach(state, message);
  }
}

/** What a client message does, whether it came over WebSocket (`peer`) or HTTP. */
export function handleClientMessage(
  state: BackendState,
  sessionId: string | null,
  message: ClientMessage,
  peer?: PeerState,
): void {
  const session = sessionId ? state.sessions.get(sessionId) : undefined;
  switch (message.type) {
    case 'ping':
      if (peer) state.deliver(peer, JSON.stringify({ type: 'pong', ts: message.ts }));
      return;
    case 'ack':
      // Broadcast to every client: the alias names who acted without handing out the id.
      updateAlert(state, message.alertId, 'acknowledged', session?.alias);
      return;
    case 'subscribe':
      message.topics.forEach((topic) => session?.topics.add(topic));
      return;
    case 'unsubscribe':
      message.topics.forEach((topic) => session?.topics.delete(topic));
      return;
    default:
      return;
  }
}
