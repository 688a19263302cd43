import { describe, expect, it } from 'vitest';
import type { ConnectionSnapshot, OutgoingMessage, TopicInfo } from '../../src/realtime';
import { applyEvents, createDashboardStore } from '../../src/store';
import {
  createTopicChoiceStore,
  MAX_TOPIC_CHOICES,
  readChoices,
  subscribedTopics,
  topicChoiceKey,
} from '../../src/store/topic-choice';
import { bindTopicChoice } from '../../src/store/topic-choice-binding';
import { memoryStorage } from '../support/memory-storage';

const BASE = ['metrics', 'alerts'];
const TOPICS: TopicInfo[] = [{ id: 'product:42', default: true }, { id: 'product:7' }];

describe('which topics are subscribed', () => {
  it('turns a default topic on and leaves the others off until the operator chooses', () => {
    const none = new Map<string, boolean>();
    expect([...subscribedTopics(BASE, TOPICS, none)]).toEqual(['metrics', 'alerts', 'product:42']);
  });

  it("follows the operator's choice over a topic's default, either way", () => {
    const chosen = new Map([
      ['product:42', false],
      ['product:7', true],
    ]);
    expect([...subscribedTopics(BASE, TOPICS, chosen)].sort()).toEqual(
      ['alerts', 'metrics', 'product:7'].sort(),
    );
  });

  it('keeps a remembered topic before any catalogue has arrived', () => {
    expect(subscribedTopics(BASE, [], new Map([['product:7', true]])).has('product:7')).toBe(true);
  });
});

describe('the topic choice store', () => {
  it('remembers a choice per backend across a reload', () => {
    const storage = memoryStorage();
    const key = topicChoiceKey('http://a.example');
    createTopicChoiceStore({ storage, key }).getState().choose('product:7', true);
    const reloaded = createTopicChoiceStore({ storage, key });
    expect([...reloaded.getState().chosen]).toEqual([['product:7', true]]);
    const other = createTopicChoiceStore({ storage, key: topicChoiceKey('http://b.example') });
    expect(other.getState().chosen.size).toBe(0);
  });

  it("takes another tab's choice when asked to read storage again", () => {
    const storage = memoryStorage();
    const here = createTopicChoiceStore({ storage, key: 'k' });
    const there = createTopicChoiceStore({ storage, key: 'k' });
    there.getState().choose('product:7', true);
    const before = here.getState().chosen;
    here.getState().reload();
    expect(here.getState().chosen.get('product:7')).toBe(true);
    // Nothing new: the same map, so nothing downstream re-runs.
    const after = here.getState().chosen;
    here.getState().reload();
    expect(here.getState().chosen).toBe(after);
    expect(after).not.toBe(before);
  });

  it('reads storage entry by entry: a damaged entry costs only itself', () => {
    const raw = JSON.stringify({
      version: 1,
      chosen: [['product:7', true], ['x', 'yes'], [5, true], 'junk', ['__proto__', false]],
    });
    expect([...readChoices(raw)]).toEqual([
      ['product:7', true],
      ['__proto__', false],
    ]);
    expect(readChoices('{not json').size).toBe(0);
    expect(readChoices('{"chosen":{"a":true}}').size).toBe(0);
  });

  it('keeps a bounded number of choices, the latest ones', () => {
    const store = createTopicChoiceStore();
    for (let i = 0; i < MAX_TOPIC_CHOICES + 10; i++) store.getState().choose(`t${i}`, true);
    const chosen = store.getState().chosen;
    expect(chosen.size).toBe(MAX_TOPIC_CHOICES);
    expect(chosen.has('t0')).toBe(false);
    expect(chosen.has(`t${MAX_TOPIC_CHOICES + 9}`)).toBe(true);
  });

  it('holds the choice in memory and counts it when storage refuses to write', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    };
    const store = createTopicChoiceStore({ storage, key: 'k' });
    store.getState().choose('product:7', true);
    expect(store.getState().chosen.get('product:7')).toBe(true);
    expect(store.getState().storageProblems).toBe(1);
    expect(store.getState().lastStorageError).toBe('QuotaExceededError');
  });
});

describe('binding the choice to the client', () => {
  function fakeClient() {
    const sent: OutgoingMessage[] = [];
    return {
      sent,
      getSnapshot: () => ({ topics: BASE }) as unknown as ConnectionSnapshot,
      subscribe: (topics: string[]) => sent.push({ type: 'subscribe', topics }),
      unsubscribe: (topics: string[]) => sent.push({ type: 'unsubscribe', topics }),
    };
  }
  const catalogue = (topics: TopicInfo[]) => ({
    type: 'message' as const,
    message: { type: 'catalog' as const, seq: 1, metrics: [], topics },
  });

  it('subscribes a remembered topic before the connection starts', () => {
    const client = fakeClient();
    const choice = createTopicChoiceStore();
    choice.getState().choose('product:7', true);
    bindTopicChoice(client, createDashboardStore(), choice);
    expect(client.sent).toEqual([{ type: 'subscribe', topics: ['product:7'] }]);
  });

  it("subscribes the catalogue's default topics when it arrives, and follows the operator", () => {
    const client = fakeClient();
    const store = createDashboardStore();
    const choice = createTopicChoiceStore();
    bindTopicChoice(client, store, choice);
    expect(client.sent).toEqual([]);
    applyEvents(store, [catalogue(TOPICS)], null, { now: () => 0 });
    expect(client.sent).toEqual([{ type: 'subscribe', topics: ['product:42'] }]);
    choice.getState().choose('product:7', true);
    choice.getState().choose('product:42', false);
    expect(client.sent.slice(1)).toEqual([
      { type: 'subscribe', topics: ['product:7'] },
      { type: 'unsubscribe', topics: ['product:42'] },
    ]);
  });

  it('says the chosen topics again each time the connection turns live', () => {
    const client = fakeClient();
    const store = createDashboardStore();
    const choice = createTopicChoiceStore();
    choice.getState().choose('product:7', true);
    choice.getState().choose('metrics', false);
    bindTopicChoice(client, store, choice);
    client.sent.length = 0;
    const status = (s: 'live' | 'connecting') =>
      store.setState({ connection: { status: s } as unknown as ConnectionSnapshot });
    status('live');
    status('live');
    expect(client.sent).toEqual([
      { type: 'unsubscribe', topics: ['metrics'] },
      { type: 'subscribe', topics: ['product:7'] },
    ]);
    status('connecting');
    status('live');
    expect(client.sent).toHaveLength(4);
  });

  it('says nothing more on a live connection when only the base topics are wanted (v1)', () => {
    const client = fakeClient();
    const store = createDashboardStore();
    bindTopicChoice(client, store, createTopicChoiceStore());
    store.setState({ connection: { status: 'live' } as unknown as ConnectionSnapshot });
    expect(client.sent).toEqual([]);
  });

  it('sends nothing once unbound', () => {
    const client = fakeClient();
    const choice = createTopicChoiceStore();
    const unbind = bindTopicChoice(client, createDashboardStore(), choice);
    unbind();
    choice.getState().choose('product:7', true);
    expect(client.sent).toEqual([]);
  });
});
