import {
  lazy,
  memo,
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useStore } from 'zustand';
import { arrange, type MoveTo } from '../../store/layout';
import { createLayoutStore, type LayoutStore } from '../../store/layout-store';
import { LayoutBar } from '../layout/LayoutBar';
import { PanelArrange } from '../layout/PanelArrange';
import { PanelGridContext, type PanelGridActions } from '../layout/layout-context';
import { LAYOUT_MESSAGES } from '../layout/layout-messages';
import { useMetricLabels } from '../layout/use-metric-labels';
import '../layout/layout.css';
import { GroupedPanels } from '../topics/GroupedPanels';
import { groupPanels } from '../topics/panel-groups';
import { useSubscribedTopics } from '../topics/topic-choice-context';
import { PANEL_STEPS, usePanelsInSteps } from '../metrics/use-panels-in-steps';
import { useEnvironment } from '../shared/environment';
import { useMountQueue } from '../shared/redraw-context';
import { useDashboard } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';
import { LOAD_MESSAGES } from '../metrics/load-messages';
import { ChunkBoundary } from '../shared/ChunkBoundary';
import { NearViewContext, nearViewWatcherFor, useNearView } from '../shared/near-view';

/**
 * The panels load with the first data, not with the first paint: nothing draws a panel before a
 * metric arrives, and they are a good part of the first load (main.tsx fetches this chunk while
 * the realtime client loads).
 */
export const loadMetricPanel = () => import('../metrics/MetricPanel');
const MetricPanel = lazy(() =>
  loadMetricPanel().then((module) => ({ default: module.MetricPanel })),
);

/**
 * The metric panels in the operator's order, hidden ones left out (not mounted: a hidden metric
 * costs no chart and no redraws), with the layout controls above them and in each panel. Each
 * change is announced to screen readers, and focus stays on the control used (or moves to the
 * hidden list when the control itself went away). Without a `store` (component tests) the
 * layout lives in memory.
 */
