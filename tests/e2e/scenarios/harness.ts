import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BackendOptions } from '../../../backend/mock-backend';
import { parseScenarios } from '../../../backend/scenario-runner';
import type { BadgeStatus } from '../../../src/realtime';
import { startReferenceServer, type ReferenceServer } from '../../../server/reference-server';
import { consoleErrors, launchChromium, recordConsole, saveArtifacts } from '../chromium';
import { servePreview } from '../preview';

/**
 * What the scenario browser tests share: open the built dashboard on a backend, read what the
 * operator sees (badge, alerts, toasts, charts) and what the store holds, and wait on conditions
 * only, never on the clock.
 */

/** Generous ceilings: a condition normally holds within a few seconds on the fast timing. */
export const WAIT_MS = 15_000;

export type Dashboard = {
  page: Page;
  context: BrowserContext;
  log: string[];
  /** Lines added to the saved console log on failure (a child server's output, say). */
  extraLog: string[];
  /** On failure: screenshot and console log in test-artifacts/; always: close the context. */
  finish(testName: string, failed: boolean): Promise<void>;
};

/**
 * Opens the dashboard on `api` with `?timing=fast` (unless `timing` is `'default'`), recording
 * every badge status it shows. `beforeLoad` runs on the page before it navigates (to route
 * requests, say).
 */
export async function openDashboard(
  browser: Browser,
  siteUrl: string,
  api: string | null,
  extraQuery = '',
  beforeLoad?: (page: Page) => Promise<unknown>,
  timing: 'fast' | 'default' = 'fast',
): Promise<Dashboard> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await beforeLoad?.(page);
  const log = recordConsole(page);
  // Every status the badge takes, however briefly, in order: the phases a person would see.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __badgeHistory: string[] }).__badgeHistory = seen;
    const note = () => {
      const status = document
        .querySelector('[data-testid="connection-badge"]')
        ?.getAttribute('data-status');
      if (status && seen[seen.length - 1] !== status) seen.push(status);
    };
    new MutationObserver(note).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
  });
  const extraLog: string[] = [];
  const query = new URLSearchParams(timing === 'fast' ? { timing: 'fast' } : {});
  if (api) query.set('api', api);
  await page.goto(`${siteUrl}/?${query}${extraQuery}`);
  return {
    page,
    context,
    log,
    async finish(testName, failed) {
      if (failed) {
        // The store's view of the connection at the moment of failure, beside the console log.
        const state = await page
          .evaluate(() => {
            type Handle = { store: { getState(): { connection: unknown } } };
            const handle = (window as unknown as { __PULSEBOARD__?: Handle }).__PULSEBOARD__;
            return JSON.stringify(handle?.store.getState().connection ?? null);
          })
          .catch((error: unknown) => `unavailable: ${String(error)}`);
        await saveArtifacts(page, testName, [...log, `[connection] ${state}`, ...extraLog]);
      }
      await context.close();
    },
    extraLog,
  };
}

export async function waitForStatus(page: Page, status: BadgeStatus, timeout = WAIT_MS) {
  await page.waitForSelector(`[data-testid="connection-badge"][data-status="${status}"]`, {
    timeout,
  });
}

export function badgeHistory(page: Page): Promise<BadgeStatus[]> {
  return page.evaluate(
    () => (window as unknown as { __badgeHistory: BadgeStatus[] }).__badgeHistory,
  );
}

/** What the store says about the connection (the read-only test handle of main.tsx). */
export type ConnectionView = {
  state: string;
  status: BadgeStatus;
  epoch: string | null;
  lastSeq: number | null;
  sessionId: string | null;
  duplicatesDropped: number;
  latencyMs: number | null;
  errors: Record<string, number>;
  /** Failed attempts since the line last stayed healthy. */
  attempt: number;
  lastClose: { code: number; reason: string; description: string } | null;
  stopReason: string | null;
};

export function connection(page: Page): Promise<ConnectionView> {
  return page.evaluate(() => {
    type Handle = { store: { getState(): { connection: ConnectionView } } };
    const c = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
      .connection;
    return {
      state: c.state,
      status: c.status,
      epoch: c.epoch,
      lastSeq: c.lastSeq,
      sessionId: c.sessionId,
      duplicatesDropped: c.duplicatesDropped,
      latencyMs: c.latencyMs,
      errors: { ...c.errors },
      attempt: c.attempt,
      lastClose: c.lastClose
        ? {
            code: c.lastClose.code,
            reason: c.lastClose.reason,
            description: c.lastClose.description,
          }
        : null,
      stopReason: c.stopReason,
    };
  });
}

/** Waits until a field of the store's connection differs from `before` while the badge is live. */
export async function waitForLiveChange(page: Page, field: 'epoch' | 'sessionId', before: unknown) {
  await page.waitForFunction(
    ([key, old]) => {
      type Handle = { store: { getState(): { connection: Record<string, unknown> } } };
      const c = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
        .connection;
      return c[key] !== old && c.status === 'live';
    },
    [field, before] as const,
    { timeout: WAIT_MS },
  );
}

