import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionBadge } from '../../src/ui/ConnectionBadge';
import { connectionFixture } from '../support/fixtures';
import { renderWithStore } from '../support/render';

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
    expect(badge).toHaveTextContent(label);
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
});
