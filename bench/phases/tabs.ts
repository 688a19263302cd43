import type { BrowserContext, Page } from 'playwright-core';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import { hold } from '../stats';
import type { BenchContext } from './context';

/**
 * Tabs: N tabs of the dashboard in one browser profile (pages of one context) against the
 * reference server, with the tabs sharing one engine (the default) and with `?share=off` (each
 * tab its own, as before issue #13): connections and session starts the server sees once every
 * tab is live, and then, with the feed at about 1,000 messages a second, how busy each tab's main
 * thread is (CDP `TaskDuration` over wall time, averaged over the tabs). Then the handoff of the Web Locks route (SharedWorker hidden from the pages): time
 * from the leader tab closing to the server holding one socket again and every other tab live.
 */
export type TabsRow = {
  tabs: number;
  share: 'shared' | 'off';
  connections: number;
  sessionStarts: number;
  /** From the first page's navigation to the last tab live. */
  allLiveMs: number;
  /** Main thread busy share per tab (0..1) while the feed runs at `rate`: mean and the busiest. */
  busyMean?: number;
  busyMax?: number;
  /** Data messages a second the server sent during that window (each tab's stream). */
  rate?: number;
};

export type TabsResult = {
  rows: TabsRow[];
  /** Web Locks handoffs, each from the leader closing to one socket and every tab live again. */
  handoffMs: number[];
  /** The same handoffs, from the leader closing to the server holding one new socket. */
  handoffSocketMs?: number[];
  handoffTabs: number;
};

const LIVE = '[data-testid="connection-badge"][data-status="live"]';
/** Ten dashboards loading at once on a busy two-core box take minutes: wait that long. */
const GIVE_UP_MS = 180_000;

/**
 * Fills `result` as it goes, so a count that could not be measured (a page that never went live)
 * still leaves the rows before it in the report.
 */
export async function runTabs(
  ctx: BenchContext,
  counts: readonly number[],
  result: TabsResult,
): Promise<void> {
  const { rows, handoffMs } = result;
  const handoffs = ctx.profile.name === 'full' ? 3 : 1;
  for (let i = 0; i < handoffs; i++) {
    const { socketMs, liveMs } = await measureHandoff(ctx, result.handoffTabs);
    handoffMs.push(liveMs);
    (result.handoffSocketMs ??= []).push(socketMs);
    ctx.log(
      `  Web Locks handoff ${i + 1} (${result.handoffTabs} tabs): one socket after ${socketMs} ms, every tab live after ${liveMs} ms`,
    );
  }
  for (const tabs of counts) {
    for (const share of ['shared', 'off'] as const) {
      const row = await measureTabs(ctx, tabs, share);
      rows.push(row);
      ctx.log(
        `  ${tabs} tab(s), ${share === 'shared' ? 'shared' : '?share=off'}: ${row.connections} connection(s), ${row.sessionStarts} session start(s), all live in ${row.allLiveMs} ms; ` +
          `main thread ${pct(row.busyMean)} busy per tab (busiest ${pct(row.busyMax)}) at ${Math.round(row.rate ?? 0)} msg/s`,
      );
    }
  }
}

/** The feed's tick: one `metrics` message each, about 1,000 a second (Node's timers allowing). */
const BUSY_TICK_MS = 1;

async function measureTabs(ctx: BenchContext, tabs: number, share: 'shared' | 'off') {
  const query = share === 'off' ? '&share=off' : '';
  return withTabs(
    ctx,
    tabs,
    query,
    false,
    async (server, pages, ms) => {
      // A socket may still be closing from a page that reloaded: let the count settle a moment.
      await hold(500);
      const counts = {
        connections: server.backend.connectionCount,
        sessionStarts: server.backend.stats.sessionsStarted,
      };
      const busy = await measureBusy(ctx, server, pages);
      return { tabs, share, ...counts, allLiveMs: ms, ...busy };
    },
    { tickMs: BUSY_TICK_MS },
  );
}

/** Each tab's main thread over a window of the feed running at `BUSY_TICK_MS`. */
async function measureBusy(ctx: BenchContext, server: ReferenceServer, pages: Page[]) {
  const sessions = await Promise.all(
    pages.map(async (page) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      return cdp;
    }),
  );
  const read = () =>
    Promise.all(
      sessions.map(async (cdp) => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
        return { task: get('TaskDuration'), at: get('Timestamp') };
      }),
    );
  const windowMs =
    ctx.profile.name === 'full' ? 10_000 : ctx.profile.name === 'smoke' ? 1_000 : 3_000;
  const before = await read();
  const seq0 = server.backend.seq;
  const started = Date.now();
  await hold(windowMs);
  const after = await read();
  const rate = ((server.backend.seq - seq0) * 1000) / (Date.now() - started);
  const shares = after.map((a, i) => {
    const b = before[i]!;
    return a.at > b.at ? (a.task - b.task) / (a.at - b.at) : Number.NaN;
  });
  await Promise.all(sessions.map((cdp) => cdp.detach().catch(() => {})));
  return {
    busyMean: shares.reduce((total, x) => total + x, 0) / shares.length,
    busyMax: Math.max(...shares),
    rate,
  };
}

async function measureHandoff(
  ctx: BenchContext,
  tabs: number,
): Promise<{ socketMs: number; liveMs: number }> {
  return withTabs(ctx, tabs, '', true, async (server, pages) => {
    await waitFor(() => server.backend.connectionCount === 1, 'one socket before the handoff');
    const sessions = server.backend.stats.sessionsStarted;
    const closedAt = Date.now();
    await pages[0]!.close();
    await waitFor(
      () => server.backend.connectionCount === 1 && server.backend.stats.sessionsStarted > sessions,
      'one socket after the handoff',
    );
    const socketMs = Date.now() - closedAt;
    for (const page of pages.slice(1)) await page.waitForSelector(LIVE, { timeout: GIVE_UP_MS });
    return { socketMs, liveMs: Date.now() - closedAt };
  });
}

async function withTabs<T>(
  ctx: BenchContext,
  tabs: number,
  query: string,
  hideSharedWorker: boolean,
  work: (server: ReferenceServer, pages: Page[], allLiveMs: number) => Promise<T>,
  backend: { tickMs: number } = { tickMs: 1_000 },
): Promise<T> {
  const server = await startReferenceServer({ backend });
  let context: BrowserContext | undefined;
  try {
    context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (hideSharedWorker)
      await context.addInitScript(() => {
        Object.defineProperty(window, 'SharedWorker', { value: undefined, configurable: true });
      });
    const started = Date.now();
    const pages: Page[] = [];
    const url = `${ctx.sites.pulseboard}?api=${encodeURIComponent(server.url)}&timing=fast${query}`;
    for (let i = 0; i < tabs; i++) {
      const page = await context.newPage();
      await page.goto(url);
      pages.push(page);
    }
    for (const page of pages) await page.waitForSelector(LIVE, { timeout: GIVE_UP_MS });
    return await work(server, pages, Date.now() - started);
  } finally {
    await context?.close().catch(() => {});
    await server.close();
  }
}

const pct = (share: number | undefined) =>
  share === undefined || !Number.isFinite(share) ? '–' : `${Math.round(share * 100)} %`;

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`tabs: no ${what} within ${GIVE_UP_MS} ms`);
    await hold(20);
  }
}
