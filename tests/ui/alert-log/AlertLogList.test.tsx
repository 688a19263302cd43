import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertLogEntry } from '../../../src/store/alert-log';
import { AlertLogList, ROW_HEIGHT } from '../../../src/ui/alert-log/AlertLogList';
import { renderDashboard } from '../../support/render';

const VIEWPORT = 400;

const entries: AlertLogEntry[] = Array.from({ length: 10_000 }, (_, i) => ({
  id: `alert-${i}`,
  severity: i % 3 === 0 ? 'critical' : 'warning',
  title: `Alert number ${i}`,
  message: 'Something happened',
  source: 'dock-a',
  ts: 1_700_000_000_000 + i,
  receivedAt: 1_700_000_000_000 + i,
  status: 'open',
  history: [{ status: 'open', at: 1_700_000_000_000 + i }],
  order: 10_000 - i,
}));

const rows = () => [...document.querySelectorAll('[data-log-alert-id]')];

describe('AlertLogList', () => {
  // No layout in happy-dom: the scroller reports the size a browser would give it.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEWPORT);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  });
  afterEach(() => vi.restoreAllMocks());

  it('renders only a window of rows out of 10,000, each knowing its place', () => {
    renderDashboard(<AlertLogList entries={entries} label="Alert log" />);
    const shown = rows();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(30);
    expect(shown[0]!.getAttribute('data-log-alert-id')).toBe('alert-0');
    expect(shown[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(shown[0]!.getAttribute('aria-setsize')).toBe('10000');
    const list = document.querySelector<HTMLElement>('.alert-log__list')!;
    expect(list.style.height).toBe(`${10_000 * ROW_HEIGHT}px`);
  });

  it('shows the rows scrolled to, not the first ones', () => {
    renderDashboard(<AlertLogList entries={entries} label="Alert log" />);
    const scroller = screen.getByRole('region', { name: 'Alert log' });
    act(() => {
      scroller.scrollTop = 5_000 * ROW_HEIGHT;
      fireEvent.scroll(scroller);
    });
    const ids = rows().map((row) => row.getAttribute('data-log-alert-id'));
    expect(ids).toContain('alert-5000');
    expect(ids).not.toContain('alert-0');
    expect(ids.length).toBeLessThan(30);
  });

  it('shows the status history and server text as text', () => {
    const hostile: AlertLogEntry = {
      ...entries[0]!,
      title: '<img src=x onerror=alert(1)>',
      status: 'resolved',
      history: [
        { status: 'open', at: 1_700_000_000_000 },
        { status: 'acknowledged', at: 1_700_000_060_000, by: 'ana' },
        { status: 'resolved', at: 1_700_000_120_000 },
      ],
    };
    renderDashboard(<AlertLogList entries={[hostile]} label="Alert log" />);
    const row = rows()[0]!;
    expect(row.querySelector('img')).toBeNull();
    expect(row.textContent).toContain('<img src=x onerror=alert(1)>');
    const history = screen.getByRole('list', { name: 'Status history' });
    expect([...history.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      expect.stringContaining('Open'),
      expect.stringMatching(/Acknowledged · by ana$/),
      expect.stringContaining('Resolved'),
    ]);
  });
});
