/**
 * What the benchmark installs in every page before the page's own scripts run (Playwright's
 * `addInitScript`), so Pulseboard, the naive peer and the ceiling page are measured by the same
 * code. It only observes: React commits through the DevTools hook React itself calls, chart
 * redraws through a MutationObserver on the line's `d` attribute, frames through
 * requestAnimationFrame, long tasks through PerformanceObserver, and (when asked) message
 * arrival through a listener on each WebSocket.
 *
 * Everything here runs in the browser and is serialised by Playwright, so it must not close over
 * anything from this module.
 */
export type ProbeOptions = {
  /**
   * Parse every frame a second time to learn which chart each sample belongs to and when it was
   * sent, for message-to-screen delay. Costs about 1 us a message, so ingest phases turn it off.
   */
  trackMessages: boolean;
};

export type ProbeSummary = {
  durationMs: number;
  /** requestAnimationFrame deltas (ms). */
  frames: number[];
  /** Durations of long tasks (> 50 ms) that started in the window. */
  longTasks: number[];
  /** React commits (every root), from the DevTools hook. */
  reactCommits: number;
  /**
   * Renders per component name in the window (function and class components that did work in a
   * commit). Names are readable only in an unminified build (`BENCH_MINIFY=0`).
   */
  renders: Record<string, number>;
  /** Redraws of each chart's line (`path.recharts-line-curve` `d` changes), by metric. */
  redraws: Record<string, number>;
  /** For each animation frame in which at least one chart redrew: how many did. */
  chartsPerRedrawFrame: number[];
  /** Sample send time (server clock, same machine) to the first frame after its chart redrew. */
  delays: number[];
  /** Samples received in the window whose chart had not redrawn by its end; their age then. */
  undrawnAges: number[];
};

export type BenchProbe = {
  begin(): void;
  end(): ProbeSummary;
  /** Seq of the last data message the page has applied to what it shows. */
  appliedSeq(): number;
  /** `Date.now()` of every change of the connection badge to live. */
  liveAt: number[];
  /** Every badge status change, with its `Date.now()`. */
  statusLog: { status: string; at: number }[];
  /** Pulseboard's store commits (NaN elsewhere). */
  storeCommits(): number;
  /** Metric names whose panel intersects the viewport. */
  visibleMetrics(): string[];
  metrics(): string[];
};

