import { act } from '@testing-library/react';
import toast, { Toaster } from 'react-hot-toast';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncOperatorAcrossTabs } from '../../src/app/sharing/operator-sync';
import { applyEvents, createDashboardStore, createOperatorStore } from '../../src/store';
import { AlertToasts } from '../../src/ui/alerts/AlertToasts';
import { advance } from '../support/dashboard';
import { alertEvent, alertFixture } from '../support/fixtures';
import { renderDashboard } from '../support/render';

const KEY = 'pulseboard:operator:http://b.test';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2026, 11, 2, 9, 0, 0));
});
afterEach(() => {
  toast.remove();
  vi.useRealTimers();
});

const visibleToasts = () =>
  [...document.querySelectorAll('[data-toast-alert][data-visible="true"]')].map((el) =>
    el.getAttribute('data-toast-alert'),
  );

/** Another tab of the browser wrote the operator's marks (what its `storage` event carries). */
function otherTabWrites(target: EventTarget, acknowledged: object, dismissed: object) {
  const newValue = JSON.stringify({ state: { acknowledged, dismissed }, version: 2 });
  act(() => {
    target.dispatchEvent(Object.assign(new Event('storage'), { key: KEY, newValue }));
  });
}

describe('toasts across the tabs of one browser', () => {
  it('a toast dismissed or acknowledged in another tab leaves this one', async () => {
    const store = createDashboardStore();
    const operator = createOperatorStore();
    const target = new EventTarget();
    syncOperatorAcrossTabs(operator, KEY, target as unknown as Window);
    renderDashboard(
      <>
        <AlertToasts />
        <Toaster />
      </>,
      { store, operator },
    );
    act(() =>
      applyEvents(
        store,
        [
          alertEvent(alertFixture({ id: 'w', severity: 'warning' })),
          alertEvent(alertFixture({ id: 'c', severity: 'critical' })),
        ],
        null,
      ),
    );
    await advance(50);
    expect(visibleToasts().sort()).toEqual(['c', 'w']);
    otherTabWrites(target, {}, { w: Date.now() });
    await advance(50);
    expect(visibleToasts()).toEqual(['c']);
    otherTabWrites(target, { c: Date.now() }, { w: Date.now() });
    await advance(50);
    expect(visibleToasts()).toEqual([]);
  });
});
