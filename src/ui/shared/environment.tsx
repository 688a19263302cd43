import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_CATALOG, type MetricCatalog } from './metric-catalog';
import { animationFrames, type FrameSource } from '../../store';
import type { Severity } from '../../realtime';
import { browserNotifyPorts, type NotifyPorts } from '../../app/notifications';
import { hasRelevanceEvents } from './near-view';

/**
 * What the dashboard takes from the outside world, injected so tests are deterministic: the
 * clock, frames, whether IntersectionObserver and relevance events exist, the browser's
 * languages, and configuration that a deployment may change (metric catalogue, toast pacing).
 */
export type UiEnvironment = {
  now: () => number;
  frames: FrameSource;
  /** `null`: no IntersectionObserver, every chart counts as on screen. */
  IntersectionObserver: typeof IntersectionObserver | null;
  /**
   * Whether the browser tells an element styled `content-visibility: auto` when it comes near the
   * view (src/ui/shared/near-view.ts); where it does, placeholders need no IntersectionObserver.
   */
  relevanceEvents: boolean;
  languages: readonly string[];
  catalog: MetricCatalog;
  /**
   * Shortest time between two redraws of one chart. 200 ms (5 a second) keeps the newest sample
   * on screen within a quarter of a second; a redraw costs a few ms, six charts fit easily.
   */
  chartIntervalMs: number;
  /** Alert toasts on screen at once; the rest are counted in one summary toast. */
  toastLimit: number;
  /** How long a toast stays; `Infinity` means until acknowledged. */
  toastDurations: Readonly<Record<Severity, number>>;
  /** System notifications, page attention, tab title and sound; absent: none of them. */
  notify?: NotifyPorts;
};

/** The languages the browser asks for, best first; none outside a browser. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function defaultEnvironment(overrides: Partial<UiEnvironment> = {}): UiEnvironment {
  return {
    now: () => Date.now(),
    frames: animationFrames,
    IntersectionObserver:
      typeof globalThis.IntersectionObserver === 'function'
        ? globalThis.IntersectionObserver
        : null,
    relevanceEvents: hasRelevanceEvents(),
    languages: browserLanguages(),
    catalog: DEFAULT_CATALOG,
    chartIntervalMs: 200,
    toastLimit: 4,
    toastDurations: { info: 6_000, warning: 15_000, critical: Number.POSITIVE_INFINITY },
    notify: browserNotifyPorts(),
    ...overrides,
  };
}

const EnvironmentContext = createContext<UiEnvironment | null>(null);

export function EnvironmentProvider({
  environment,
  children,
}: {
  environment: UiEnvironment;
  children: ReactNode;
}) {
  return <EnvironmentContext.Provider value={environment}>{children}</EnvironmentContext.Provider>;
}

export function useEnvironment(): UiEnvironment {
  const environment = useContext(EnvironmentContext);
  if (!environment) throw new Error('Expected an <EnvironmentProvider> above this component');
  return environment;
}
