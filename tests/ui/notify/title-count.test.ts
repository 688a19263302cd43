import { describe, expect, it } from 'vitest';
import type { Alert, RealtimeEvent } from '../../../src/realtime';
import { applyEvents, createDashboardStore, createOperatorStore } from '../../../src/store';
import { watchTitleCount } from '../../../src/ui/notify/title-count';
import { fakeNotifyPorts } from '../../support/fake-notify';
import { alertEvent, alertFixture } from '../../support/fixtures';

describe('the tab title', () => {
  it('counts unacknowledged critical alerts: "(2) Pulseboard", plain again when none wait', () => {
    const store = createDashboardStore();
    const operator = createOperatorStore();
    const { ports, state } = fakeNotifyPorts({ title: 'Pulseboard' });
    const stop = watchTitleCount(store, operator, ports);
    const raise = (...alerts: Alert[]) => applyEvents(store, alerts.map(alertEvent), null);
    expect(state.title).toBe('Pulseboard');

    raise(
      alertFixture({ id: 'c1', severity: 'critical' }),
      alertFixture({ id: 'c2', severity: 'critical' }),
      alertFixture({ id: 'w1', severity: 'warning' }),
    );
    expect(state.title).toBe('(2) Pulseboard');

    operator.getState().acknowledge('c1', 1_800_000_000_000);
    expect(state.title).toBe('(1) Pulseboard');

    const resolved: RealtimeEvent = {
      type: 'message',
      message: { type: 'alert_update', seq: 1, id: 'c2', status: 'resolved' },
    };
    applyEvents(store, [resolved], null);
    expect(state.title).toBe('Pulseboard');

    raise(alertFixture({ id: 'c3', severity: 'critical' }));
    expect(state.title).toBe('(1) Pulseboard');
    stop();
    expect(state.title).toBe('Pulseboard');
  });

  it('does not stack counts on a title that already has one', () => {
    const { ports, state } = fakeNotifyPorts({ title: '(3) Pulseboard' });
    watchTitleCount(createDashboardStore(), createOperatorStore(), ports);
    expect(state.title).toBe('Pulseboard');
  });
});
