import { act, fireEvent, screen, within } from '@testing-library/react';
import toast, { Toaster } from 'react-hot-toast';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert, RealtimeEvent } from '../../../src/realtime';
import {
  applyEvents,
  createDashboardStore,
  createOperatorStore,
  type DashboardStore,
  type OperatorStore,
} from '../../../src/store';
import { AlertList } from '../../../src/ui/alerts/AlertList';
import { AlertToasts } from '../../../src/ui/alerts/AlertToasts';
import { formatClock } from '../../../src/ui/i18n/format';
import { useResendPendingAcks } from '../../../src/ui/alerts/use-alerts';
import { advance } from '../../support/dashboard';
import { alertEvent, alertFixture, connectionFixture } from '../../support/fixtures';
import { memoryStorage } from '../../support/memory-storage';
import { renderDashboard } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  toast.remove();
  vi.useRealTimers();
});

function Resend() {
  useResendPendingAcks();
  return null;
}

function renderAlerts(options: { store?: DashboardStore; operator?: OperatorStore } = {}) {
  const ack = vi.fn();
  const store = options.store ?? createDashboardStore();
  store.setState({ commands: { ack, reconnectNow: vi.fn() } });
  const result = renderDashboard(
    <>
      <AlertToasts />
      <AlertList />
      <Resend />
      <Toaster />
    </>,
    { store, ...(options.operator ? { operator: options.operator } : {}) },
  );
  return { ...result, ack };
}

const visibleToasts = () =>
  [...document.querySelectorAll('[data-toast-alert][data-visible="true"]')].map((el) =>
    el.getAttribute('data-toast-alert'),
  );
const summary = () => document.querySelector('[data-toast-summary][data-visible="true"]');
const row = (id: string) => document.querySelector(`[data-alert-id="${id}"]`) as HTMLElement;

const raise = (store: DashboardStore, ...alerts: Alert[]) =>
  act(() => applyEvents(store, alerts.map(alertEvent), null));
const update = (store: DashboardStore, id: string, status: Alert['status'], by?: string) => {
  const event: RealtimeEvent = {
    type: 'message',
    message: { type: 'alert_update', seq: 1, id, status, ...(by ? { by } : {}) },
  };
  act(() => applyEvents(store, [event], null));
};

