import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionBadge } from '../../../src/ui/connection/ConnectionBadge';
import { Toolbar } from '../../../src/ui/toolbar/Toolbar';
import { advance } from '../../support/dashboard';
import { connectionFixture } from '../../support/fixtures';
import { renderDashboard, renderWithStore } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

afterEach(() => vi.useRealTimers());

describe('ConnectionBadge', () => {
  it.each([
    ['live', 'live', 'Live'],
    ['connecting', 'connecting', 'Connecting'],
    ['polling', 'fallback', 'HTTP fallback'],
    ['stopped', 'offline', 'Offline'],
  ] as const)('shows state %s as data-status=%s', (state, status, label) => {
    const { store } = renderWithStore(<ConnectionBadge />);
    act(() => store.setState({ connection: connectionFixture({ state, status }) }));
    const badge = screen.getByTestId('connection-badge');
    expect(badge).toHaveAttribute('data-status', status);
    expect(badge).toHaveAttribute('role', 'status');
    expect(badge).toHaveAttribute('aria-live', 'polite');
    expect(badge).toHaveTextContent(label);
    expect(badge).toHaveClass(`badge--${status}`);
  });

  it('offers "Reconnect now" when not live and forwards it to the client', async () => {
    const reconnectNow = vi.fn();
    const { store } = renderWithStore(<ConnectionBadge />);
    act(() =>
      store.setState({
        connection: connectionFixture({ state: 'backoff', status: 'connecting', attempt: 2 }),
        commands: { ack: vi.fn(), reconnectNow },
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect now' }));
    expect(reconnectNow).toHaveBeenCalledOnce();
  });

  it('has no "Reconnect now" while live', () => {
    const { store } = renderWithStore(<ConnectionBadge />);
    act(() => store.setState({ connection: connectionFixture() }));
    expect(screen.queryByRole('button', { name: 'Reconnect now' })).toBeNull();
  });

  it('counts down live to the next try and shows the attempt number', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const { store } = renderWithStore(<ConnectionBadge />);
    act(() =>
      store.setState({
        connection: connectionFixture({
          state: 'backoff',
          status: 'connecting',
          attempt: 2,
          nextRetryAt: T0 + 5_000,
        }),
      }),
    );
    await advance(0);
    expect(screen.getByTestId('connection-badge')).toHaveTextContent('Connecting attempt 3');
    expect(screen.getByTestId('connection-meta')).toHaveTextContent('next try in 5 s');
    await advance(1_000);
    expect(screen.getByTestId('connection-meta')).toHaveTextContent('next try in 4 s');
    await advance(3_000);
    expect(screen.getByTestId('connection-meta')).toHaveTextContent('next try in 1 s');
    // The ticking countdown is kept out of the live region, so it is not announced every second.
    expect(screen.getByTestId('connection-badge')).not.toHaveTextContent('next try');
  });

  it.each([
    [{ state: 'offline', stopReason: null }, 'no network'],
    [{ state: 'stopped', stopReason: 'unauthorized' }, 'not authorised'],
    [{ state: 'stopped', stopReason: 'session_unrenewable' }, 'session could not be renewed'],
    [{ state: 'stopped', stopReason: 'protocol_error' }, 'protocol error'],
  ] as const)('says why it is offline: %o', (fields, reason) => {
    const { store } = renderWithStore(<ConnectionBadge />);
    act(() => store.setState({ connection: connectionFixture({ ...fields, status: 'offline' }) }));
    expect(screen.getByTestId('connection-badge')).toHaveTextContent(`Offline ${reason}`);
  });

  it("shows a server's close reason as text when it stopped the client", () => {
    const { store } = renderWithStore(<ConnectionBadge />);
    const reason = '<b>maintenance</b>';
    act(() =>
      store.setState({
        connection: connectionFixture({
          state: 'stopped',
          status: 'offline',
          stopReason: 'application_error',
          lastClose: { code: 4500, reason, description: 'application error', at: 0 },
        }),
      }),
    );
    expect(screen.getByTestId('connection-badge')).toHaveTextContent(reason);
    expect(document.querySelector('b')).toBeNull();
  });

  it('shows round-trip latency and the age of the last message', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const { store } = renderWithStore(<ConnectionBadge />);
    act(() =>
      store.setState({ connection: connectionFixture({ latencyMs: 41.6, lastMessageAt: T0 }) }),
    );
    await advance(0);
    expect(screen.getByTestId('connection-meta')).toHaveTextContent('round trip 42 ms');
    expect(screen.getByTestId('connection-meta')).toHaveTextContent('updated 0 s ago');
    await advance(2_000);
    expect(screen.getByTestId('connection-meta')).toHaveTextContent('updated 2 s ago');
    await advance(120_000);
    expect(screen.getByTestId('connection-meta')).toHaveTextContent('updated 2 min ago');
  });

  it('updates the age label in place each second, not by replacing its element', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const { store } = renderWithStore(<ConnectionBadge />);
    act(() =>
      store.setState({ connection: connectionFixture({ latencyMs: 40, lastMessageAt: T0 }) }),
    );
    await advance(0);
    const parts = () => [...screen.getByTestId('connection-meta').children];
    const before = parts();
    await advance(3_000);
    expect(screen.getByTestId('connection-meta')).toHaveTextContent('updated 3 s ago');
    expect(parts()).toEqual(before);
    parts().forEach((part, i) => expect(part).toBe(before[i]));
  });

  it('does not render for pings while the page is hidden; shows the latest latency on return', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const { store } = renderWithStore(<ConnectionBadge />);
    const meta = () => screen.getByTestId('connection-meta');
    const ping = (latencyMs: number) =>
      act(() =>
        store.setState({
          connection: connectionFixture({ latencyMs, lastMessageAt: Date.now() }),
        }),
      );
    ping(40);
    await advance(0);
    expect(meta()).toHaveTextContent('round trip 40 ms');
    // Visible: a new latency shows by the next tick of the age label.
    ping(55);
    await advance(1_000);
    expect(meta()).toHaveTextContent('round trip 55 ms');

    const setVisibility = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
    };
    try {
      setVisibility('hidden');
      for (const latencyMs of [70, 80, 90]) {
        ping(latencyMs);
        await advance(1_000);
      }
      expect(meta()).toHaveTextContent('round trip 55 ms');
      setVisibility('visible');
      await advance(0);
      expect(meta()).toHaveTextContent('round trip 90 ms');
    } finally {
      Reflect.deleteProperty(document, 'visibilityState');
    }
  });

  it('speaks Korean when the browser does, and switches language on request', () => {
    const { store } = renderDashboard(
      <>
        <ConnectionBadge />
        <Toolbar />
      </>,
      { environment: { languages: ['ko-KR', 'en-US'] } },
    );
    act(() =>
      store.setState({
        connection: connectionFixture({
          state: 'stopped',
          status: 'offline',
          stopReason: 'unauthorized',
        }),
      }),
    );
    expect(screen.getByTestId('connection-badge')).toHaveTextContent('오프라인 권한 없음');
    expect(screen.getByRole('button', { name: '지금 다시 연결' })).toBeInTheDocument();
    fireEvent.change(screen.getByRole('combobox', { name: '언어' }), { target: { value: 'en' } });
    expect(screen.getByTestId('connection-badge')).toHaveTextContent('Offline not authorised');
  });
});
