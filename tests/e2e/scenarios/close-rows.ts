import { afterAll, beforeAll, type TestContext } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startReferenceServer } from '../../../server/reference-server';
import { FAST_TIMING } from '../../../src/app/config';
import { launchChromium } from '../chromium';
import { servePreview } from '../preview';
import {
  badgeHistory,
  connection,
  openDashboard,
  waitForStatus,
  WAIT_MS,
  type Dashboard,
} from './harness';
import { connectionTexts, controlState, recordConnectionTexts, watchLines } from './line-watch';

/**
 * What the close-code browser tests share (tests/e2e/close-codes*.test.ts): the fast timing's
 * numbers, a page live on a server of its own per test, and the checks every row makes.
 */

export type Engine = 'worker' | 'page';
export const ENGINES: readonly Engine[] = ['worker', 'page'];

export const FAST = {
  baseMs: FAST_TIMING.backoff?.baseMs ?? NaN,
  capMs: FAST_TIMING.backoff?.capMs ?? NaN,
  resetAfterMs: FAST_TIMING.backoff?.resetAfterMs ?? NaN,
};
/**
 * Longer than any wait the fast timing can draw before a retry (its cap), with a second to
 * spare: a client that stopped and still had a retry in it would show it within this window.
 */
export const NO_RETRY_MS = FAST.capMs + 1_000;
/**
 * Held on every frame and HTTP answer while a row reconnects, so each phase the client goes
 * through lasts long enough to be drawn even on a busy machine (the worker engine reports in
 * batches, the store commits once a frame: a 50 ms phase could pass unseen). Well inside the
 * fast timing's connect timeout.
 */
export const LATENCY = { type: 'latency', ms: 600 };

/** A feed that costs little: the rows run side by side, and none of them is about data. */
const QUIET = { tickMs: 1_000, firstAlertMs: 3_600_000, alertEveryMs: 3_600_000 };

/**
 * What the badge reads from live, through a retry numbered `attempt`, to live again. (A busy
 * machine may have cost the first load a timed-out attempt: the rows count from where it was.)
 */
export const retrying = (attempt: number) => ['Live', `Connecting attempt ${attempt}`, 'Live'];

/**
 * Per file: one browser and one preview of the build. Per test: `live()` gives a reference
 * server of its own and the dashboard on it with this engine, live; both torn down (artifacts
 * saved on failure) however the test ends.
 */
export function closeCodeSuite() {
  let browser: Browser | undefined;
  let site: { url: string; close: () => Promise<void> } | undefined;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /**
   * A reference server of its own and the dashboard on it with this engine, live; both torn
   * down (artifacts saved on failure) however the test ends. `grown()` answers what the server
   * counted since the page went live: the rows assert on that, not on how the page got there.
   */
  async function live(engine: Engine, ctx: TestContext, timing: 'fast' | 'default' = 'fast') {
    if (!browser || !site) throw new Error('Expected the browser to be up (beforeAll)');
    const server = await startReferenceServer({ backend: QUIET });
    const lines = watchLines(server.backend);
    const opened: { dashboard?: Dashboard } = {};
    ctx.onTestFinished(async ({ task }) => {
      const failed = task.result?.state === 'fail';
      await opened.dashboard?.finish(`close-codes ${engine} ${task.name}`, failed);
      await server.close();
    });
    const dashboard = await openDashboard(
      browser,
      site.url,
      server.url,
      `&engine=${engine}`,
      recordConnectionTexts,
      timing,
    );
    opened.dashboard = dashboard;
    const { page } = dashboard;
    // The first load is the slowest step on a busy machine (build, worker, first frame).
    await waitForStatus(page, 'live', 2 * WAIT_MS);
    const config = await page.evaluate(() => {
      type Handle = { config: { engine: string; timing: object } };
      return (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.config;
    });
    ctx.expect(config.engine, 'the engine the link asked for').toBe(engine);
    ctx.expect(config.timing).toEqual(timing === 'fast' ? FAST_TIMING : {});
    const base = (await controlState(server.url)).stats;
    const welcomed = lines.welcomed.length;
    const grown = async () => {
      const { stats, connections } = await controlState(server.url);
      return {
        connections,
        accepted: stats.connectionsAccepted - base.connectionsAccepted,
        sessions: stats.sessionsStarted - base.sessionsStarted,
        hellosRejected: stats.hellosRejected - base.hellosRejected,
      };
    };
    // What the page showed from the moment it was live: its last text and status, and after.
    const atLive = await connectionTexts(page);
    const historyAtLive = (await badgeHistory(page)).length;
    const sinceLive = async () => {
      const now = await connectionTexts(page);
      return {
        badge: now.badge.slice(atLive.badge.length - 1),
        meta: now.meta.slice(atLive.meta.length),
        drawn: now.drawn.slice(atLive.drawn.length),
        history: (await badgeHistory(page)).slice(historyAtLive - 1),
      };
    };
    const before = await connection(page);
    return { ...dashboard, server, lines, welcomed, grown, before, sinceLive };
  }

  /** Waits until the store holds a close with `code` and shows `status`. */
  async function settled(page: Page, code: number, status: string) {
    await page.waitForFunction(
      ([wantCode, wantStatus]) => {
        type Handle = {
          store: { getState(): { connection: { status: string; lastClose: { code: number } } } };
        };
        const c = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
          .connection;
        return c.lastClose?.code === wantCode && c.status === wantStatus;
      },
      [code, status] as const,
      { timeout: WAIT_MS },
    );
  }

  return {
    live,
    settled,
    get siteUrl() {
      if (!site) throw new Error('Expected the preview server to be up (beforeAll)');
      return site.url;
    },
  };
}

export function badgeText(page: Page): Promise<string | undefined> {
  return page
    .locator('[data-testid="connection-badge"]')
    .textContent()
    .then((text) => text?.trim());
}

/**
 * The one retry delay the client drew sits on the floor the close code asked for, with the
 * jitter above it: `floor + r × (base − min)`, never below the floor.
 */
export function expectDrawn(
  expect: TestContext['expect'],
  drawn: readonly number[],
  floorMs: number,
  baseMs: number,
) {
  expect(drawn).toHaveLength(1);
  expect(drawn[0]).toBeGreaterThanOrEqual(floorMs);
  expect(drawn[0]).toBeLessThanOrEqual(floorMs + baseMs);
}

/**
 * The line beside the badge counted the wait down, from no more than the longest draw. Its
 * first frame may read one second high: `useNow` renders the clock of its last tick before it
 * refreshes (src/ui/use-now.ts); from the second value on it must be within the draw.
 */
export function expectCountdown(
  expect: TestContext['expect'],
  meta: readonly string[],
  maxMs: number,
) {
  const shown = meta
    .map((text) => /next try in (\d+) s/.exec(text)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  const most = Math.ceil(maxMs / 1000);
  expect(shown.length, `a countdown in ${JSON.stringify(meta)}`).toBeGreaterThan(0);
  expect(shown[0]).toBeGreaterThan(0);
  expect(shown[0]).toBeLessThanOrEqual(most + 1);
  for (const seconds of shown.slice(1)) expect(seconds).toBeLessThanOrEqual(most);
}

/** Polls a condition in this process with a deadline (the server's view, not the page's). */
export async function waitUntil(
  condition: () => Promise<boolean>,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Expected the condition within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
