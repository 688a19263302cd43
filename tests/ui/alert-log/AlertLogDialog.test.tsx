import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents, createDashboardStore } from '../../../src/store';
import { createAlertLog } from '../../../src/store/alert-log';
import { alertLogFor } from '../../../src/store/alert-log-recorder';
import AlertLogDialog from '../../../src/ui/alert-log/AlertLogDialog';
import { AlertLogButton } from '../../../src/ui/alert-log/AlertLogButton';
import { alertEvent, alertFixture } from '../../support/fixtures';
import { renderDashboard } from '../../support/render';

const clock = { now: () => 1_700_000_100_000 };

function storeWithAlerts() {
  const store = createDashboardStore();
  applyEvents(
    store,
    [
      alertEvent(
        alertFixture({ id: 'c1', severity: 'critical', title: 'Reefer warm', source: 'dock-a' }),
      ),
      alertEvent(
        alertFixture({ id: 'w1', severity: 'warning', title: 'Gate slow', source: 'gate' }),
      ),
      alertEvent(
        alertFixture({ id: 'i1', severity: 'info', title: '=cmd|calc', source: 'dock-a' }),
      ),
    ],
    null,
    clock,
  );
  return store;
}

const shownIds = () =>
  [...document.querySelectorAll('[data-log-alert-id]')].map((row) =>
    row.getAttribute('data-log-alert-id'),
  );

async function openLog(store = storeWithAlerts()) {
  const view = renderDashboard(<AlertLogButton />, { store });
  fireEvent.click(screen.getByRole('button', { name: /Alert log/ }));
  const dialog = await screen.findByRole(
    'dialog',
    { name: 'Alert log of this session' },
    { timeout: 5_000 },
  );
  return { ...view, dialog };
}

describe('the alert log view', () => {
  // The view is a lazy chunk: load it once up front, so no test waits on the first transform.
  beforeAll(() => import('../../../src/ui/alert-log/AlertLogDialog'));
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
  });
  afterEach(() => vi.restoreAllMocks());

  it('opens from its button and lists every alert, newest first', async () => {
    const { dialog } = await openLog();
    expect(shownIds()).toEqual(['i1', 'w1', 'c1']);
    expect(within(dialog).getByRole('status').textContent).toBe('3 of 3 alerts');
    expect(screen.getByRole('button', { name: /Alert log/ }).getAttribute('aria-expanded')).toBe(
      'true',
    );
  });

  it('keeps alerts the store has let go', async () => {
    const store = storeWithAlerts();
    alertLogFor(store);
    const options = { ...clock, alertCapacity: 1 };
    applyEvents(store, [alertEvent(alertFixture({ id: 'n1', severity: 'info' }))], null, options);
    expect(store.getState().alertIds).toEqual(['n1']);
    await openLog(store);
    expect(shownIds()).toEqual(['n1', 'i1', 'w1', 'c1']);
  });

  it('narrows the list by search, severity, status and source', async () => {
    const { dialog } = await openLog();
    const search = within(dialog).getByRole('searchbox');
    fireEvent.change(search, { target: { value: 'reefer' } });
    expect(shownIds()).toEqual(['c1']);
    fireEvent.change(search, { target: { value: '' } });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Source' }), {
      target: { value: 'dock-a' },
    });
    expect(shownIds()).toEqual(['i1', 'c1']);
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Severity' }), {
      target: { value: 'critical' },
    });
    expect(shownIds()).toEqual(['c1']);
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Status' }), {
      target: { value: 'resolved' },
    });
    expect(shownIds()).toEqual([]);
    expect(within(dialog).getByText('No alerts match the search and filters.')).toBeTruthy();
  });

  it('exports what is shown as CSV, formula text neutralised', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { dialog } = await openLog();
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Source' }), {
      target: { value: 'dock-a' },
    });
    const exportButton = dialog.querySelector<HTMLButtonElement>('[data-action="export-alerts"]')!;
    expect(exportButton.getAttribute('aria-label')).toBe('Export CSV: the 2 shown alerts');
    fireEvent.click(exportButton);
    expect(click).toHaveBeenCalledTimes(1);
    const text = (await blobs[0]!.text()).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'id,severity,status,title,message,source,raised_utc,received_utc,history',
    );
    expect(lines.slice(1, 3).map((line) => line.split(',')[0])).toEqual(['i1', 'c1']);
    expect(lines[1]).toContain(`"'=cmd|calc"`);
  });

  it('closes with its Close button and gives focus back to the opener', async () => {
    const { dialog } = await openLog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    const opener = screen.getByRole('button', { name: /Alert log/ });
    expect(document.activeElement).toBe(opener);
    expect(opener.getAttribute('aria-expanded')).toBe('false');
  });

  it('says how many of the oldest alerts the full log dropped', () => {
    const log = createAlertLog(2);
    for (const id of ['a', 'b', 'c', 'd', 'e'])
      log.record({ ...alertFixture({ id }), receivedAt: 0, history: [{ status: 'open', at: 0 }] });
    renderDashboard(<AlertLogDialog log={log} onClose={() => {}} />);
    expect(shownIds()).toEqual(['e', 'd']);
    expect(screen.getByText('3 oldest alerts dropped: the log keeps the newest 2.')).toBeTruthy();
  });

  it('speaks Korean when the operator chose it', async () => {
    const store = storeWithAlerts();
    const view = renderDashboard(<AlertLogButton />, { store, environment: { languages: ['ko'] } });
    fireEvent.click(view.getByRole('button', { name: /알림 기록/ }));
    const dialog = await view.findByRole(
      'dialog',
      { name: '이번 세션의 알림 기록' },
      { timeout: 5_000 },
    );
    expect(within(dialog).getByRole('status').textContent).toBe('알림 3건 중 3건');
  });
});
