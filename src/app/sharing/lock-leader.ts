import type { RealtimeClient, RealtimeOptions, Signals } from '../../realtime';
import { SharedRealtimeClient } from '../../realtime/shared-client';
import type { HubPort } from '../../realtime/shared-protocol';
import type { WorkerEngineOptions } from '../../realtime/worker-protocol';

/** What crosses the channel: a tab's message to the leader, or the leader's to one tab or all. */
type Envelope =
  | { to: 'leader'; from: string; data: unknown }
  | { to: string; data: unknown }
  | { to: '*'; leader: string }
  | { to: '*'; data: unknown };

export type ChannelLike = {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
};

export type LockDeps = {
  /** `navigator.locks.request`; the callback's promise holds the lock. */
  requestLock(name: string, hold: () => Promise<void>): Promise<unknown>;
  openChannel(name: string): ChannelLike;
  /** The engine the leader runs (a dedicated worker, or the page's). */
  makeEngine(options: RealtimeOptions): RealtimeClient;
  signals: Signals;
  tabId: string;
  /** Tabs the leader serves at most: a channel full of strangers cannot grow its table. */
  maxTabs?: number;
};

/**
 * Sharing without SharedWorker: every tab asks for one Web Lock per backend; the tab holding it
 * runs the engine in a `SharedEngineHub` and serves the others over a BroadcastChannel, itself
 * included (its client talks to its hub over the channel like any other tab). When the leader
 * tab goes, the browser hands the lock to the next tab, which resumes from what its tab had read
 * and tells every tab to rejoin with its position: nothing lost, nothing doubled.
 */
export function lockLeaderClient(
  name: string,
  options: WorkerEngineOptions,
  deps: LockDeps,
): SharedRealtimeClient {
  const maxTabs = deps.maxTabs ?? 256;
  const channel = deps.openChannel(name);
  const toLeader: HubPort = {
    onmessage: null,
    postMessage: (data) => channel.postMessage({ to: 'leader', from: deps.tabId, data }),
  };
  const client = new SharedRealtimeClient(toLeader, options, deps.signals, 'follower', true);
  channel.onmessage = (event) => {
    const envelope = event.data as Envelope | null;
    if (!envelope || typeof envelope !== 'object') return;
    if (envelope.to === '*' && 'leader' in envelope)
      return client.handOver(envelope.leader === deps.tabId ? 'leader' : 'follower');
    if ((envelope.to === deps.tabId || envelope.to === '*') && 'data' in envelope)
      toLeader.onmessage?.({ data: envelope.data });
  };

  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let disposed = false;
  void deps
    .requestLock(`${name}:leader`, async () => {
      if (disposed) return;
      // Only a leader needs the hub: followers never load it.
      const { lead } = await import('./lock-lead');
      if (!disposed) await lead(name, client, deps, maxTabs, released);
    })
    .catch((error: unknown) => {
      // No lock (a storage-partitioned frame): this tab stays a follower of nobody; say so.
      console.warn('[pulseboard] Web Locks refused the leader lock', error);
    });

  const dispose = client.dispose.bind(client);
  client.dispose = () => {
    if (disposed) return;
    disposed = true;
    dispose();
    channel.onmessage = null;
    channel.close();
    release();
  };
  return client;
}
