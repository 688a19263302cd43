import { useEffect, useMemo, useRef } from 'react';
import type { Alert, RealtimeEvent } from '../../../realtime';
import { applyEvents, type DashboardState } from '../../../store';
import { formatAxisNumber, formatClock, formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/use-i18n';
import { useEnvironment } from '../../shared/environment';
import { resolveMetric } from '../../shared/metric-catalog';
import { useOperatorStore } from '../../shared/operator-context';
import { useDashboard, useDashboardStore } from '../../shared/store-context';
import type { NewRun } from './run-watch';
import type { SpcInfo } from './control-window';
import { spcOf } from './spc-info';
import { useSpcEngine } from './use-spc-engine';

/** Ids of the alerts raised here: a server's ids are opaque, so a prefix it is unlikely to use. */
export const SPC_ALERT_PREFIX = 'local:spc:';
/** Open rule alerts kept per metric; a newer run resolves the oldest (the panel still counts all). */
export const MAX_OPEN_SPC_ALERTS_PER_METRIC = 3;

export const spcAlertId = (run: NewRun) =>
  `${SPC_ALERT_PREFIX}${run.name}:${run.rule}:${run.side}:${run.ts}`;

/**
 * Turns every new Western Electric violation run of a metric with `spc` into a warning alert in
 * the store, once per run, so it reaches the operator exactly as a server's alert does: the same
 * toasts and storm control, the alert list, the announcer. Watches the store, not the panels:
 * a run on a panel scrolled out of view (whose chart does not redraw) still raises its alert.
 */
export function useSpcAlerts(): void {
  const store = useDashboardStore();
  const { catalog: defaults, now } = useEnvironment();
  const { locale } = useI18n();
  // The text is written when the alert is raised; a later change of language does not rewrite it.
  const localeRef = useRef(locale);
  useEffect(() => {
    localeRef.current = locale;
  }, [locale]);

  // No server knows these alerts, so none will confirm an operator's ack: the dashboard does,
  // or the alert would read "acknowledged, pending" for ever.
  const operator = useOperatorStore();
  useEffect(() => {
    const confirm = () => {
      const { acknowledged } = operator.getState();
      const { alerts } = store.getState();
      const events: RealtimeEvent[] = [];
      for (const id of Object.keys(acknowledged)) {
        if (!id.startsWith(SPC_ALERT_PREFIX) || alerts.get(id)?.status !== 'open') continue;
        events.push({
          type: 'message',
          message: { type: 'alert_update', seq: 0, id, status: 'acknowledged' },
        });
      }
      if (events.length > 0) applyEvents(store, events, null, { now });
    };
    return operator.subscribe((state, previous) => {
      if (state.acknowledged !== previous.acknowledged) queueMicrotask(confirm);
    });
  }, [store, operator, now]);

  // The SPC chunk loads once the backend describes a metric with `spc`, not before.
  const catalogue = useDashboard((s) => s.catalog);
  const needed = useMemo(
    () => [...catalogue.metrics.values()].some((info) => spcOf(info) !== null),
    [catalogue],
  );
  const engine = useSpcEngine(needed);

  useEffect(() => {
    if (!engine) return;
    const { SpcRunWatch, SPC_MESSAGES } = engine;
    const watch = new SpcRunWatch();
    const versions = new Map<string, number>();
    const open = new Map<string, string[]>();
    let scheduled = false;
    let catalog: DashboardState['catalog'] | null = null;

    const raise = (runs: readonly NewRun[]) => {
      const text = SPC_MESSAGES[localeRef.current];
      const events = [];
      for (const run of runs) {
        const locale = localeRef.current;
        const info = store.getState().catalog.metrics.get(run.name);
        const view = resolveMetric(defaults, run.name, info, locale);
        const value =
          view.decimals === undefined
            ? formatAxisNumber(run.value, locale)
            : formatNumber(run.value, locale, view.decimals);
        const alert: Alert = {
          id: spcAlertId(run),
          severity: 'warning',
          title: text.toastTitle(view.label),
          message: text.toastMessage(
            run.rule,
            run.side,
            `${value}${view.unit ? ` ${view.unit}` : ''}`,
            formatClock(run.ts, locale),
          ),
          source: run.name,
          ts: run.ts,
          status: 'open',
        };
        events.push({
          type: 'message' as const,
          message: { type: 'alert' as const, seq: 0, alert },
        });
        const ids = open.get(run.name) ?? [];
        ids.push(alert.id);
        while (ids.length > MAX_OPEN_SPC_ALERTS_PER_METRIC) {
          const id = ids.shift()!;
          events.push({
            type: 'message' as const,
            message: { type: 'alert_update' as const, seq: 0, id, status: 'resolved' as const },
          });
        }
        open.set(run.name, ids);
      }
      if (events.length > 0) applyEvents(store, events, null, { now });
    };

    /** The metrics the catalogue gives a usable `spc`, worked out once per catalogue. */
    let watched = new Map<string, SpcInfo>();

    const check = () => {
      scheduled = false;
      const state: DashboardState = store.getState();
      // A new catalogue may have taken `spc` away: forget what only it described.
      if (state.catalog !== catalog) {
        catalog = state.catalog;
        watched = new Map();
        for (const [name, info] of catalog.metrics) {
          const spc = spcOf(info);
          if (spc) watched.set(name, spc);
        }
        const keep = (name: string) => watched.has(name);
        watch.keepOnly(keep);
        for (const name of versions.keys()) if (!keep(name)) versions.delete(name);
        for (const name of open.keys()) if (!keep(name)) open.delete(name);
      }
      const found: NewRun[] = [];
      for (const [name, spc] of watched) {
        const entry = state.series.get(name);
        if (!entry || versions.get(name) === entry.version) continue;
        versions.set(name, entry.version);
        found.push(...watch.look(name, entry.buffer, spc));
      }
      raise(found);
    };

    check();
    return store.subscribe((state, previous) => {
      if (state.series === previous.series && state.catalog === previous.catalog) return;
      // Not inside another listener's commit: the alerts are a commit of their own, right after.
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(check);
    });
  }, [store, defaults, now, engine]);
}
