import { act, fireEvent } from '@testing-library/react';
import toast, { Toaster } from 'react-hot-toast';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents, createDashboardStore } from '../../../src/store';
import { AlertList } from '../../../src/ui/alerts/AlertList';
import { AlertToasts } from '../../../src/ui/alerts/AlertToasts';
import { advance } from '../../support/dashboard';
import { alertEvent, alertFixture } from '../../support/fixtures';
import { renderDashboard } from '../../support/render';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2026, 11, 2, 9, 0, 0));
});
afterEach(() => {
  toast.remove();
  vi.useRealTimers();
});

describe('the ack control', () => {
  it('carries data-action="ack" on an alert row and on its toast, and acknowledges', async () => {
    const ack = vi.fn();
    const store = createDashboardStore();
    store.setState({ commands: { ack, reconnectNow: vi.fn() } });
    renderDashboard(
      <>
        <AlertToasts />
        <AlertList />
        <Toaster />
      </>,
      { store },
    );
    act(() =>
      applyEvents(store, [alertEvent(alertFixture({ id: 'c1', severity: 'critical' }))], null),
    );
    await advance(50);
    const inRow = document.querySelector<HTMLButtonElement>(
      '[data-alert-id="c1"] [data-action="ack"]',
    );
    const inToast = document.querySelector<HTMLButtonElement>(
      '[data-toast-alert="c1"] [data-action="ack"]',
    );
    expect(inRow?.textContent).toBe('Acknowledge');
    expect(inToast?.textContent).toBe('Acknowledge');
    fireEvent.click(inToast!);
    expect(ack).toHaveBeenCalledWith('c1');
  });
});
