/**
 * What the benchmark installs in every page before the page's own scripts run (Playwright's
 * `addInitScript`), so Pulseboard, the naive peer and the ceiling page are measured by the same
 * code. It only observes: React commits through the DevTools hook React itself calls, chart
 * redraws through a MutationObserver on the line's `d` attribute (and displayed numbers through
 * the same observer), frames through requestAnimationFrame, long tasks and the app's redraw
 * measures through PerformanceObserver, and (when asked) message arrival on each WebSocket.
 *
 * Everything here runs in the browser and is serialised by Playwright, so it must not close over
 * anything from this module.
 */
import type { BenchProbe, ProbeOptions } from './probe-types';

export type { BenchProbe, CatchUp, ProbeOptions, ProbeSummary } from './probe-types';

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
  let numberChanges: Record<string, number> = {};
  let redrawMeasures: number[] = [];
  const numberText = new Map<string, string>();
  // After `markReturn()`: each chart's first redraw (animation-frame time) and the frames since.
  let returnedAt: number | null = null;
  let firstRedrawAt = new Map<string, number>();
  let framesSinceReturn: number[] = [];
  let measuresSinceReturn = 0;
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

  // A displayed number counts as changed only when its text differs from what it showed before.
  const noteNumber = (element: Element | null) => {
    const metric = element ? metricOf(element) : null;
    if (!element || metric === null) return;
    const text = element.textContent ?? '';
    const before = numberText.get(metric);
    numberText.set(metric, text);
    if (recording && before !== undefined && before !== text)
      numberChanges[metric] = (numberChanges[metric] ?? 0) + 1;
  };

  new MutationObserver((records) => {
    const seen = new Set<string>();
    const numbers = new Set<Element>();
    for (const record of records) {
      const target = record.target as Element;
      const host = record.type === 'characterData' ? target.parentElement : target;
      const number = host?.closest?.('.panel__number') ?? null;
      if (number) {
        numbers.add(number);
        continue;
      }
      if (record.type === 'characterData') continue;
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
    for (const number of numbers) noteNumber(number);
    for (const metric of seen) {
      if (returnedAt !== null && !firstRedrawAt.has(metric))
        firstRedrawAt.set(metric, document.timeline.currentTime as number);
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
    characterData: true,
    attributes: true,
    attributeFilter: ['d', 'data-status'],
  });

  let lastFrame = 0;
  // Off, the page asks for no frames of its own (an idle page would otherwise render 60 a second).
  let looping = true;
  let scheduled = true;
  const onFrame = (now: number) => {
    scheduled = false;
    if (!looping) return void (lastFrame = 0);
    if (recording && lastFrame > 0) frames.push(now - lastFrame);
    if (returnedAt !== null && framesSinceReturn.length < 600) framesSinceReturn.push(now);
    lastFrame = now;
    if (recording && redrawnThisFrame.size > 0) chartsPerRedrawFrame.push(redrawnThisFrame.size);
    redrawnThisFrame.clear();
    if (awaitingPaint.length > 0) {
      // This frame paints what the redraws committed: the samples are on screen now.
      const paintedAt = Date.now();
      if (recording) for (const sentAt of awaitingPaint) delays.push(paintedAt - sentAt);
      awaitingPaint = [];
    }
    scheduled = true;
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
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name !== 'pulseboard:redraw') continue;
        if (recording) redrawMeasures.push(entry.duration);
        if (returnedAt !== null) measuresSinceReturn++;
      }
    }).observe({ type: 'measure', buffered: false });
  } catch {
    // No User Timing observer: no redraw costs, and the report says none were measured.
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
      numberChanges = {};
      redrawMeasures = [];
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
        numberChanges,
        redrawMeasures,
      };
    },
    frameLoop(on) {
      looping = on;
      if (on && !scheduled) {
        scheduled = true;
        requestAnimationFrame(onFrame);
      }
    },
    markReturn() {
      returnedAt = performance.now();
      firstRedrawAt = new Map();
      framesSinceReturn = [];
      measuresSinceReturn = 0;
    },
    catchUp(metrics) {
      if (returnedAt === null || !metrics.every((metric) => firstRedrawAt.has(metric))) return null;
      const last = Math.max(...metrics.map((metric) => firstRedrawAt.get(metric) ?? 0));
      // A redraw belongs to the frame whose time it read; one before any frame since the return
      // (a visibilitychange handler, say) is painted by the first frame.
      const frames = framesSinceReturn.filter((at) => at <= last).length;
      return {
        frames: Math.max(1, frames),
        redrawn: metrics.length,
        measures: measuresSinceReturn,
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
