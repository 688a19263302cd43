import { act, render, screen, waitFor } from '@testing-library/react';
import toast, { Toaster } from 'react-hot-toast';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEvents, createDashboardStore } from '../../src/store';
import { AlertList } from '../../src/ui/AlertList';
import { AlertToasts } from '../../src/ui/AlertToasts';
import { StoreProvider } from '../../src/ui/store-context';
import { alertEvent, alertFixture } from '../support/fixtures';

afterEach(() => toast.remove());

function renderAlerts() {
  const store = createDashboardStore();
  render(
    <StoreProvider store={store}>
      <AlertToasts />
      <AlertList />
      <Toaster />
    </StoreProvider>,
  );
  return store;
}

describe('alerts', () => {
  it('toasts a new alert and lists it under its id', async () => {
    const store = renderAlerts();
    act(() =>
      applyEvents(
        store,
        [alertEvent(alertFixture({ id: 'a-7', title: 'Door open in transit' }))],
        null,
      ),
    );
    // Once in the toast, once in the alerts panel.
    await waitFor(() => expect(screen.getAllByText('Door open in transit')).toHaveLength(2));
    expect(document.querySelector('[data-alert-id="a-7"]')).not.toBeNull();
  });

  it('shows alert text as text, never as HTML', async () => {
    const store = renderAlerts();
    const title = '<img src=x onerror=alert(1)>';
    act(() => applyEvents(store, [alertEvent(alertFixture({ id: 'x', title }))], null));
    await waitFor(() => expect(screen.getAllByText(title)).toHaveLength(2));
    expect(document.querySelector('img')).toBeNull();
  });
});
