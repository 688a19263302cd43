import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../src/realtime';
import { applyEvents, createOperatorStore, type DashboardStore } from '../../../src/store';
import { AlertAnnouncer, ANNOUNCE_QUIET_MS } from '../../../src/ui/alerts/AlertAnnouncer';
import { advance } from '../../support/dashboard';
import { alertEvent, alertFixture } from '../../support/fixtures';
import { renderDashboard } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

const raise = (store: DashboardStore, ...alerts: Alert[]) =>
  act(() => applyEvents(store, alerts.map(alertEvent), null));
const assertive = () => screen.getByTestId('announce-critical');
const polite = () => screen.getByTestId('announce-alerts');

describe('alert announcer', () => {
  it('announces one new critical alert assertively, by its title, once', async () => {
    const { store } = renderDashboard(<AlertAnnouncer />);
    expect(assertive()).toHaveAttribute('aria-live', 'assertive');
    raise(store, alertFixture({ id: 'c1', severity: 'critical', title: 'Door open in transit' }));
    await advance(ANNOUNCE_QUIET_MS);
    expect(assertive()).toHaveTextContent('New critical alert: Door open in transit');
    const node = assertive().firstElementChild;
    // The same alert sent again (a replay) is not news.
    raise(store, alertFixture({ id: 'c1', severity: 'critical', title: 'Door open in transit' }));
    await advance(ANNOUNCE_QUIET_MS * 5);
    expect(assertive().firstElementChild).toBe(node);
    expect(polite()).toBeEmptyDOMElement();
  });

  it('announces a storm of critical alerts once, as a count', async () => {
    const { store } = renderDashboard(<AlertAnnouncer />);
    for (let i = 0; i < 5; i++) {
      raise(store, alertFixture({ id: `s${i}`, severity: 'critical', ts: T0 + i }));
      await advance(50);
    }
    await advance(ANNOUNCE_QUIET_MS);
    expect(assertive()).toHaveTextContent(/^5 new critical alerts$/);
    expect(assertive().childElementCount).toBe(1);
  });

  it('announces warnings and info politely, never in the assertive region', async () => {
    const { store } = renderDashboard(<AlertAnnouncer />);
    raise(
      store,
      alertFixture({ id: 'w', severity: 'warning' }),
      alertFixture({ id: 'i', severity: 'info' }),
    );
    await advance(ANNOUNCE_QUIET_MS);
    expect(polite()).toHaveAttribute('aria-live', 'polite');
    expect(polite()).toHaveTextContent('2 new alerts');
    expect(assertive()).toBeEmptyDOMElement();
  });

  it('says the same words again when a second burst has the same size', async () => {
    const { store } = renderDashboard(<AlertAnnouncer />);
    raise(
      store,
      alertFixture({ id: 'a', severity: 'critical' }),
      alertFixture({ id: 'b', severity: 'critical' }),
    );
    await advance(ANNOUNCE_QUIET_MS);
    const first = assertive().firstElementChild;
    raise(
      store,
      alertFixture({ id: 'c', severity: 'critical' }),
      alertFixture({ id: 'd', severity: 'critical' }),
    );
    await advance(ANNOUNCE_QUIET_MS);
    // A new node, so a screen reader hears it: equal text in the same node would be silent.
    expect(assertive()).toHaveTextContent('2 new critical alerts');
    expect(assertive().firstElementChild).not.toBe(first);
  });

  it('does not announce an alert this operator already dismissed or acknowledged (a reload)', async () => {
    const operator = createOperatorStore();
    operator.getState().dismiss(['old'], T0);
    operator.getState().acknowledge('acked', T0);
    const { store } = renderDashboard(<AlertAnnouncer />, { operator });
    raise(
      store,
      alertFixture({ id: 'old', severity: 'critical' }),
      alertFixture({ id: 'acked', severity: 'critical' }),
      alertFixture({ id: 'closed', severity: 'critical', status: 'resolved' }),
    );
    await advance(ANNOUNCE_QUIET_MS * 5);
    expect(assertive()).toBeEmptyDOMElement();
  });
});
