import { act, fireEvent, screen } from '@testing-library/react';
import toast, { Toaster } from 'react-hot-toast';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../src/realtime';
import { applyEvents, type DashboardStore } from '../../../src/store';
import { AlertList } from '../../../src/ui/alerts/AlertList';
import { AlertToasts } from '../../../src/ui/alerts/AlertToasts';
import { formatClock } from '../../../src/ui/i18n/format';
import { PreferencesControl } from '../../../src/ui/notify/PreferencesControl';
import { useNotify } from '../../../src/ui/notify/use-notify';
import { advance } from '../../support/dashboard';
import { fakeNotifyPorts } from '../../support/fake-notify';
import { alertEvent, alertFixture } from '../../support/fixtures';
import { renderDashboard } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

beforeAll(async () => {
  // The panel and the notifier are lazily loaded; loaded once here, they resolve without real I/O.
  await import('../../../src/ui/notify/PreferencesPanel');
  await import('../../../src/ui/notify/alert-notifier');
  await import('../../../src/ui/notify/focus-alert');
});
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  toast.remove();
  vi.useRealTimers();
});

function Notify() {
  useNotify();
  return null;
}

function renderWithPrefs(fake = fakeNotifyPorts({ permission: 'default' })) {
  const result = renderDashboard(
    <>
      <PreferencesControl />
      <Notify />
      <AlertToasts />
      <AlertList />
      <Toaster />
    </>,
    { environment: { notify: fake.ports } },
  );
  return { ...result, ...fake };
}

const raise = (store: DashboardStore, ...alerts: Alert[]) =>
  act(() => applyEvents(store, alerts.map(alertEvent), null));
const toasted = () =>
  [...document.querySelectorAll('[data-toast-alert][data-visible="true"]')]
    .map((el) => el.getAttribute('data-toast-alert'))
    .sort();
const at = (ms: number) => alertFixture({ ts: T0 + ms });

async function openPrefs() {
  fireEvent.click(screen.getByText('Notifications'));
  const details = screen.getByTestId('preferences') as HTMLDetailsElement;
  details.open = true;
  fireEvent(details, new Event('toggle'));
  await advance(10);
  return screen.getByRole('group', { name: 'Alert notifications' });
}

describe('notification preferences', () => {
  it('toasts only alerts at or above the chosen minimum severity, and lists them all', async () => {
    const { store } = renderWithPrefs();
    await openPrefs();
    fireEvent.change(document.querySelector('[data-pref="toastMin"]')!, {
      target: { value: 'warning' },
    });
    raise(
      store,
      { ...at(1), id: 'i1', severity: 'info' },
      { ...at(2), id: 'w1', severity: 'warning' },
      { ...at(3), id: 'c1', severity: 'critical' },
    );
    await advance(50);
    expect(toasted()).toEqual(['c1', 'w1']);
    expect(document.querySelector('[data-alert-id="i1"]')).not.toBeNull();
  });

  it('mutes non-critical toasts for a quiet period, shows its end time, and ends it by itself', async () => {
    const { store, operator } = renderWithPrefs();
    await openPrefs();
    fireEvent.click(screen.getByRole('button', { name: '30 min' }));
    const note = screen.getByTestId('quiet-period');
    expect(note).toHaveTextContent(`Quiet until ${formatClock(T0 + 30 * 60_000, 'en')}`);

    raise(
      store,
      { ...at(1), id: 'w1', severity: 'warning' },
      { ...at(2), id: 'c1', severity: 'critical' },
    );
    await advance(50);
    expect(toasted()).toEqual(['c1']);

    await advance(30 * 60_000);
    expect(screen.queryByTestId('quiet-period')).toBeNull();
    expect(operator.getState().notify.quietUntil).toBeNull();
    raise(store, { ...at(3), id: 'w2', severity: 'warning' });
    await advance(50);
    expect(toasted()).toEqual(['c1', 'w2']);
  });

  it('ends a quiet period from the toolbar at once', async () => {
    const { operator } = renderWithPrefs();
    act(() => operator.getState().startQuiet(60));
    fireEvent.click(screen.getByRole('button', { name: 'End quiet period' }));
    expect(screen.queryByTestId('quiet-period')).toBeNull();
    expect(operator.getState().notify.quietUntil).toBeNull();
  });

  it('asks the browser for permission only when the operator asks, never on load or on opening', async () => {
    const { ports, operator } = renderWithPrefs();
    await openPrefs();
    expect(ports.requestPermission).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Allow notifications' }));
    await advance(10);
    expect(ports.requestPermission).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-permission]')).toHaveAttribute(
      'data-permission',
      'granted',
    );
    fireEvent.click(document.querySelector('[data-pref="system"]')!);
    expect(operator.getState().notify.system).toBe(true);
  });

  it('unlocks the sound from the click that turns it on', async () => {
    const { ports, operator } = renderWithPrefs();
    await openPrefs();
    fireEvent.click(document.querySelector('[data-pref="sound"]')!);
    expect(ports.sound.unlock).toHaveBeenCalled();
    expect(operator.getState().notify.sound).toBe(true);
  });

  it('lets a stored "sound on" play from the operator’s first gesture after a reload, once', async () => {
    const { ports, operator } = renderWithPrefs();
    fireEvent.pointerDown(document.body);
    expect(ports.sound.unlock).not.toHaveBeenCalled();
    act(() => operator.getState().setNotify({ sound: true }));
    fireEvent.keyDown(document.body, { key: 'a' });
    fireEvent.pointerDown(document.body);
    expect(ports.sound.unlock).toHaveBeenCalledTimes(1);
  });

  it('is in Korean for a Korean operator', async () => {
    const { operator } = renderWithPrefs();
    act(() => operator.getState().setPrefs({ locale: 'ko' }));
    expect(document.querySelector('[data-action="preferences"]')).toHaveTextContent('알림');
    const details = screen.getByTestId('preferences') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await advance(10);
    expect(screen.getByRole('group', { name: '알림 설정' })).toHaveTextContent('방해 금지');
  });
});

describe('notifications on the dashboard', () => {
  it('notifies a critical alert while the tab is hidden, counts it in the title, and its click focuses its row', async () => {
    const fake = fakeNotifyPorts({ permission: 'granted', attended: false, title: 'Pulseboard' });
    const { store, operator, shown, state } = renderWithPrefs(fake);
    act(() => operator.getState().setNotify({ system: true }));
    raise(store, { ...at(1), id: 'c1', severity: 'critical', title: 'Freezer warm' });
    await advance(50);
    expect(shown.map((n) => n.title)).toEqual(['Critical: Freezer warm']);
    expect(state.title).toBe('(1) Pulseboard');

    act(() => shown[0]!.onClick());
    const row = document.querySelector('[data-alert-id="c1"]');
    expect(document.activeElement).toBe(row);
  });

  it('clears the alert list’s filters when the clicked alert is hidden by them', async () => {
    const fake = fakeNotifyPorts({ permission: 'granted' });
    const { store, operator, shown } = renderWithPrefs(fake);
    act(() => {
      operator.getState().setNotify({ system: true });
      operator.getState().setPrefs({ severity: 'info' });
    });
    raise(store, { ...at(1), id: 'c1', severity: 'critical' });
    await advance(50);
    expect(document.querySelector('[data-alert-id="c1"]')).toBeNull();
    act(() => shown[0]!.onClick());
    await advance(50);
    expect(operator.getState().prefs.severity).toBe('all');
    expect(document.activeElement).toBe(document.querySelector('[data-alert-id="c1"]'));
  });
});
