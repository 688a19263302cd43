import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  lockLeaderClient,
  type ChannelLike,
  type LockDeps,
} from '../../src/app/sharing/lock-leader';
import type {
  ConnectionSnapshot,
  DataMessage,
  RealtimeClient,
  RealtimeEvent,
  RealtimeOptions,
} from '../../src/realtime';
import { ClientFacade } from '../../src/realtime/client-facade';
import { idleSnapshot } from '../../src/realtime/connection-snapshot';
import { quietSignals } from '../../src/realtime';

/** Named channels delivering structured clones to every other member, later, like the browser. */
function channelBus() {
  const members = new Map<string, Set<ChannelLike>>();
  return (name: string): ChannelLike => {
    const group = members.get(name) ?? new Set<ChannelLike>();
    members.set(name, group);
    const channel: ChannelLike = {
      onmessage: null,
      postMessage(message) {
        const copy = structuredClone(message);
        for (const other of group)
          if (other !== channel) queueMicrotask(() => other.onmessage?.({ data: copy }));
      },
      close: () => group.delete(channel),
    };
    group.add(channel);
    return channel;
  };
}

/** Web Locks: one holder per name, the next waiter granted when the holder's promise settles. */
function lockManager() {
  const queues = new Map<string, (() => Promise<void>)[]>();
  const busy = new Set<string>();
  const next = (name: string) => {
    const hold = queues.get(name)?.shift();
    if (!hold) return busy.delete(name);
    busy.add(name);
    void hold().finally(() => next(name));
  };
  return (name: string, hold: () => Promise<void>) => {
    queues.set(name, [...(queues.get(name) ?? []), hold]);
    if (!busy.has(name)) next(name);
    return Promise.resolve();
  };
}

class FakeEngine extends ClientFacade {
  disposed = false;
  constructor(readonly options: RealtimeOptions) {
    super();
  }
  getSnapshot(): ConnectionSnapshot {
    return { ...idleSnapshot(this.options), state: 'live', status: 'live', epoch: 'e1' };
  }
  start() {}
  stop() {}
  dispose() {
    this.disposed = true;
  }
  reconnectNow() {}
  send() {}
  fire(event: RealtimeEvent) {
    this.emit(event);
  }
}

const metrics = (seq: number): DataMessage => ({ type: 'metrics', seq, samples: [] });

function browser() {
  vi.useFakeTimers();
  const openChannel = channelBus();
  const requestLock = lockManager();
  const engines: FakeEngine[] = [];
  const makeEngine = (options: RealtimeOptions): RealtimeClient => {
    const engine = new FakeEngine(options);
    engines.push(engine);
    return engine;
  };
  const tab = (tabId: string) => {
    const deps: LockDeps = { requestLock, openChannel, makeEngine, signals: quietSignals, tabId };
    const client = lockLeaderClient(
      'pulseboard-realtime:http://b.test',
      { baseUrl: 'http://b.test' },
      deps,
    );
    const seqs: number[] = [];
    const statuses: string[] = [];
    client.listen((event) => {
      if (event.type === 'message') seqs.push(event.message.seq);
      if (event.type === 'reset') seqs.push(-event.snapshot.seq);
      if (event.type === 'connection') statuses.push(event.connection.status);
    });
    client.start();
    return { client, seqs, statuses };
  };
  return { tab, engines };
}

/** Lets the channel, the leader's on-demand hub module and the hub's flush run. */
async function settle() {
  await vi.dynamicImportSettled();
  await vi.advanceTimersByTimeAsync(50);
  await vi.dynamicImportSettled();
  await vi.advanceTimersByTimeAsync(50);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Web Locks sharing', () => {
  it('runs one engine in the first tab and serves the others over the channel', async () => {
    const { tab, engines } = browser();
    const a = tab('a');
    const b = tab('b');
    await settle();
    expect(engines).toHaveLength(1);
    expect(a.client.getSnapshot().sharing).toEqual({ mode: 'leader', tabs: 2 });
    expect(b.client.getSnapshot().sharing).toEqual({ mode: 'follower', tabs: 2 });
    engines[0]!.fire({
      type: 'reset',
      snapshot: { epoch: 'e1', seq: 10, samples: [], alerts: [] },
    });
    engines[0]!.fire({ type: 'message', message: metrics(11) });
    await settle();
    expect(a.seqs).toEqual([-10, 11]);
    expect(b.seqs).toEqual([-10, 11]);
  });

  it('hands over when the leader goes: the next tab resumes where it had read, nothing lost or doubled', async () => {
    const { tab, engines } = browser();
    const a = tab('a');
    const b = tab('b');
    const c = tab('c');
    await settle();
    engines[0]!.fire({
      type: 'reset',
      snapshot: { epoch: 'e1', seq: 10, samples: [], alerts: [] },
    });
    engines[0]!.fire({ type: 'message', message: metrics(11) });
    await settle();
    a.client.dispose();
    await settle();
    expect(engines[0]!.disposed).toBe(true);
    expect(engines).toHaveLength(2);
    expect(engines[1]!.options.resumeFrom).toEqual({ epoch: 'e1', lastSeq: 11 });
    // The new engine resumes: the server's replay may repeat what some tab already had.
    engines[1]!.fire({ type: 'message', message: metrics(11) });
    engines[1]!.fire({ type: 'message', message: metrics(12) });
    await settle();
    expect(b.seqs).toEqual([-10, 11, 12]);
    expect(c.seqs).toEqual([-10, 11, 12]);
    expect(b.statuses).toContain('connecting');
    expect([b.client.getSnapshot().sharing?.mode, c.client.getSnapshot().sharing?.mode]).toEqual([
      'leader',
      'follower',
    ]);
  });
});