export function PanelGrid({ store: given }: { store?: LayoutStore | undefined }) {
  const [own] = useState(() => (given ? null : createLayoutStore()));
  const store = given ?? own;
  if (!store) throw new Error('unreachable: a layout store is given or created');
  const layout = useStore(store, (s) => s.layout);
  const names = useDashboard((s) => s.seriesNames);
  const env = useEnvironment();
  const { t, locale } = useI18n();
  const labelOf = useMetricLabels();
  const metrics = useDashboard((s) => s.catalog.metrics);
  const topics = useDashboard((s) => s.catalog.topics);
  const subscribed = useSubscribedTopics();
  // The panels a move is among: its group on screen (all shown ones when nothing is grouped).
  const scopeOf = useCallback(
    (name: string, visible: readonly string[]): readonly string[] =>
      groupPanels(visible, metrics, topics, subscribed, locale).find((group) =>
        group.names.includes(name),
      )?.names ?? visible,
    [metrics, topics, subscribed, locale],
  );
  const arrangement = useMemo(() => arrange(names, layout), [names, layout]);
  // The grid's steps take their turn with the charts' mounts, one of either a frame: a frame that
  // added panels and mounted a chart too was the page's longest wait in a flood of new names.
  const mounts = useMountQueue();
  const shown = usePanelsInSteps(arrangement.visible, mounts.request);
  // The first panels mount in full wherever they are: a real dashboard has tens of metrics, all
  // of them full panels as ever. Beyond (a backend inventing names brings up to a thousand), a
  // panel is a placeholder until it comes near the viewport: the page pays for what can be seen,
  // not for what the backend sent.
  const eager = useMemo(() => new Set(shown.slice(0, PANEL_STEPS.eager)), [shown]);
  const [nearView] = useState(() => nearViewWatcherFor(env));
  useEffect(() => () => nearView.disconnect(), [nearView]);
  const [announcement, setAnnouncement] = useState('');
  const hiddenSummary = useRef<HTMLElement | null>(null);
  const pendingFocus = useRef<HTMLElement | null>(null);

  // The actions read the latest values through a ref, so they stay the same functions.
  const latest = useRef({ names, store, labelOf, locale, scopeOf });
  useLayoutEffect(() => {
    latest.current = { names, store, labelOf, locale, scopeOf };
  });

  useLayoutEffect(() => {
    const element = pendingFocus.current;
    pendingFocus.current = null;
    // Moving a panel moves its DOM node, and a browser drops focus from a node it moves.
    if (element?.isConnected && element !== element.ownerDocument.activeElement) element.focus();
  });

  const actions = useMemo<PanelGridActions>(() => {
    const messages = () => LAYOUT_MESSAGES[latest.current.locale];
    return {
      move(name: string, to: MoveTo, from: HTMLElement) {
        const { store: current, names: all, labelOf: label, scopeOf: among } = latest.current;
        const before = current.getState().layout;
        current.getState().move(name, all, to, among(name, arrange(all, before).visible));
        const after = current.getState().layout;
        const scope = among(name, arrange(all, after).visible);
        const say = after === before ? messages().alreadyThere : messages().moved;
        setAnnouncement(say(label(name), scope.indexOf(name) + 1, scope.length));
        if (after !== before) pendingFocus.current = from;
      },
      hide(name: string) {
        const { store: current, names: all, labelOf: label } = latest.current;
        current.getState().hide(name, all);
        setAnnouncement(messages().hidden(label(name)));
        pendingFocus.current = hiddenSummary.current;
      },
    };
  }, []);

  const show = useCallback((name: string) => {
    const { store: current, labelOf: label, locale: now } = latest.current;
    current.getState().show(name);
    setAnnouncement(LAYOUT_MESSAGES[now].shown(label(name)));
    pendingFocus.current = hiddenSummary.current;
  }, []);
  const reset = useCallback(() => {
    latest.current.store.getState().reset();
    setAnnouncement(LAYOUT_MESSAGES[latest.current.locale].layoutReset);
  }, []);

  return (
    <section className="metrics" aria-label={t.metrics}>
      <LayoutBar
        store={store}
        hidden={arrangement.hidden}
        announcement={announcement}
        summaryRef={hiddenSummary}
        onShow={show}
        onReset={reset}
      />
      <PanelGridContext.Provider value={actions}>
        <NearViewContext.Provider value={nearView}>
          <GroupedPanels
            names={shown}
            render={(name) => (
              <ArrangedPanel key={name} name={name} label={labelOf(name)} eager={eager.has(name)} />
            )}
          />
        </NearViewContext.Provider>
      </PanelGridContext.Provider>
    </section>
  );
}

/**
 * A panel with its layout controls, rendered again only when its props change: the grid
 * re-renders at every step of a flood of new metrics, and re-rendering every panel already
 * shown made mounting a thousand of them quadratic. A panel follows its own data by itself.
 * Not `eager`, it is a placeholder (name and place only) until it first comes near the view.
 */
const ArrangedPanel = memo(function ArrangedPanel({
  name,
  label,
  eager,
}: {
  name: string;
  label: string;
  eager: boolean;
}) {
  const placeholder = useRef<HTMLElement | null>(null);
  const near = useNearView(placeholder, eager);
  if (!near)
    return (
      <section
        ref={placeholder}
        className="panel-pending"
        data-metric={name}
        aria-label={label}
        aria-busy="true"
      >
        <h2 className="panel__title">{label}</h2>
      </section>
    );
  return (
    <ChunkBoundary fallback={<PanelFailed />}>
      <Suspense fallback={<div className="panel panel--loading" aria-busy="true" />}>
        <MetricPanel name={name} controls={<PanelArrange name={name} />} />
      </Suspense>
    </ChunkBoundary>
  );
});

/**
 * What a panel shows when its code failed to load. Its own component, so that only a failed
 * panel reads the locale: a thousand placeholders each subscribing to the operator's
 * preferences cost a flood of new names 25 ms of script for nothing.
 */
function PanelFailed() {
  const { locale } = useI18n();
  return <div className="panel">{LOAD_MESSAGES[locale].panelFailed}</div>;
}
