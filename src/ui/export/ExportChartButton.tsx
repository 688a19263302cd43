import { useState } from 'react';
import { useEnvironment } from '../shared/environment';
import { useOperatorStore } from '../shared/operator-context';
import { useDashboardStore } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';
import { EXPORT_MESSAGES } from './export-messages';
import '../shared/controls.css';

/**
 * Downloads the chart's current window (the operator's chart window, ending at the newest sample)
 * as CSV. Reads the store only when clicked, so an idle button costs nothing per redraw; the CSV
 * writer (papaparse) loads on the first click, not with the page.
 */
export function ExportChartButton({ name, label }: { name: string; label: string }) {
  const store = useDashboardStore();
  const operator = useOperatorStore();
  const { now } = useEnvironment();
  const { locale } = useI18n();
  const text = EXPORT_MESSAGES[locale];
  const [failed, setFailed] = useState(false);

  const exportWindow = async () => {
    try {
      const [{ chartWindowCsv }, { downloadCsv, exportFileName }] = await Promise.all([
        import('./chart-csv'),
        import('./download'),
      ]);
      const windowMs = operator.getState().prefs.windowMinutes * 60_000;
      downloadCsv(
        exportFileName(name, now()),
        chartWindowCsv(store.getState().series.get(name), windowMs),
      );
      setFailed(false);
    } catch {
      // The chunk did not load (offline, a new deployment): say so where the operator clicked.
      setFailed(true);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button--small button--quiet panel__export"
        data-action="export-chart"
        aria-label={text.chartLabel(label)}
        title={text.chartLabel(label)}
        onClick={() => void exportWindow()}
      >
        <span aria-hidden="true">⤓</span> {text.chartButton}
      </button>
      {failed && (
        <span className="panel__export-failed" role="status">
          {text.failed}
        </span>
      )}
    </>
  );
}
