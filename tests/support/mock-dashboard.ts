import { act } from '@testing-library/react';
import { vi } from 'vitest';
import {
  createRealtimeClient,
  type BadgeStatus,
  type RealtimeClient,
  type RealtimeOptions,
} from '../../src/realtime';
import { bindClientToStore, createDashboardStore, microtaskScheduler } from '../../src/store';
import type { DashboardStore } from '../../src/store';
import type { BackendOptions } from '../../backend/mock-backend';
import { startMockServer, type MockServer } from '../../mocks/node';
import type { ScenarioSpec } from '../../backend/scenario';

export { startMockServer, TEST_BASE_URL } from '../../mocks/node';

export type MockDashboardOptions = {
  /** A scenario spec such as `session-expiry;firstMs=1000` (docs/qa.md); starts the feed. */
  scenario?: string | readonly ScenarioSpec[];
  /** Feed on or off; on by default when a scenario is given. */
  feed?: boolean;
  backend?: BackendOptions;
  client?: Partial<RealtimeOptions>;
};

export type MockDashboard = {
  mock: MockServer;
  backend: MockServer['backend'];
  client: RealtimeClient;
  /** The dashboard store the client feeds: render components over it. */
  store: DashboardStore;
  /** Every badge status the client went through (no repeats in a row): a phase history. */
  statuses: BadgeStatus[];
  /** Advance fake time inside React's `act`, letting MSW's microtasks run. */
  advance(ms: number): Promise<void>;
  close(): void;
};

/**
 * A dashboard store fed by a real realtime client over an in-process mocked socket, on fake
 * timers: the shortest way to test a component against any socket misbehaviour.
 *
 * @example
 * const live = connectMockDashboard({ scenario: 'session-expiry;firstMs=1000' });
 * renderWithStore(<ConnectionBadge />, live.store);
 * await live.advance(1_100);
 * expect(live.statuses).toEqual(['connecting', 'live', 'connecting', 'live']);
 * live.close();
 */
export function connectMockDashboard(options: MockDashboardOptions = {}): MockDashboard {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  const mock = startMockServer({
    ...options.backend,
    ...(options.scenario !== undefined ? { scenario: options.scenario } : {}),
    ...(options.feed !== undefined ? { feed: options.feed } : {}),
  });
  const client = createRealtimeClient({
    baseUrl: mock.baseUrl,
    topics: ['metrics', 'alerts'],
    ...options.client,
  });
  const store = createDashboardStore();
  const statuses: BadgeStatus[] = [];
  // From the client's own events, not store commits: a commit folds quick moves together.
  const unsubscribe = client.listen((event) => {
    if (event.type !== 'connection') return;
    const { status } = event.connection;
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  const unbind = bindClientToStore(client, store, microtaskScheduler);
  client.start();
  return {
    mock,
    backend: mock.backend,
    client,
    store,
    statuses,
    advance: (ms) => act(() => vi.advanceTimersByTimeAsync(ms).then(() => undefined)),
    close() {
      client.dispose();
      unbind();
      unsubscribe();
      mock.close();
      vi.useRealTimers();
    },
  };
}
