import { SharedEngineHub } from '../../realtime/shared-hub';
import type { SharedRealtimeClient } from '../../realtime/shared-client';
import type { HubPort, HubToTab } from '../../realtime/shared-protocol';
import type { LockDeps } from './lock-leader';

/**
 * The leader tab's part of Web Locks sharing (`lock-leader.ts`): while this tab holds the lock,
 * it runs the engine in a hub and serves every tab over the BroadcastChannel, starting from what
 * its own tab had read. Ends when the lock is given up (`released`).
 */
export async function lead(
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
