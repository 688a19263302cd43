import { describe, expect, it } from 'vitest';
import type { DataMessage, RealtimeEvent, ServerSnapshot } from '../../src/realtime';
import { idleSnapshot } from '../../src/realtime/connection-snapshot';
import { SharedRealtimeClient } from '../../src/realtime/shared-client';
import type { HubPort, HubToTab, TabToHub } from '../../src/realtime/shared-protocol';

function fakeHub() {
  const sent: TabToHub[] = [];
  const port: HubPort = { onmessage: null, postMessage: (m) => sent.push(m as TabToHub) };
  const live = {
    ...idleSnapshot({ baseUrl: 'http://b.test' }),
    state: 'live',
    status: 'live',
  } as const;
  const say = (events: RealtimeEvent[], tabs = 2) =>
    port.onmessage?.({
      data: { type: 'events', events, connection: live, tabs } satisfies HubToTab,
    });
  return { port, sent, say };
}

const SNAPSHOT: ServerSnapshot = { epoch: 'e1', seq: 10, samples: [], alerts: [] };
const metrics = (seq: number): DataMessage => ({ type: 'metrics', seq, samples: [] });

describe('SharedRealtimeClient', () => {
  it('does not show a message twice when a new hub resends it', () => {
    const hub = fakeHub();
    const client = new SharedRealtimeClient(hub.port, { baseUrl: 'http://b.test' });
    const seen: number[] = [];
    client.listen((e) => e.type === 'message' && seen.push(e.message.seq));
    client.start();
    hub.say([
      { type: 'reset', snapshot: SNAPSHOT },
      { type: 'message', message: metrics(11) },
    ]);
    hub.say([
      { type: 'message', message: metrics(11) },
      { type: 'message', message: metrics(12) },
    ]);
    expect(seen).toEqual([11, 12]);
  });

  it('says connecting during a handoff and joins the new hub from where it was', () => {
    const hub = fakeHub();
    const client = new SharedRealtimeClient(
      hub.port,
      { baseUrl: 'http://b.test' },
      undefined,
      'follower',
    );
    client.start();
    hub.say(
      [
        { type: 'reset', snapshot: SNAPSHOT },
        { type: 'message', message: metrics(11) },
      ],
      3,
    );
    expect(client.getSnapshot().status).toBe('live');
    expect(client.getSnapshot().sharing).toEqual({ mode: 'follower', tabs: 3 });
    client.handOver('leader');
    expect(client.getSnapshot().status).toBe('connecting');
    expect(client.getSnapshot().sharing?.handoff).toBe(true);
    expect(hub.sent.at(-1)).toMatchObject({ type: 'join', position: { epoch: 'e1', lastSeq: 11 } });
    hub.say([]);
    expect(client.getSnapshot().status).toBe('live');
    expect(client.getSnapshot().sharing?.mode).toBe('leader');
  });

  it('answers pings and rejoins when the hub no longer counts it', () => {
    const hub = fakeHub();
    const client = new SharedRealtimeClient(hub.port, { baseUrl: 'http://b.test' });
    client.start();
    hub.port.onmessage?.({ data: { type: 'ping' } });
    hub.port.onmessage?.({ data: { type: 'dropped' } });
    expect(hub.sent.map((m) => m.type)).toEqual(['join', 'pong', 'join']);
    client.dispose();
    expect(hub.sent.at(-1)).toEqual({ type: 'leave' });
  });
});