describe('alert toasts', () => {
  it('toasts a new alert and lists it under its id', async () => {
    const { store } = renderAlerts();
    raise(store, alertFixture({ id: 'a-7', title: 'Door open in transit' }));
    await advance(50);
    expect(screen.getAllByText('Door open in transit')).toHaveLength(2);
    expect(row('a-7')).not.toBeNull();
    expect(visibleToasts()).toEqual(['a-7']);
  });

  it('shows alert text as text, never as HTML', async () => {
    const { store } = renderAlerts();
    const title = '<img src=x onerror=alert(1)>';
    const message = '<script>window.pwned = true</script><b>bold</b>';
    raise(store, alertFixture({ id: 'x', title, message, severity: 'critical' }));
    await advance(50);
    expect(screen.getAllByText(title)).toHaveLength(2);
    expect(screen.getAllByText(message)).toHaveLength(2);
    expect(document.querySelector('img, script, b')).toBeNull();
    // Toast and row show the raw characters as plain text: no element was made from them.
    const toastEl = document.querySelector('[data-toast-alert="x"]') as HTMLElement;
    const places: [Element | null, string][] = [
      [toastEl.querySelector('.toast__title'), title],
      [toastEl.querySelector('.toast__message'), message],
      [row('x').querySelector('.alert__title'), title],
      [row('x').querySelector('.alert__message'), message],
    ];
    for (const [el, raw] of places) {
      expect(el?.textContent).toBe(raw);
      expect(el?.childElementCount).toBe(0);
    }
  });

  it('renders an alert whose time is out of range instead of crashing', async () => {
    const { store } = renderAlerts();
    raise(store, alertFixture({ id: 'odd', ts: 1e20, title: 'Odd clock' }));
    await advance(50);
    expect(row('odd')).toHaveTextContent('Odd clock');
  });

  it('keeps a critical toast until it is acknowledged, while info and warning leave by themselves', async () => {
    const { store } = renderAlerts();
    raise(
      store,
      alertFixture({ id: 'c', severity: 'critical' }),
      alertFixture({ id: 'w', severity: 'warning' }),
      alertFixture({ id: 'i', severity: 'info' }),
    );
    await advance(50);
    expect(visibleToasts().sort()).toEqual(['c', 'i', 'w']);
    await advance(6_000);
    expect(visibleToasts().sort()).toEqual(['c', 'w']);
    await advance(10_000);
    expect(visibleToasts()).toEqual(['c']);
    await advance(60 * 60_000);
    expect(visibleToasts()).toEqual(['c']);
    // Only non-critical toasts offer "Dismiss".
    const critical = document.querySelector('[data-toast-alert="c"]') as HTMLElement;
    // Not a live region of its own: AlertAnnouncer says it once (issue #17, no flood in a storm).
    expect(critical).toHaveAttribute('role', 'group');
    expect(critical).not.toHaveAttribute('aria-live');
    expect(critical).toHaveAccessibleName('Critical: Pending orders rising');
    expect(within(critical).queryByRole('button', { name: /Dismiss/ })).toBeNull();
  });

  it('remembers an info toast that left by itself as dismissed, at the time it left', async () => {
    const { store, operator } = renderAlerts();
    raise(store, alertFixture({ id: 'i', severity: 'info' }), alertFixture({ id: 'c' }));
    await advance(50);
    expect(operator.getState().dismissed).toEqual({});
    await advance(6_000);
    expect(visibleToasts()).not.toContain('i');
    expect(Object.keys(operator.getState().dismissed)).toEqual(['i']);
    expect(operator.getState().dismissed['i']).toBeGreaterThanOrEqual(T0 + 6_000);
  });

  it('holds an info toast while the pointer rests on the toasts, and lets it go after', async () => {
    const { store, operator } = renderAlerts();
    raise(store, alertFixture({ id: 'i', severity: 'info' }));
    await advance(1_000);
    const toastEl = document.querySelector('[data-toast-alert="i"]') as HTMLElement;
    fireEvent.mouseEnter(toastEl);
    await advance(30_000);
    expect(visibleToasts()).toEqual(['i']);
    expect(operator.getState().dismissed).toEqual({});
    fireEvent.mouseLeave(toastEl);
    await advance(5_100);
    expect(visibleToasts()).toEqual([]);
    expect(Object.keys(operator.getState().dismissed)).toEqual(['i']);
  });

  it('shows a handful of toasts in a storm and one summary counting the rest; the panel has them all', async () => {
    const { store } = renderAlerts();
    const storm = Array.from({ length: 41 }, (_, i) =>
      alertFixture({ id: `s${i}`, severity: 'info', title: `Storm ${i}`, ts: T0 + i }),
    );
    raise(store, ...storm);
    await advance(50);
    expect(visibleToasts()).toHaveLength(4);
    expect(summary()).toHaveTextContent('+37 more alerts');
    expect(document.querySelectorAll('[data-alert-id]')).toHaveLength(41);
    // A second wave adds to the same summary rather than to the screen.
    raise(store, alertFixture({ id: 'late', severity: 'warning' }));
    await advance(50);
    expect(visibleToasts()).toHaveLength(4);
    expect(document.querySelectorAll('[data-toast-summary]')).toHaveLength(1);
    expect(summary()).toHaveTextContent('+38 more alerts');
  });

  it('leads from the summary toast to the alerts panel, and dismissing it forgets the rest', async () => {
    const { store, operator } = renderAlerts();
    raise(
      store,
      ...Array.from({ length: 6 }, (_, i) => alertFixture({ id: `w${i}`, severity: 'warning' })),
    );
    await advance(50);
    const summaryEl = summary() as HTMLElement;
    fireEvent.click(within(summaryEl).getByRole('button', { name: 'Show all' }));
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Alerts' }));
    fireEvent.click(within(summaryEl).getByRole('button', { name: 'Dismiss' }));
    await advance(50);
    expect(summary()).toBeNull();
    expect(Object.keys(operator.getState().dismissed).sort()).toEqual(['w0', 'w1']);
  });

  it('gives the places in a burst to critical alerts first, then to the newest', async () => {
    const { store } = renderAlerts();
    raise(
      store,
      alertFixture({ id: 'crit-oldest', severity: 'critical', ts: T0 }),
      ...Array.from({ length: 20 }, (_, i) =>
        alertFixture({ id: `i${i}`, severity: 'info', ts: T0 + 1 + i }),
      ),
    );
    await advance(50);
    expect(visibleToasts().sort()).toEqual(['crit-oldest', 'i17', 'i18', 'i19']);
    expect(summary()).toHaveTextContent('+17 more alerts');
  });

  it('gives a critical alert held back by a storm its own toast as soon as a place frees up', async () => {
    const { store } = renderAlerts();
    raise(
      store,
      ...Array.from({ length: 4 }, (_, i) => alertFixture({ id: `i${i}`, severity: 'info' })),
    );
    raise(store, alertFixture({ id: 'crit', severity: 'critical', title: 'Door open' }));
    await advance(50);
    expect(visibleToasts()).not.toContain('crit');
    expect(summary()).toHaveTextContent('1 critical');
    await advance(6_000);
    expect(visibleToasts()).toContain('crit');
    expect(summary()).toBeNull();
  });

  it('acknowledges from the toast: sends ack, the toast goes and the panel shows it acknowledged', async () => {
    const { store, ack } = renderAlerts();
    raise(store, alertFixture({ id: 'a1', severity: 'critical', title: 'Door open' }));
    await advance(50);
    const toastEl = document.querySelector('[data-toast-alert="a1"]') as HTMLElement;
    fireEvent.click(within(toastEl).getByRole('button', { name: 'Acknowledge' }));
    await advance(50);
    expect(ack).toHaveBeenCalledWith('a1');
    expect(visibleToasts()).toEqual([]);
    expect(row('a1')).toHaveAttribute('data-status', 'acknowledged');
    expect(row('a1')).toHaveTextContent('Acknowledged · sending…');
    update(store, 'a1', 'acknowledged', 'ops-1');
    await advance(50);
    expect(row('a1')).toHaveTextContent('Acknowledged · by ops-1');
  });

  it('acknowledges from the panel through the store commands', async () => {
    const { store, ack } = renderAlerts();
    raise(store, alertFixture({ id: 'a1', title: 'Pending orders rising' }));
    await advance(50);
    fireEvent.click(within(row('a1')).getByRole('button', { name: /Acknowledge/ }));
    await advance(50);
    expect(ack).toHaveBeenCalledExactlyOnceWith('a1');
    expect(visibleToasts()).toEqual([]);
    expect(within(row('a1')).queryByRole('button', { name: /Acknowledge/ })).toBeNull();
  });

  it('updates every view when the server says another operator acknowledged', async () => {
    const { store, ack } = renderAlerts();
    raise(store, alertFixture({ id: 'a1', severity: 'critical' }));
    await advance(50);
    expect(visibleToasts()).toEqual(['a1']);
    update(store, 'a1', 'acknowledged', 'ops-2');
    await advance(50);
    expect(visibleToasts()).toEqual([]);
    expect(row('a1')).toHaveAttribute('data-status', 'acknowledged');
    expect(row('a1')).toHaveTextContent('by ops-2');
    expect(ack).not.toHaveBeenCalled();
  });

  it('keeps acknowledged and dismissed alerts across a reload, and re-sends an unconfirmed ack', async () => {
    const storage = memoryStorage();
    const first = renderAlerts({ operator: createOperatorStore({ storage }) });
    raise(
      first.store,
      alertFixture({ id: 'acked', severity: 'critical' }),
      alertFixture({ id: 'seen', severity: 'info' }),
    );
    await advance(50);
    const criticalToast = document.querySelector('[data-toast-alert="acked"]') as HTMLElement;
    fireEvent.click(within(criticalToast).getByRole('button', { name: 'Acknowledge' }));
    await advance(7_000); // the info toast leaves by itself
    expect(first.ack).toHaveBeenCalledTimes(1);
    first.unmount();
    toast.remove();

    // The reload: fresh stores; the server never got the ack, so its snapshot still says open.
    const store = createDashboardStore();
    const second = renderAlerts({ store, operator: createOperatorStore({ storage }) });
    act(() =>
      applyEvents(
        store,
        [
          {
            type: 'reset',
            snapshot: {
              epoch: 'e',
              seq: 5,
              samples: [],
              alerts: [
                alertFixture({ id: 'acked', severity: 'critical' }),
                alertFixture({ id: 'seen', severity: 'info' }),
              ],
            },
          },
        ],
        connectionFixture(),
      ),
    );
    await advance(50);
    expect(visibleToasts()).toEqual([]);
    expect(row('acked')).toHaveAttribute('data-status', 'acknowledged');
    expect(row('seen')).toHaveAttribute('data-status', 'open');
    expect(second.ack).toHaveBeenCalledExactlyOnceWith('acked');
  });
});

