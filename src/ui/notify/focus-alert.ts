import type { OperatorStore } from '../../store';

/** The alerts panel's id (src/ui/alerts owns it; features do not import each other). */
const ALERTS_PANEL_ID = 'alerts-panel';

/**
 * Brings the operator to an alert after a click on its notification: its row scrolled into
 * view and focused. A row hidden by the list's filters is shown by clearing them first (the
 * operator asked for this alert); without a row, the alerts panel gets focus.
 */
export function focusAlert(
  alertId: string | null,
  operator: OperatorStore,
  doc: Document = globalThis.document,
  later: (run: () => void) => void = (run) => requestAnimationFrame(() => run()),
): void {
  const rowOf = () =>
    alertId === null
      ? null
      : ([...doc.querySelectorAll<HTMLElement>('[data-alert-id]')].find(
          // Compared as text, never put into a selector: ids are opaque, any character goes.
          (el) => el.dataset.alertId === alertId,
        ) ?? null);
  const land = () => {
    const row = rowOf();
    const target = row ?? doc.getElementById(ALERTS_PANEL_ID);
    if (!target) return;
    // A list item is not focusable by itself; -1 keeps it out of the Tab order.
    if (row && !row.hasAttribute('tabindex')) row.tabIndex = -1;
    target.scrollIntoView?.({ block: 'center' });
    target.focus();
  };
  if (alertId !== null && !rowOf()) {
    const { prefs, setPrefs } = operator.getState();
    if (prefs.severity !== 'all' || prefs.status !== 'all') {
      setPrefs({ severity: 'all', status: 'all' });
      later(land);
      return;
    }
  }
  land();
}
