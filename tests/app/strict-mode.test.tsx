import { act, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../../mocks/node';
import { createRealtimeClient } from '../../src/realtime';
import { createDashboardStore, microtaskScheduler } from '../../src/store';
import type { ClientFactory } from '../../src/app/client-factories';
import { useRealtimeConnection } from '../../src/ui/shell/use-realtime-connection';

describe('the React binding of the realtime client', () => {
  let mock: ReturnType<typeof startMockServer>;
  afterEach(() => {
    mock.close();
    vi.useRealTimers();
  });

  it('opens one live connection, not two, under StrictMode', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    mock = startMockServer();
    const created: ReturnType<typeof createRealtimeClient>[] = [];
    const factory: ClientFactory = (baseUrl) => {
      const client = createRealtimeClient({ baseUrl });
      created.push(client);
      return client;
    };
    const store = createDashboardStore();
    function Probe() {
      useRealtimeConnection(store, mock.baseUrl, factory, microtaskScheduler);
      return null;
    }
    const view = render(
      <StrictMode>
        <Probe />
      </StrictMode>,
    );
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(created).toHaveLength(2); // StrictMode mounts, unmounts and mounts again
    expect(created[0]?.getSnapshot().state).toBe('closed');
    expect(created[1]?.getSnapshot().state).toBe('live');
    expect(mock.backend.connectionCount).toBe(1);
    expect(store.getState().connection?.state).toBe('live');

    view.unmount();
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(mock.backend.connectionCount).toBe(0);
  });
});
