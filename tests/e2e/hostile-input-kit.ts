import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, type TestContext } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS_DIR, launchChromium } from './chromium';
import { HostileServer } from './hostile-server';
import { servePreview } from './preview';
import { appErrors, openDashboard, waitForSeq, waitForStatus, WAIT_MS } from './scenarios/harness';

/**
 * What the hostile-input browser tests share: one browser and one preview of the build per file;
 * per test, a hostile server of its own (tests/e2e/hostile-server.ts) and the dashboard on it
 * with one engine, torn down (artifacts saved on failure) however the test ends; and the three
 * checks every case makes: the page answers, the valid data is shown, the refusal is counted.
 */

export type Engine = 'worker' | 'page';
export const ENGINES: readonly Engine[] = ['worker', 'page'];

/** A page that takes longer than this to run `1` is a frozen page, not a busy one. */
export const ANSWER_MS = 5_000;

export type Opened = { page: Page; log: string[]; server: HostileServer };

export function hostileSuite() {
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
   * A hostile server, set up by `script` before the page loads (what its session start,
   * snapshot and welcome say), and the dashboard on it with `engine`. Not yet waited on.
   */
  async function open(
    ctx: TestContext,
    engine: Engine,
    script: (server: HostileServer) => void = () => {},
  ): Promise<Opened> {
    if (!browser || !site) throw new Error('Expected the browser to be up (beforeAll)');
    const server = await HostileServer.start();
    ctx.onTestFinished(() => server.close());
    script(server);
    const query = engine === 'page' ? '&engine=page' : '';
    const dashboard = await openDashboard(browser, site.url, server.url, query);
    ctx.onTestFinished(async ({ task }) => {
      const failed = task.result?.state === 'fail';
      if (failed) dashboard.extraLog.push(`[server] ${server.requests.join(' | ')}`);
      await dashboard.finish(`hostile ${engine} ${task.name}`, failed);
    });
    return { page: dashboard.page, log: dashboard.log, server };
  }

  return { open };
}

/** Live, with the server's snapshot applied: what the server sends next is data on top of it. */
export async function live(page: Page, server: HostileServer): Promise<void> {
  await waitForStatus(page, 'live');
  await waitForSeq(page, server.epoch, server.seq);
}

/**
 * The page still answers: a trivial evaluation returns within `ANSWER_MS`, the badge is there
 * with `status`, and the app wrote no errors of its own to the console.
 */
export async function expectAnswers(
  { page, log }: Pick<Opened, 'page' | 'log'>,
  status: 'live' | 'fallback' = 'live',
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const frozen = new Promise<'frozen'>((resolve) => {
    timer = setTimeout(() => resolve('frozen'), ANSWER_MS);
  });
  const answered = await Promise.race([page.evaluate(() => 1), frozen]).finally(() =>
    clearTimeout(timer),
  );
  expect(answered, `the page answers within ${ANSWER_MS} ms`).toBe(1);
  const badge = await page.getAttribute('[data-testid="connection-badge"]', 'data-status', {
    timeout: ANSWER_MS,
  });
  expect(badge).toBe(status);
  expect(appErrors(log), 'errors the app wrote to the console').toEqual([]);
}

export type Problems = {
  total: number;
  /** The store's data problems by kind (the client's and the store's own). */
  counts: Record<string, number>;
  /** What the data-problems line says (its summary), null when it is not shown. */
  line: string | null;
  /** `data-problem-kind` of each row of the line's details. */
  kinds: string[];
};

export function problems(page: Page): Promise<Problems> {
  return page.evaluate(() => {
    type Handle = {
      store: { getState(): { dataProblems: { total: number; counts: Map<string, number> } } };
    };
    const state = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState();
    const line = document.querySelector('[data-testid="data-problems"]');
    return {
      total: state.dataProblems.total,
      counts: Object.fromEntries(state.dataProblems.counts),
      line: line?.querySelector('summary')?.textContent ?? null,
      kinds: [...(line?.querySelectorAll('[data-problem-kind]') ?? [])].map(
        (row) => row.getAttribute('data-problem-kind') ?? '',
      ),
    };
  });
}

/** Waits until the store has counted at least `atLeast` problems of `kind`. */
export async function waitForProblem(page: Page, kind: string, atLeast = 1): Promise<void> {
  await page.waitForFunction(
    ([wanted, least]) => {
      type Handle = { store: { getState(): { dataProblems: { counts: Map<string, number> } } } };
      const handle = (window as unknown as { __PULSEBOARD__?: Handle }).__PULSEBOARD__;
      return (handle?.store.getState().dataProblems.counts.get(wanted) ?? 0) >= least;
    },
    [kind, atLeast] as const,
    { timeout: WAIT_MS },
  );
}

/** Waits until the data-problems line is on screen with a row for each of `kinds`. */
export async function waitForLineKinds(page: Page, kinds: readonly string[]): Promise<void> {
  for (const kind of kinds) {
    await page.waitForSelector(`[data-testid="data-problems"] [data-problem-kind="${kind}"]`, {
      state: 'attached',
      timeout: WAIT_MS,
    });
  }
}

/** Attribute selectors for ids a server chose: quotes and backslashes escaped. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

export async function waitForAlertRow(page: Page, id: string, status?: string): Promise<void> {
  const state = status ? `[data-status=${quoted(status)}]` : '';
  await page.waitForSelector(`[data-alert-id=${quoted(id)}]${state}`, { timeout: WAIT_MS });
}

export async function waitForPanel(page: Page, name: string): Promise<void> {
  await page.waitForSelector(`[data-metric=${quoted(name)}]`, { timeout: WAIT_MS });
}

export function panelCount(page: Page, name: string): Promise<number> {
  return page.locator(`[data-metric=${quoted(name)}]`).count();
}

/** The value a metric's panel shows, once it shows `text`. */
export async function waitForPanelValue(page: Page, name: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([metric, wanted]) =>
      [...document.querySelectorAll('[data-metric] .panel__number')].some(
        (node) =>
          node.closest('[data-metric]')?.getAttribute('data-metric') === metric &&
          node.textContent?.trim() === wanted,
      ),
    [name, text] as const,
    { timeout: WAIT_MS },
  );
}

/** The newest point the store holds for a metric, or null. */
export function lastPoint(page: Page, name: string): Promise<{ ts: number; value: number } | null> {
  return page.evaluate((metric) => {
    type Entry = { buffer: { last(): { ts: number; value: number } | undefined } };
    type Handle = { store: { getState(): { series: Map<string, Entry> } } };
    const state = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState();
    return state.series.get(metric)?.buffer.last() ?? null;
  }, name);
}

/**
 * Saves a picture of the data-problems line with its details open (test-artifacts/hostile/), for
 * a person to check that it reads well; the tests do not compare it.
 */
export async function pictureOfLine(page: Page, name: string): Promise<void> {
  const dir = path.join(ARTIFACTS_DIR, 'hostile');
  mkdirSync(dir, { recursive: true });
  const line = page.locator('[data-testid="data-problems"]');
  await line.evaluate((node) => node.setAttribute('open', ''));
  await line.screenshot({ path: path.join(dir, `${name}.png`) });
}