/** Waits until the page has counted the malformed-frames scenario's invalid JSON, unknown type and oversized frame. */
export async function waitForBadFramesCounted(page: Page) {
  await page.waitForFunction(
    () => {
      type Handle = { store: { getState(): { connection: { errors: Record<string, number> } } } };
      const e = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
        .connection.errors;
      return e.oversized! >= 1 && e.invalid_json! >= 1 && e.unknown_type! >= 1;
    },
    undefined,
    { timeout: WAIT_MS },
  );
}

/** Waits until the page's store holds exactly this epoch and seq: nothing lost on the way. */
export async function waitForSeq(page: Page, epoch: string, seq: number, timeout = WAIT_MS) {
  await page.waitForFunction(
    ([wantEpoch, wantSeq]) => {
      type Handle = {
        store: { getState(): { connection: { epoch: string; lastSeq: number } | null } };
      };
      const c = (window as unknown as { __PULSEBOARD__?: Handle }).__PULSEBOARD__?.store.getState()
        .connection;
      return c?.epoch === wantEpoch && c.lastSeq === wantSeq;
    },
    [epoch, seq] as const,
    { timeout },
  );
}

/** Every `data-alert-id` row in the alerts panel, in page order. */
export function alertRows(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-alert-id]')].map(
      (row) => row.getAttribute('data-alert-id') ?? '',
    ),
  );
}

/** Asserts each id appears as exactly one row. */
export async function expectEachAlertOnce(page: Page, ids: readonly string[]) {
  const rows = await alertRows(page);
  const counts = new Map<string, number>();
  for (const id of rows) counts.set(id, (counts.get(id) ?? 0) + 1);
  const wrong = ids.filter((id) => counts.get(id) !== 1);
  expect(wrong, 'alerts not listed exactly once').toEqual([]);
  expect(new Set(rows).size, 'duplicate rows in the alerts panel').toBe(rows.length);
}

/** The drawn line of a metric's chart (`d` of its recharts path). */
export function chartLine(page: Page, metric = 'cargo_temperature'): Promise<string> {
  return page.evaluate(
    (name) =>
      document
        .querySelector(`[data-metric="${name}"] path.recharts-line-curve`)
        ?.getAttribute('d') ?? '',
    metric,
  );
}

/** Waits until the chart draws a line different from `before`: the chart is still moving. */
export async function waitForChartToMove(page: Page, before: string, metric = 'cargo_temperature') {
  await page.waitForFunction(
    ([name, old]) => {
      const d =
        document
          .querySelector(`[data-metric="${name}"] path.recharts-line-curve`)
          ?.getAttribute('d') ?? '';
      return d.startsWith('M') && d !== old;
    },
    [metric, before] as const,
    { timeout: WAIT_MS },
  );
}

/**
 * Console errors the application caused. The browser's own reports of a refused handshake or a
 * failed request (the very faults a scenario injects) are the network's doing, not the app's.
 */
export function appErrors(log: readonly string[]): string[] {
  return consoleErrors(log).filter(
    (line) => !/WebSocket connection to .* failed|Failed to load resource|net::ERR_/.test(line),
  );
}

/**
 * Per-file setup: one browser and one preview of the built app; per test, reference servers and
 * dashboards that are torn down (with artifacts on failure) however the test ends.
 */
export function scenarioSuite() {
  let browser: Browser | undefined;
  let site: { url: string; close: () => Promise<void> } | undefined;
  const servers: ReferenceServer[] = [];
  const dashboards: Dashboard[] = [];

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  afterEach(async (context) => {
    const failed = context.task.result?.state === 'fail';
    for (const dashboard of dashboards.splice(0)) await dashboard.finish(context.task.name, failed);
    for (const server of servers.splice(0)) await server.close();
  });

  return {
    get siteUrl() {
      if (!site) throw new Error('Expected the preview server to be up (beforeAll)');
      return site.url;
    },
    /**
     * A reference server on a free loopback port, alerts it raised tracked. `scenario` starts with
     * the first session, so its `firstMs` counts from the page's arrival: a page slow to load on a
     * busy machine must not miss a one-shot phase that fired before it connected.
     */
    async server(scenario: string, backend: BackendOptions = {}) {
      const parsed = parseScenarios(scenario);
      if (!parsed.ok) throw new Error(`Expected a valid scenario spec but got: ${parsed.error}`);
      const server = await startReferenceServer({ backend: { ...FEED, ...backend } });
      const startSession = server.backend.startSession.bind(server.backend);
      server.backend.startSession = () => {
        server.backend.startSession = startSession;
        server.scenarios.run(parsed.value);
        return startSession();
      };
      servers.push(server);
      const alerts: string[] = [];
      server.backend.onPublish((m) => {
        if (m.type === 'alert') alerts.push(m.alert.id);
      });
      return Object.assign(server, { alerts });
    },
    async open(api: string | null, extraQuery = '', beforeLoad?: (page: Page) => Promise<unknown>) {
      if (!browser || !site) throw new Error('Expected the browser to be up (beforeAll)');
      const dashboard = await openDashboard(browser, site.url, api, extraQuery, beforeLoad);
      dashboards.push(dashboard);
      return dashboard;
    },
  };
}

