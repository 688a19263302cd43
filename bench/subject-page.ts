import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { FeedServer } from './feed-server';
import { installProbe, type BenchProbe, type ProbeSummary } from './page-probe';
import { hold } from './stats';

/**
 * One page under test (Pulseboard, the naive peer or the ceiling page) in its own browser
 * context, with the probe installed and a CDP session for what only DevTools can tell: main-thread
 * busy time, JS heap after GC, DOM nodes and event listeners.
 */
/**
 * `pulseboard` is Pulseboard with `?engine=page` (its realtime engine on the page's main thread),
 * `pulseboard-worker` with `?engine=worker&share=off` (in the tab's own Web Worker; against a real
 * backend the default shares one such engine between tabs).
 */
export type SubjectName =
  'pulseboard' | 'pulseboard-worker' | 'naive' | 'ceiling' | 'ceiling-worker';

/** The parse-only pages: no charts, nothing to prefill, only a flood to measure. */
export const isCeiling = (name: SubjectName) => name === 'ceiling' || name === 'ceiling-worker';

/** The page URL of each subject, without query. */
export type SubjectSites = Record<SubjectName, string>;

export type OpenOptions = {
  trackMessages?: boolean;
  /** Pulseboard: `&timing=fast` (short reconnect timings). Off means the production timings. */
  fastTiming?: boolean;
  /** Naive peer: its fixed reconnect delay. */
  retryMs?: number;
  viewport?: { width: number; height: number };
  /** Metrics the feed's fresh stream carries (default six: six charts). */
  metrics?: number;
};

export type MemoryReading = { heapMB: number; nodes: number; listeners: number };

/**
 * A heap snapshot's self sizes split in two: V8's compiled code (bytecode, machine code and their
 * metadata, node type `code`), which grows as the JIT tiers up hot functions and is bounded by
 * the program, and everything else, where a leak of data would show.
 */
export type HeapSplit = { codeMB: number; otherMB: number };

export const DEFAULT_VIEWPORT = { width: 1600, height: 1000 };

export class SubjectPage {
  private constructor(
    readonly name: SubjectName,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly cdp: CDPSession,
    readonly errors: string[],
  ) {}

  static async open(
    browser: Browser,
    sites: SubjectSites,
    name: SubjectName,
    feed: FeedServer,
    options: OpenOptions = {},
  ): Promise<SubjectPage> {
    const context = await browser.newContext({ viewport: options.viewport ?? DEFAULT_VIEWPORT });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`; the
    // serialised probe then needs that helper in the page.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.addInitScript(installProbe, { trackMessages: options.trackMessages ?? false });
    const params = new URLSearchParams({ api: feed.url });
    const pulseboard = name === 'pulseboard' || name === 'pulseboard-worker';
    if (pulseboard && options.fastTiming !== false) params.set('timing', 'fast');
    // Each subject names its engine: the default against a real backend has changed before.
    if (pulseboard) params.set('engine', name === 'pulseboard-worker' ? 'worker' : 'page');
    // One tab: its engine in a dedicated Worker, whose heap the page's CDP session reaches (a
    // SharedWorker is a browser-level target it does not attach to). Same engine, same costs;
    // the tabs phase measures the sharing itself.
    if (name === 'pulseboard-worker') params.set('share', 'off');
    if (name === 'naive') params.set('retryMs', String(options.retryMs ?? 1000));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${sites[name]}?${params.toString()}`);
    const subject = new SubjectPage(name, context, page, cdp, errors);
    await subject.waitLive(20_000);
    return subject;
  }

  /** Runs `fn` in the page with the probe, failing after `timeoutMs` (a jammed page). */
  async probe<T>(fn: (probe: BenchProbe) => T, timeoutMs = 30_000): Promise<Awaited<T>> {
    const evaluation = this.page.evaluate((source) => {
      const probe = (window as unknown as { __BENCH__: BenchProbe }).__BENCH__;
      return (0, eval)(`(${source})`)(probe) as T;
    }, fn.toString());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name}: page did not answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return (await Promise.race([evaluation, timeout])) as Awaited<T>;
    } finally {
      clearTimeout(timer);
    }
  }

  appliedSeq(timeoutMs?: number): Promise<number> {
    return this.probe((probe) => probe.appliedSeq(), timeoutMs);
  }

  begin(): Promise<void> {
    return this.probe((probe) => probe.begin());
  }

  end(): Promise<ProbeSummary> {
    return this.probe((probe) => probe.end(), 60_000);
  }

  /** Waits for the connection badge (or the ceiling page's state) to say live. */
  async waitLive(timeoutMs: number): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const ceiling = (window as unknown as { __CEILING__?: { status: string } }).__CEILING__;
        if (ceiling) return ceiling.status === 'live';
        return (
          document
            .querySelector('[data-testid="connection-badge"]')
            ?.getAttribute('data-status') === 'live'
        );
      },
      undefined,
      { timeout: timeoutMs, polling: 50 },
    );
  }

  /**
   * Waits until the page has applied everything the feed published; false if it has not within
   * `timeoutMs` (the caller reports that as a backlog, it is not an error).
   */
  async waitCaughtUp(feed: FeedServer, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const applied = await this.appliedSeq(Math.max(1, deadline - Date.now())).catch(() => -1);
      if (applied >= feed.stats().seq) return true;
      await hold(100);
    }
    return false;
  }

  /** CDP `Performance.getMetrics` as a name -> value map. */
  async metrics(): Promise<Record<string, number>> {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
  }

  /**
   * JS heap after full GCs, DOM nodes and event listeners: the median of three readings taken
   * after a second's settling (the last redraws of a burst land within it), because one reading
   * after GC still moves by 10-15 % with whatever a frame happened to hold.
   */
  async memory(): Promise<MemoryReading> {
    await hold(1_000);
    const readings: MemoryReading[] = [];
    for (let i = 0; i < 3; i++) {
      await this.cdp.send('HeapProfiler.collectGarbage');
      await this.cdp.send('HeapProfiler.collectGarbage');
      const metrics = await this.metrics();
      readings.push({
        heapMB: (metrics.JSHeapUsedSize ?? Number.NaN) / 1024 / 1024,
        nodes: metrics.Nodes ?? Number.NaN,
        listeners: metrics.JSEventListeners ?? Number.NaN,
      });
      await hold(200);
    }
    const median = (pick: (reading: MemoryReading) => number) =>
      readings.map(pick).sort((a, b) => a - b)[1] ?? Number.NaN;
    return {
      heapMB: median((r) => r.heapMB),
      nodes: median((r) => r.nodes),
      listeners: median((r) => r.listeners),
    };
  }

  /** After full GCs: one heap snapshot, summed by node type (seconds for a page of ~10 MB). */
  async heapSplit(): Promise<HeapSplit> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
    this.cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    try {
      await this.cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      this.cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    }
    const snapshot = JSON.parse(chunks.join('')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
      nodes: number[];
    };
    const fields = snapshot.snapshot.meta.node_fields;
    const typeAt = fields.indexOf('type');
    const sizeAt = fields.indexOf('self_size');
    const code = snapshot.snapshot.meta.node_types[0].indexOf('code');
    let codeBytes = 0;
    let otherBytes = 0;
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
      const size = snapshot.nodes[i + sizeAt] ?? 0;
      if (snapshot.nodes[i + typeAt] === code) codeBytes += size;
      else otherBytes += size;
    }
    return { codeMB: codeBytes / 1024 / 1024, otherMB: otherBytes / 1024 / 1024 };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }
}
