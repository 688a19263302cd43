import { useEffect, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { LayoutStore } from '../../store/layout-store';
import { useI18n } from '../i18n/use-i18n';
import { LAYOUT_MESSAGES } from './layout-messages';
import { useMetricLabels } from './use-metric-labels';
import '../shared/controls.css';

/**
 * Above the panels: the hidden panels (with their count) to show again, and a reset to the
 * server's order with nothing hidden. Also the polite live region that reads out each change.
 */
export function LayoutBar({
  store,
  hidden,
  announcement,
  summaryRef,
  onShow,
  onReset,
}: {
  store: LayoutStore;
  hidden: readonly string[];
  announcement: string;
  summaryRef: RefObject<HTMLElement | null>;
  onShow: (name: string) => void;
  onReset: () => void;
}) {
  const { locale } = useI18n();
  const labelOf = useMetricLabels();
  const failures = useStore(store, (s) => s.storageFailures);
  const m = LAYOUT_MESSAGES[locale];
  useClosePopoversOnOutsidePress();
  return (
    <div className="layout-bar" role="group" aria-label={m.layoutControls}>
      <details className="layout-hidden" data-count={hidden.length}>
        <summary ref={summaryRef} className="layout-hidden__summary" data-action="hidden-panels">
          {m.hiddenPanels(hidden.length)}
        </summary>
        <div className="layout-hidden__list">
          {hidden.length === 0 ? (
            <p className="layout-hidden__empty">{m.noHiddenPanels}</p>
          ) : (
            <ul>
              {hidden.map((name) => {
                const label = labelOf(name);
                return (
                  <li key={name} className="layout-hidden__item">
                    <span className="layout-hidden__name">{label}</span>
                    <button
                      type="button"
                      className="button button--small"
                      data-action="show-panel"
                      data-panel={name}
                      aria-label={m.showPanel(label)}
                      onClick={() => onShow(name)}
                    >
                      {m.show}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </details>
      <button
        type="button"
        className="button button--small button--quiet"
        data-action="reset-layout"
        onClick={onReset}
      >
        {m.resetLayout}
      </button>
      {failures > 0 && (
        <p className="layout-bar__problem" data-testid="layout-storage-problem">
          {m.storageFailed(failures)}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite" data-testid="layout-announcement">
        {announcement}
      </p>
    </div>
  );
}

/** The layout's popovers: the hidden list and every panel's move menu. */
const POPOVERS = 'details.layout-hidden[open], details.panel-arrange__menu[open]';

/**
 * A press outside an open layout popover closes it, as a menu would (Escape already does, see
 * useEscapeClosesDetails). One listener for the whole grid, however many panels it has.
 */
function useClosePopoversOnOutsidePress(): void {
  useEffect(() => {
    const doc = globalThis.document;
    const onPointerDown = (event: Event) => {
      const target = event.target instanceof Node ? event.target : null;
      for (const open of doc.querySelectorAll<HTMLDetailsElement>(POPOVERS)) {
        if (!target || !open.contains(target)) open.open = false;
      }
    };
    doc.addEventListener('pointerdown', onPointerDown);
    return () => doc.removeEventListener('pointerdown', onPointerDown);
  }, []);
}