/** A feed that shows alerts early, so every test sees some. */
const FEED: BackendOptions = { firstAlertMs: 800, alertEveryMs: 2_000 };

/** Resolves when the server's scenario reaches a phase whose label starts with `label`. */
export function phaseReached(server: ReferenceServer, label: string): Promise<void> {
  return new Promise((resolve) => {
    const reached = () => server.scenarios.current.phases.some((p) => p.label.startsWith(label));
    if (reached()) return resolve();
    const off = server.scenarios.subscribe(() => {
      if (!reached()) return;
      off();
      resolve();
    });
  });
}

/**
 * Pauses the feed and waits until the page holds exactly the server's epoch and seq, with every
 * alert the server raised listed once: nothing lost, nothing doubled.
 */
export async function expectCaughtUp(page: Page, server: ReferenceServer & { alerts: string[] }) {
  server.backend.faults.feedPaused = true;
  await waitForSeq(page, server.backend.epoch, server.backend.seq);
  await expectEachAlertOnce(page, server.alerts);
  server.backend.faults.feedPaused = false;
}

/**
 * Mock mode (no `?api=`): what the embedded backend reports through the QA controller that
 * main.tsx exposes as `__PULSEBOARD__.qa`. Counters refresh on every change and once a second.
 */
export type MockBackendView = {
  scenario: string;
  phases: string[];
  epoch: string;
  seq: number;
  connections: number;
  stats: Record<string, number>;
};

export function mockBackend(page: Page): Promise<MockBackendView> {
  return page.evaluate(() => {
    type Snapshot = Omit<MockBackendView, 'phases'> & { phases: { label: string }[] };
    type Handle = { qa: { getSnapshot(): Snapshot } | null };
    const qa = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.qa;
    if (!qa) throw new Error('Expected mock mode: __PULSEBOARD__.qa is missing');
    const s = qa.getSnapshot();
    return {
      scenario: s.scenario,
      phases: s.phases.map((p) => p.label),
      epoch: s.epoch,
      seq: s.seq,
      connections: s.connections,
      stats: { ...s.stats },
    };
  });
}

/** Mock mode's `phaseReached`: waits until the embedded scenario reaches a phase starting with `label`. */
export async function waitForMockPhase(page: Page, label: string, timeout = WAIT_MS) {
  await page.waitForFunction(
    (wanted) => {
      type Handle = { qa: { getSnapshot(): { phases: { label: string }[] } } | null };
      const qa = (window as unknown as { __PULSEBOARD__?: Handle }).__PULSEBOARD__?.qa;
      return qa?.getSnapshot().phases.some((p) => p.label.startsWith(wanted)) ?? false;
    },
    label,
    { timeout },
  );
}

/** Fires a fault at the embedded backend, as the QA panel's buttons do (mock mode only). */
export async function fireMockFault(page: Page, fault: object) {
  const problem = await page.evaluate((command) => {
    type Handle = { qa: { fire(command: unknown): string | null } | null };
    const qa = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.qa;
    if (!qa) throw new Error('Expected mock mode: __PULSEBOARD__.qa is missing');
    return qa.fire(command);
  }, fault);
  expect(problem, `fault ${JSON.stringify(fault)}`).toBeNull();
}

/**
 * Mock mode's `expectCaughtUp`: pauses the embedded feed, asks the embedded backend for a
 * snapshot over the public HTTP API (a fresh session, as any client would), and waits until the
 * page holds exactly its epoch and seq with every alert of the snapshot listed once.
 */
export async function expectMockCaughtUp(page: Page) {
  await fireMockFault(page, { type: 'pause-feed', on: true });
  const truth = await page.evaluate(async () => {
    type Handle = { config: { baseUrl: string } };
    const base = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.config.baseUrl;
    const url = (path: string) => new URL(path, `${base.replace(/\/+$/, '')}/`).toString();
    const started = await fetch(url('api/session/start'), { method: 'POST' });
    if (started.status !== 201) throw new Error(`session/start answered ${started.status}`);
    const { sessionId } = (await started.json()) as { sessionId: string };
    const snapshot = await fetch(url(`api/snapshot?sessionId=${encodeURIComponent(sessionId)}`));
    if (snapshot.status !== 200) throw new Error(`snapshot answered ${snapshot.status}`);
    const body = (await snapshot.json()) as {
      epoch: string;
      seq: number;
      alerts: { id: string }[];
    };
    return { epoch: body.epoch, seq: body.seq, alerts: body.alerts.map((a) => a.id) };
  });
  await waitForSeq(page, truth.epoch, truth.seq);
  await expectEachAlertOnce(page, truth.alerts);
  await fireMockFault(page, { type: 'pause-feed', on: false });
  return truth;
}