describe('alerts panel', () => {
  it('lists newest first and keeps one row per id when an alert is sent again', async () => {
    const { store } = renderAlerts();
    raise(store, alertFixture({ id: 'old' }), alertFixture({ id: 'new' }));
    raise(store, alertFixture({ id: 'old', title: 'Sent again' }));
    await advance(50);
    const ids = [...document.querySelectorAll('[data-alert-id]')].map((el) =>
      el.getAttribute('data-alert-id'),
    );
    expect(ids).toEqual(['new', 'old']);
  });

  it("shows an alert's history in its row: each status change, when, and by whom", async () => {
    const { store } = renderAlerts();
    raise(store, alertFixture({ id: 'a1', ts: T0 - 60_000 }));
    await advance(50);
    // Only one status so far: nothing to show.
    expect(row('a1').querySelector('details')).toBeNull();
    await advance(2_000);
    const ackedAt = Date.now();
    update(store, 'a1', 'acknowledged', 'ops-1');
    await advance(3_000);
    const resolvedAt = Date.now();
    update(store, 'a1', 'resolved');
    await advance(50);
    const history = row('a1').querySelector('details') as HTMLElement;
    expect(history).not.toBeNull();
    expect(history.querySelector('summary')).toHaveTextContent('History');
    expect([...history.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      `${formatClock(T0 - 60_000, 'en')} Open`,
      `${formatClock(ackedAt, 'en')} Acknowledged · by ops-1`,
      `${formatClock(resolvedAt, 'en')} Resolved`,
    ]);
  });

  it('filters by severity and status and counts per severity in the header', async () => {
    const { store } = renderAlerts();
    raise(
      store,
      alertFixture({ id: 'c1', severity: 'critical' }),
      alertFixture({ id: 'c2', severity: 'critical', status: 'resolved' }),
      alertFixture({ id: 'w1', severity: 'warning' }),
      alertFixture({ id: 'i1', severity: 'info', status: 'acknowledged' }),
    );
    await advance(50);
    const chip = (name: RegExp) => screen.getByRole('button', { name });
    expect(chip(/^All/)).toHaveTextContent('All 4');
    expect(chip(/^Critical/)).toHaveTextContent('Critical 2');
    expect(chip(/^Warning/)).toHaveTextContent('Warning 1');
    expect(chip(/^Info/)).toHaveTextContent('Info 1');

    fireEvent.click(chip(/^Critical/));
    const ids = () =>
      [...document.querySelectorAll('[data-alert-id]')].map((el) =>
        el.getAttribute('data-alert-id'),
      );
    expect(ids().sort()).toEqual(['c1', 'c2']);

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), {
      target: { value: 'open' },
    });
    expect(ids()).toEqual(['c1']);
    expect(chip(/^Critical/)).toHaveTextContent('Critical 1');
    expect(chip(/^Info/)).toHaveTextContent('Info 0');
  });
});
