import type { RealtimeClient, RealtimeOptions, Signals } from '../../realtime';
import { SharedRealtimeClient } from '../../realtime/shared-client';
import { SharedEngineHub } from '../../realtime/shared-hub';
import type { HubPort, HubToTab } from '../../realtime/shared-protocol';
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
      await lead(name, client, deps, maxTabs, released);
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

async function lead(
  name: string,
  client: SharedRealtimeClient,
  deps: LockDeps,
  maxTabs: number,
  released: Promise<void>,
): Promise<void> {
  const channel = deps.openChannel(name);
  const ports = new Map<string, HubPort>();
  const owners = new Map<HubPort, string>();
  const seed = client.backlogSeed();
  const hub = new SharedEngineHub({
    createClient: deps.makeEngine,
    ...(seed ? { seed } : {}),
    // One post reaches every tab; a tab not yet caught up drops what it cannot place yet.
    broadcast: (message: HubToTab) => channel.postMessage({ to: '*', data: message }),
    forget: (port) => {
      const tabId = owners.get(port);
      owners.delete(port);
      if (tabId !== undefined) ports.delete(tabId);
    },
  });
  channel.onmessage = (event) => {
    const envelope = event.data as { to?: unknown; from?: unknown; data?: unknown } | null;
    if (envelope?.to !== 'leader' || typeof envelope.from !== 'string') return;
    let port = ports.get(envelope.from);
    if (!port) {
      if (ports.size >= maxTabs) return;
      const tabId = envelope.from;
      port = { onmessage: null, postMessage: (data) => channel.postMessage({ to: tabId, data }) };
      ports.set(tabId, port);
      owners.set(port, tabId);
      hub.connect(port);
    }
    port.onmessage?.({ data: envelope.data });
  };
  // Every tab, this one included, rejoins this hub with the position it has read.
  channel.postMessage({ to: '*', leader: deps.tabId });
  client.handOver('leader');
  await released;
  hub.dispose();
  channel.onmessage = null;
  channel.close();
}
