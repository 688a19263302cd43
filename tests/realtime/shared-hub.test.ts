import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  ConnectionSnapshot,
  DataMessage,
  RealtimeClient,
  RealtimeEvent,
  RealtimeOptions,
  ServerSnapshot,
} from '../../src/realtime';
import { ClientFacade } from '../../src/realtime/client-facade';
import { idleSnapshot } from '../../src/realtime/connection-snapshot';
import { unpackEvents } from '../../src/realtime/sample-columns';
import { SharedEngineHub } from '../../src/realtime/shared-hub';
import type { HubPort, HubToTab, TabToHub } from '../../src/realtime/shared-protocol';

/** An engine that records what the hub asks of it and emits what the test says. */
class FakeEngine extends ClientFacade {
  calls: string[] = [];
  disposed = false;
  snapshot: ConnectionSnapshot;
  constructor(readonly options: RealtimeOptions) {
    super();
    this.snapshot = { ...idleSnapshot(options), state: 'live', status: 'live', epoch: 'e1' };
  }
  getSnapshot() {
    return this.snapshot;
  }
  start() {
    this.calls.push('start');
  }
  stop() {
    this.calls.push('stop');
  }
  dispose() {
    this.disposed = true;
    this.calls.push('dispose');
  }
  reconnectNow() {
    this.calls.push('reconnectNow');
  }
  send(message: Parameters<RealtimeClient['send']>[0]) {
    this.calls.push(JSON.stringify(message));
  }
  fire(event: RealtimeEvent) {
    this.emit(event);
  }
}

/** A tab's end of a port: what it received, and a way to speak to the hub. */
function fakeTab(hub: SharedEngineHub) {
  const received: HubToTab[] = [];
  const port: HubPort & { closed: boolean } = {
    onmessage: null,
    closed: false,
    postMessage: (message) => received.push(structuredClone(message) as HubToTab),
    close() {
      this.closed = true;
    },
  };
  hub.connect(port);
  const say = (message: TabToHub) => port.onmessage?.({ data: message });
  return {
    port,
    received,
    say,
    join(
      topics = ['metrics', 'alerts'],
      position: Extract<TabToHub, { type: 'join' }>['position'] = null,
    ) {
      say({ type: 'join', options: { baseUrl: 'http://b.test', topics }, online: true, position });
    },
    /** What the tab's client reads: the batches' events, samples unpacked from their columns. */
    events: () => {
      const events: RealtimeEvent[] = [];
      for (const m of received)
        if (m.type === 'events') unpackEvents(m.events, (e) => events.push(e));
      return events.filter((e) => e.type !== 'connection');
    },
  };
}

const SNAPSHOT: ServerSnapshot = { epoch: 'e1', seq: 10, samples: [], alerts: [] };
const metrics = (seq: number): DataMessage => ({ type: 'metrics', seq, samples: [] });

