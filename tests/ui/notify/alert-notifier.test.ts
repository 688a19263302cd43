import { describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../src/realtime';
import {
  applyEvents,
  createDashboardStore,
  createOperatorStore,
  type DashboardStore,
  type OperatorStore,
} from '../../../src/store';
import { operatorKey, prefsKey } from '../../../src/store/operator-persistence';
import { watchAlertsForNotices } from '../../../src/ui/notify/alert-notifier';
import { fakeNotifyPorts } from '../../support/fake-notify';
import { alertEvent, alertFixture } from '../../support/fixtures';
import { memoryStorage } from '../../support/memory-storage';

const critical = (id: string, extra: Partial<Alert> = {}) =>
  alertFixture({ id, severity: 'critical', title: `Freezer ${id} warm`, ...extra });

function setup(
  options: {
    operator?: OperatorStore;
    store?: DashboardStore;
    fake?: ReturnType<typeof fakeNotifyPorts>;
    burstLimit?: number;
  } = {},
) {
  const store = options.store ?? createDashboardStore();
  const operator = options.operator ?? createOperatorStore();
  operator.getState().setNotify({ system: true });
  const fake = options.fake ?? fakeNotifyPorts();
  const onOpen = vi.fn();
  const stop = watchAlertsForNotices({
    store,
    operator,
    ports: fake.ports,
    now: () => 5_000,
    text: () => ({
      title: (alert) => `${alert.severity}: ${alert.title}`,
      more: (count) => ({ title: `+${count} more`, body: 'Open Pulseboard' }),
    }),
    onOpen,
    ...(options.burstLimit ? { burstLimit: options.burstLimit } : {}),
  });
  const raise = (...alerts: Alert[]) => applyEvents(store, alerts.map(alertEvent), null);
  return { store, operator, ...fake, onOpen, stop, raise };
}

describe('system notifications for alerts', () => {
  it('raises one notification for a critical alert while the page is not looked at, and its click opens that alert', () => {
    const { raise, shown, onOpen, operator } = setup();
    raise(critical('c1', { message: 'Freezer 3 at -2 °C' }));
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: 'critical: Freezer c1 warm',
      body: 'Freezer 3 at -2 °C',
      tag: 'pulseboard-alert:c1',
    });
    shown[0]!.onClick();
    expect(onOpen).toHaveBeenCalledWith('c1');
    expect(operator.getState().notified).toEqual({ c1: 5_000 });
  });

  it('raises no second notification for a re-sent alert, nor after a reload (replayed snapshot)', () => {
    const storage = memoryStorage();
    const keys = { storage, key: operatorKey('http://a'), prefsKey: prefsKey('http://a') };
    const first = setup({ operator: createOperatorStore(keys) });
    first.raise(critical('c1'));
    first.raise(critical('c1', { message: 're-sent' }));
    expect(first.shown).toHaveLength(1);
    first.stop();

    // A reload: new stores over the same storage, the snapshot brings c1 again.
    const second = setup({ operator: createOperatorStore(keys) });
    second.raise(critical('c1'), critical('c2'));
    expect(second.shown.map((n) => n.tag)).toEqual(['pulseboard-alert:c2']);
  });

  it('raises none while the page is visible and focused, nor for that alert once the operator is away', () => {
    const storage = memoryStorage();
    const keys = { storage, key: operatorKey('http://a'), prefsKey: prefsKey('http://a') };
    const fake = fakeNotifyPorts({ attended: true });
    const first = setup({ fake, operator: createOperatorStore(keys) });
    first.raise(critical('c1'));
    expect(first.shown).toHaveLength(0);
    first.stop();

    // A reload while away: the snapshot brings c1 back; the operator saw it arrive.
    fake.state.attended = false;
    const second = setup({ fake, operator: createOperatorStore(keys) });
    second.raise(critical('c1'), critical('c2'));
    expect(second.shown.map((n) => n.tag)).toEqual(['pulseboard-alert:c2']);
  });

  it('raises none below the operator’s threshold, and does at a lowered one', () => {
    const { raise, shown, operator } = setup();
    raise(alertFixture({ id: 'w1', severity: 'warning' }));
    expect(shown).toHaveLength(0);
    operator.getState().setNotify({ notifyMin: 'warning' });
    raise(
      alertFixture({ id: 'w2', severity: 'warning' }),
      alertFixture({ id: 'i1', severity: 'info' }),
    );
    expect(shown.map((n) => n.tag)).toEqual(['pulseboard-alert:w2']);
  });

  it('raises none when the operator turned them off or the browser did not allow them', () => {
    const off = setup();
    off.operator.getState().setNotify({ system: false });
    off.raise(critical('c1'));
    expect(off.ports.show).not.toHaveBeenCalled();

    const denied = setup({ fake: fakeNotifyPorts({ permission: 'denied' }) });
    denied.raise(critical('c2'));
    expect(denied.ports.show).not.toHaveBeenCalled();
    expect(denied.operator.getState().notified).toEqual({});
  });

  it('raises none for an alert already acknowledged or resolved when it arrives', () => {
    const { raise, shown, operator } = setup();
    operator.getState().acknowledge('c1', 1_800_000_000_000);
    raise(critical('c1'), critical('c2', { status: 'resolved' }));
    expect(shown).toHaveLength(0);
  });

  it('counts the rest of a burst in one notice, critical first', () => {
    const { raise, shown, onOpen, operator } = setup({ burstLimit: 2 });
    operator.getState().setNotify({ notifyMin: 'info' });
    raise(
      alertFixture({ id: 'i1', severity: 'info' }),
      critical('c1'),
      alertFixture({ id: 'w1', severity: 'warning' }),
      critical('c2'),
    );
    expect(shown.map((n) => n.tag)).toEqual([
      expect.stringMatching(/^pulseboard-alert:c/),
      expect.stringMatching(/^pulseboard-alert:c/),
      'pulseboard-alerts-more',
    ]);
    expect(shown[2]!.title).toBe('+2 more');
    shown[2]!.onClick();
    expect(onOpen).toHaveBeenCalledWith(null);
    expect(Object.keys(operator.getState().notified).sort()).toEqual(['c1', 'c2', 'i1', 'w1']);
  });

  it('keeps the text of a long alert short', () => {
    const { raise, shown } = setup();
    raise(critical('c1', { message: 'x'.repeat(5_000) }));
    expect(shown[0]!.body.length).toBe(200);
  });
});

describe('sound for critical alerts', () => {
  it('beeps once for a burst holding a critical alert when sound is on, never for others', () => {
    const { raise, ports, operator } = setup();
    raise(critical('c0'));
    expect(ports.sound.beep).not.toHaveBeenCalled();
    operator.getState().setNotify({ sound: true });
    raise(alertFixture({ id: 'w1', severity: 'warning' }));
    expect(ports.sound.beep).not.toHaveBeenCalled();
    raise(critical('c1'), critical('c2'));
    expect(ports.sound.beep).toHaveBeenCalledTimes(1);
    raise(critical('c1'));
    expect(ports.sound.beep).toHaveBeenCalledTimes(1);
  });
});
