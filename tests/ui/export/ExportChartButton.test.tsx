import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyEvents, createDashboardStore, createOperatorStore } from '../../../src/store';
import { ExportChartButton } from '../../../src/ui/export/ExportChartButton';
import { metricsEvent } from '../../support/fixtures';
import { renderDashboard } from '../../support/render';

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);

describe('ExportChartButton', () => {
  afterEach(() => vi.restoreAllMocks());

  it("downloads the points of the operator's chart window as CSV, named for the metric", async () => {
    const store = createDashboardStore();
    const samples = [-300_000, -90_000, -30_000, 0].map((offset, i) => ({
      name: 'cargo_temperature',
      ts: NOW + offset,
      value: i,
      unit: '°C',
    }));
    applyEvents(store, [metricsEvent(samples)], null, { now: () => NOW });
    const operator = createOperatorStore();
    operator.getState().setPrefs({ windowMinutes: 1 });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:chart';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    renderDashboard(<ExportChartButton name="cargo_temperature" label="Cargo temperature" />, {
      store,
      operator,
      environment: { now: () => NOW },
    });
    const button = screen.getByRole('button', {
      name: "CSV of Cargo temperature: export the chart's window",
    });
    expect(button.getAttribute('data-action')).toBe('export-chart');
    fireEvent.click(button);
    await waitFor(() => expect(names).toHaveLength(1), { timeout: 5_000 });
    expect(names[0]).toBe('pulseboard-cargo_temperature-2026-12-02T10-00-00Z.csv');
    const lines = (await blobs[0]!.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // One minute back from the newest sample: the last two points, not the older ones.
    expect(lines.map((line) => line.split(',')[3])).toEqual(['value', '2', '3']);
  });
});