function setup(options: Partial<ConstructorParameters<typeof SharedEngineHub>[0]> = {}) {
  vi.useFakeTimers();
  const engines: FakeEngine[] = [];
  const hub = new SharedEngineHub({
    createClient: (o) => {
      const engine = new FakeEngine(o);
      engines.push(engine);
      return engine;
    },
    pingMs: 1_000,
    missedPings: 3,
    ...options,
  });
  return { hub, engines };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SharedEngineHub', () => {
  it('runs one engine for five tabs and sends every event to each of them', async () => {
    const { hub, engines } = setup();
    const tabs = Array.from({ length: 5 }, () => fakeTab(hub));
    tabs.forEach((tab) => tab.join());
    expect(engines).toHaveLength(1);
    expect(engines[0]!.calls).toEqual(['start']);
    engines[0]!.fire({ type: 'reset', snapshot: SNAPSHOT });
    engines[0]!.fire({ type: 'message', message: metrics(11) });
    await vi.advanceTimersByTimeAsync(20);
    for (const tab of tabs)
      expect(tab.events()).toEqual([
        { type: 'reset', snapshot: SNAPSHOT },
        { type: 'message', message: metrics(11) },
      ]);
    expect(hub.tabCount).toBe(5);
  });

  it('subscribes to the union of the tabs and unsubscribes only what no tab still wants', () => {
    const { hub, engines } = setup();
    const a = fakeTab(hub);
    const b = fakeTab(hub);
    a.join(['metrics']);
    expect(engines[0]!.options.topics).toEqual(['metrics']);
    b.join(['metrics', 'alerts']);
    expect(engines[0]!.calls).toContain(JSON.stringify({ type: 'subscribe', topics: ['alerts'] }));
    a.say({ type: 'send', message: { type: 'unsubscribe', topics: ['metrics'] } });
    expect(engines[0]!.calls.filter((c) => c.includes('unsubscribe'))).toEqual([]);
    b.say({ type: 'leave' });
    expect(engines[0]!.calls).toContain(
      JSON.stringify({ type: 'unsubscribe', topics: ['metrics', 'alerts'] }),
    );
    expect([...hub.topics.keys()]).toEqual([]);
    expect(engines[0]!.disposed).toBe(false);
  });

  it('drops a tab that stops answering pings, and with it its topics', async () => {
    const { hub, engines } = setup();
    const alive = fakeTab(hub);
    const dead = fakeTab(hub);
    alive.join(['metrics']);
    dead.join(['metrics', 'alerts']);
    // The live tab answers every ping, as its page's message handler does.
    alive.port.postMessage = (message) => {
      if ((message as HubToTab).type === 'ping') alive.say({ type: 'pong' });
    };
    await vi.advanceTimersByTimeAsync(3_500);
    expect(hub.tabCount).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(hub.tabCount).toBe(1);
    expect(engines[0]!.calls).toContain(
      JSON.stringify({ type: 'unsubscribe', topics: ['alerts'] }),
    );
    // Back from a freeze: it is told to join again rather than silently ignored.
    dead.say({ type: 'pong' });
    expect(dead.received.at(-1)).toEqual({ type: 'dropped' });
  });

  it('gives a late tab the current state from its backlog, not a new snapshot', async () => {
    const { hub, engines } = setup();
    const first = fakeTab(hub);
    first.join();
    engines[0]!.fire({ type: 'reset', snapshot: SNAPSHOT });
    engines[0]!.fire({ type: 'message', message: metrics(11) });
    engines[0]!.fire({ type: 'message', message: metrics(12) });
    // The last one is still waiting for the flush when the newcomer arrives.
    await vi.advanceTimersByTimeAsync(20);
    engines[0]!.fire({ type: 'message', message: metrics(13) });
    const late = fakeTab(hub);
    late.join();
    await vi.advanceTimersByTimeAsync(20);
    expect(late.events()).toEqual([
      { type: 'reset', snapshot: SNAPSHOT },
      { type: 'message', message: metrics(11) },
      { type: 'message', message: metrics(12) },
      { type: 'message', message: metrics(13) },
    ]);
    expect(first.events().map((e) => (e.type === 'message' ? e.message.seq : e.type))).toEqual([
      'reset',
      11,
      12,
      13,
    ]);
    expect(engines).toHaveLength(1);
  });

  it('sends a rejoining tab only the messages after its position', () => {
    const { hub, engines } = setup();
    fakeTab(hub).join();
    engines[0]!.fire({ type: 'reset', snapshot: SNAPSHOT });
    for (const seq of [11, 12, 13]) engines[0]!.fire({ type: 'message', message: metrics(seq) });
    const back = fakeTab(hub);
    back.join(undefined, { epoch: 'e1', lastSeq: 12 });
    expect(back.events()).toEqual([{ type: 'message', message: metrics(13) }]);
  });

  it('closes the engine when the last tab leaves, and starts afresh for the next', () => {
    const { hub, engines } = setup();
    const a = fakeTab(hub);
    const b = fakeTab(hub);
    a.join();
    b.join();
    a.say({ type: 'leave' });
    expect(engines[0]!.disposed).toBe(false);
    b.say({ type: 'leave' });
    expect(engines[0]!.disposed).toBe(true);
    expect(b.port.closed).toBe(true);
    expect(hub.running).toBe(false);
    fakeTab(hub).join();
    expect(engines).toHaveLength(2);
  });

  it('leaks nothing over a hundred tabs opened and closed', async () => {
    const { hub, engines } = setup();
    const keeper = fakeTab(hub);
    keeper.join();
    for (let i = 0; i < 100; i++) {
      const tab = fakeTab(hub);
      tab.join(['metrics', `detail-${i}`]);
      tab.say({ type: 'leave' });
    }
    expect(hub.tabCount).toBe(1);
    expect([...hub.topics.keys()].sort()).toEqual(['alerts', 'metrics']);
    expect(engines).toHaveLength(1);
    expect(vi.getTimerCount()).toBeLessThanOrEqual(2);
  });

  it('sends an alert acked in two tabs to the server once', () => {
    const { hub, engines } = setup();
    const a = fakeTab(hub);
    const b = fakeTab(hub);
    a.join();
    b.join();
    a.say({ type: 'send', message: { type: 'ack', alertId: 'al-1' } });
    b.say({ type: 'send', message: { type: 'ack', alertId: 'al-1' } });
    expect(engines[0]!.calls.filter((c) => c.includes('"ack"'))).toHaveLength(1);
  });

  it('acts on the shared connection when any tab asks to reconnect now', () => {
    const { hub, engines } = setup();
    const a = fakeTab(hub);
    const b = fakeTab(hub);
    a.join();
    b.join();
    b.say({ type: 'command', command: 'reconnectNow' });
    expect(engines[0]!.calls).toEqual(['start', 'reconnectNow']);
  });

  it('resumes a seeded engine from the position the new leader had read', () => {
    const { hub, engines } = setup({
      seed: { epoch: 'e1', snapshot: SNAPSHOT, messages: [metrics(11)] },
    });
    const behind = fakeTab(hub);
    behind.join(undefined, { epoch: 'e1', lastSeq: 10 });
    expect(engines[0]!.options.resumeFrom).toEqual({ epoch: 'e1', lastSeq: 11 });
    expect(behind.events()).toEqual([{ type: 'message', message: metrics(11) }]);
  });

  it('ignores a message it does not know without dropping the tab', () => {
    const { hub } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const tab = fakeTab(hub);
    tab.join();
    tab.port.onmessage?.({ data: { type: 'nonsense' } });
    tab.port.onmessage?.({ data: null });
    expect(hub.tabCount).toBe(1);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
