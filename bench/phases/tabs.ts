import type { BrowserContext, Page } from 'playwright-core';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import { hold } from '../stats';
import type { BenchContext } from './context';

/**
 * Tabs: N tabs of the dashboard in one browser profile (pages of one context) against the
 * reference server, with the tabs sharing one engine (the default) and with `?share=off` (each
 * tab its own, as before issue #13): connections and session starts the server sees once every
 * tab is live. Then the handoff of the Web Locks route (SharedWorker hidden from the pages): time
 * from the leader tab closing to the server holding one socket again and every other tab live.
 */
export type TabsRow = {
  tabs: number;
  share: 'shared' | 'off';
  connections: number;
  sessionStarts: number;
  /** From the first page's navigation to the last tab live. */
  allLiveMs: number;
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
        `  ${tabs} tab(s), ${share === 'shared' ? 'shared' : '?share=off'}: ${row.connections} connection(s), ${row.sessionStarts} session start(s), all live in ${row.allLiveMs} ms`,
      );
    }
  }
}

async function measureTabs(ctx: BenchContext, tabs: number, share: 'shared' | 'off') {
  return withTabs(ctx, tabs, share === 'off' ? '&share=off' : '', false, async (server, _p, ms) => {
    // A socket may still be closing from a page that reloaded: let the count settle a moment.
    await hold(500);
    return {
      tabs,
      share,
      connections: server.backend.connectionCount,
      sessionStarts: server.backend.stats.sessionsStarted,
      allLiveMs: ms,
    };
  });
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
): Promise<T> {
  const server = await startReferenceServer({ backend: { tickMs: 1_000 } });
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

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`tabs: no ${what} within ${GIVE_UP_MS} ms`);
    await hold(20);
  }
}
