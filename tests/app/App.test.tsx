import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import type { RealtimeClient } from '../../src/realtime';
import { applyEvents, createDashboardStore } from '../../src/store';
import type { BackendView } from '../../src/ui/shared/backend-context';
import { alertEvent, alertFixture, connectionFixture } from '../support/fixtures';
import { testEnvironment } from '../support/render';

/** A client that never connects: these tests are about what the page keeps, not the line. */
function fakeClient(ack: (id: string) => void): RealtimeClient {
  return {
    listen: () => () => {},
    getSnapshot: () => connectionFixture(),
    start: () => {},
    stop: () => {},
    dispose: () => {},
    reconnectNow: () => {},
    send: () => {},
    ack,
    subscribe: () => {},
    unsubscribe: () => {},
  };
}

function renderApp(baseUrl: string, backend?: BackendView) {
  const ack = vi.fn();
  const store = createDashboardStore();
  render(
    <App
      store={store}
      baseUrl={baseUrl}
      {...(backend ? { backend } : {})}
      createClient={() => fakeClient(ack)}
      environment={testEnvironment()}
    />,
  );
  act(() => applyEvents(store, [alertEvent(alertFixture({ id: 'a1', title: 'Door open' }))], null));
  return { ack, store };
}

const stored = (key: string) =>
  JSON.parse(localStorage.getItem(key) ?? 'null') as {
    state: { acknowledged: Record<string, number> };
  } | null;

afterEach(() => localStorage.clear());

describe('App', () => {
  it('keeps acks per backend origin', () => {
    const { ack } = renderApp('http://one.example:8080/pulse');
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge: Door open' }));
    expect(ack).toHaveBeenCalledWith('a1');
    expect(
      stored('pulseboard:operator:http://one.example:8080')?.state.acknowledged,
    ).toHaveProperty('a1');
    expect(stored('pulseboard:operator')).toBeNull();
  });

  it('shows the backend host', () => {
    renderApp('http://one.example:8080/pulse');
    expect(screen.getByTestId('backend')).toHaveTextContent('Backend one.example:8080');
  });

  it("adopts marks kept before they were per backend for the deployment's own backend only", () => {
    const v1 = JSON.stringify({
      state: { acknowledged: { a1: Date.now() }, dismissed: {} },
      version: 1,
    });
    const own: BackendView = {
      mode: 'remote',
      host: 'pulse.example',
      deployment: true,
      foreign: false,
    };
    const ackButton = () => screen.queryByRole('button', { name: 'Acknowledge: Door open' });

    localStorage.setItem('pulseboard:operator', v1);
    renderApp('https://pulse.example', own);
    expect(ackButton()).toBeNull();
    expect(stored('pulseboard:operator:https://pulse.example')?.state.acknowledged).toHaveProperty(
      'a1',
    );
  });

  it('gives a backend reached by a link none of the marks kept before they were per backend', () => {
    const v1 = JSON.stringify({
      state: { acknowledged: { a1: Date.now() }, dismissed: {} },
      version: 1,
    });
    localStorage.setItem('pulseboard:operator', v1);
    const foreign: BackendView = {
      mode: 'remote',
      host: 'other.example',
      deployment: true,
      foreign: true,
    };
    renderApp('https://other.example', foreign);
    expect(screen.getByRole('button', { name: 'Acknowledge: Door open' })).toBeInTheDocument();
  });
});