export function installProbe(options: ProbeOptions): void {
  type AnyWindow = Window & Record<string, unknown>;
  const w = window as unknown as AnyWindow;
  let recording = false;
  let startedAt = 0;
  let frames: number[] = [];
  let longTasks: number[] = [];
  let reactCommits = 0;
  let renders: Record<string, number> = {};
  let redraws: Record<string, number> = {};
  let chartsPerRedrawFrame: number[] = [];
  let delays: number[] = [];
  const redrawnThisFrame = new Set<string>();
  // Samples received but not yet on screen, per metric (send timestamps).
  const pending = new Map<string, number[]>();
  // Samples whose chart redrew; they count as on screen at the next frame.
  let awaitingPaint: number[] = [];
  const liveAt: number[] = [];
  const statusLog: { status: string; at: number }[] = [];

  // React (production builds too) reports every commit to this hook when it finds it at load.
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
      if (!recording) return;
      reactCommits++;
      countRenders(root.current);
    },
  };

  // The fields of React's fiber this reads (stable across React 18 and 19).
  type Fiber = {
    tag: number;
    type: unknown;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    alternate: Fiber | null;
  };
  const PERFORMED_WORK = 1;
  // Function, class, forwardRef, memo and simple memo components.
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
  const nameOf = (type: unknown): string => {
    if (typeof type === 'function') return (type as { name?: string }).name || '(anonymous)';
    const inner = (type as { type?: unknown; render?: unknown } | null) ?? null;
    if (inner?.type) return nameOf(inner.type);
    if (inner?.render) return nameOf(inner.render);
    return '(unknown)';
  };
  // As React DevTools does: a subtree whose child list was not rebuilt did not render.
  const countRenders = (fiber: Fiber | null) => {
    for (let node = fiber; node; node = node.sibling) {
      const previous = node.alternate;
      if (COMPONENT_TAGS.has(node.tag) && previous && (node.flags & PERFORMED_WORK) !== 0) {
        const name = nameOf(node.type);
        renders[name] = (renders[name] ?? 0) + 1;
      }
      if (!previous || node.child !== previous.child) countRenders(node.child);
    }
  };

  const metricOf = (element: Element) =>
    element.closest('[data-metric]')?.getAttribute('data-metric') ?? null;

  new MutationObserver((records) => {
    const seen = new Set<string>();
    for (const record of records) {
      const target = record.target as Element;
      if (record.attributeName === 'data-status') {
        const status = target.getAttribute('data-status') ?? '';
        statusLog.push({ status, at: Date.now() });
        if (status === 'live') liveAt.push(Date.now());
        continue;
      }
      // A redraw either rewrites the line's `d` (recharts animating) or replaces the line's
      // layer with a new path (recharts 3 re-rendering): count both.
      let curve: Element | null = null;
      if (record.type === 'attributes') {
        if (target.classList?.contains('recharts-line-curve')) curve = target;
      } else {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          curve = node.classList.contains('recharts-line-curve')
            ? node
            : node.querySelector('.recharts-line-curve');
          if (curve) break;
        }
      }
      if (!curve) continue;
      const metric = metricOf(curve);
      if (metric !== null) seen.add(metric);
    }
    for (const metric of seen) {
      if (recording) {
        redraws[metric] = (redraws[metric] ?? 0) + 1;
        redrawnThisFrame.add(metric);
      }
      const waiting = pending.get(metric);
      if (waiting && waiting.length > 0) {
        awaitingPaint = awaitingPaint.concat(waiting);
        pending.set(metric, []);
      }
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['d', 'data-status'],
  });

  let lastFrame = 0;
  const onFrame = (now: number) => {
    if (recording && lastFrame > 0) frames.push(now - lastFrame);
    lastFrame = now;
    if (recording && redrawnThisFrame.size > 0) chartsPerRedrawFrame.push(redrawnThisFrame.size);
    redrawnThisFrame.clear();
    if (awaitingPaint.length > 0) {
      // This frame paints what the redraws committed: the samples are on screen now.
      const paintedAt = Date.now();
      if (recording) for (const sentAt of awaitingPaint) delays.push(paintedAt - sentAt);
      awaitingPaint = [];
    }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (recording && entry.startTime >= startedAt) longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    // No Long Tasks API: the count stays empty and the report says so via zero.
  }

  if (options.trackMessages) {
    const Native = w.WebSocket as unknown as typeof WebSocket;
    const track = (event: MessageEvent) => {
      if (!recording || typeof event.data !== 'string' || event.data.charCodeAt(0) !== 123) return;
      const message = JSON.parse(event.data) as {
        type?: string;
        samples?: { name: string; ts: number }[];
      };
      if (message.type !== 'metrics' || !message.samples) return;
      for (const sample of message.samples) {
        let list = pending.get(sample.name);
        if (!list) pending.set(sample.name, (list = []));
        list.push(sample.ts);
      }
    };
    class ProbedWebSocket extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', track);
      }
    }
    w.WebSocket = ProbedWebSocket;

    // With the engine in a Web Worker the page has no socket to listen on: take each new sample
    // from Pulseboard's store as it commits instead, the first moment a chart could draw it.
    type Series = ReadonlyMap<string, { buffer: { size: number; tsAt(i: number): number } }>;
    type Handle = {
      config?: { engine?: string };
      store: { subscribe(l: (s: { series: Series }, p: { series: Series }) => void): unknown };
    };
    const newest = new Map<string, number>();
    const watchStore = () => {
      const handle = (w as unknown as { __PULSEBOARD__?: Handle }).__PULSEBOARD__;
      if (!handle) return void setTimeout(watchStore, 50);
      if (handle.config?.engine !== 'worker') return;
      handle.store.subscribe((state, previous) => {
        for (const [name, entry] of state.series) {
          if (entry === previous.series.get(name)) continue;
          const since = newest.get(name) ?? Number.NEGATIVE_INFINITY;
          const { buffer } = entry;
          let from = buffer.size;
          while (from > 0 && buffer.tsAt(from - 1) > since) from--;
          if (from === buffer.size) continue;
          newest.set(name, buffer.tsAt(buffer.size - 1));
          // Before recording (the prefill) only the newest timestamp is kept.
          if (!recording) continue;
          let list = pending.get(name);
          if (!list) pending.set(name, (list = []));
          for (let i = from; i < buffer.size; i++) list.push(buffer.tsAt(i));
        }
      });
    };
    watchStore();
  }

  const probe: BenchProbe = {
    begin() {
      frames = [];
      longTasks = [];
      reactCommits = 0;
      renders = {};
      redraws = {};
      chartsPerRedrawFrame = [];
      delays = [];
      pending.clear();
      awaitingPaint = [];
      lastFrame = 0;
      startedAt = performance.now();
      recording = true;
    },
    end() {
      recording = false;
      const now = Date.now();
      const undrawnAges: number[] = [];
      for (const list of pending.values())
        for (const sentAt of list) undrawnAges.push(now - sentAt);
      pending.clear();
      return {
        durationMs: performance.now() - startedAt,
        frames,
        longTasks,
        reactCommits,
        renders,
        redraws,
        chartsPerRedrawFrame,
        delays,
        undrawnAges,
      };
    },
    appliedSeq() {
      const pulseboard = w.__PULSEBOARD__ as
        { store: { getState(): { connection: { lastSeq: number | null } | null } } } | undefined;
      if (pulseboard) return pulseboard.store.getState().connection?.lastSeq ?? 0;
      const other = (w.__NAIVE__ ?? w.__CEILING__) as { lastSeq: number } | undefined;
      return other?.lastSeq ?? 0;
    },
    storeCommits() {
      const pulseboard = w.__PULSEBOARD__ as
        { store: { getState(): { commits: number } } } | undefined;
      return pulseboard ? pulseboard.store.getState().commits : Number.NaN;
    },
    liveAt,
    statusLog,
    visibleMetrics() {
      const height = window.innerHeight;
      return [...document.querySelectorAll('[data-metric]')]
        .filter((panel) => {
          const box = panel.getBoundingClientRect();
          return box.bottom > 0 && box.top < height;
        })
        .map((panel) => panel.getAttribute('data-metric') ?? '');
    },
    metrics() {
      return [...document.querySelectorAll('[data-metric]')].map(
        (panel) => panel.getAttribute('data-metric') ?? '',
      );
    },
  };
  w.__BENCH__ = probe;
}
