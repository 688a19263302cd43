import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Alert } from '../../src/realtime';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import { hasChromium, launchChromium, recordConsole, saveArtifacts } from './chromium';
import { servePreview } from './preview';
import { appErrors, badgeHistory, waitForStatus, WAIT_MS } from './scenarios/harness';

/**
 * Several tabs of one browser profile (pages of one context) against the reference server:
 * one session and one socket however many tabs, a handoff when the tab holding the connection
 * closes, and the per-tab route kept for `?share=off`.
 */
describe.skipIf(!hasChromium)('one connection per browser', () => {
  let browser: Browser | undefined;
  let site: { url: string; close(): Promise<void> } | undefined;
  let context: BrowserContext | undefined;
  let server: ReferenceServer | undefined;
  const logs: { page: Page; log: string[] }[] = [];

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), servePreview()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail')
      for (const [i, { page, log }] of logs.entries())
        if (!page.isClosed()) await saveArtifacts(page, `${test.task.name}-tab${i}`, log);
    logs.length = 0;
    await context?.close();
    await server?.close();
  });

  /** One context (one browser profile), `count` tabs on a fresh reference server. */
  async function openTabs(count: number, query = '', init?: () => void) {
    if (!browser || !site) throw new Error('Expected the browser to be up (beforeAll)');
    server = await startReferenceServer({
      backend: { firstAlertMs: 60_000, alertEveryMs: 60_000, tickMs: 1_000 },
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(recordBadgeHistory);
    if (init) await context.addInitScript(init);
    const pages: Page[] = [];
    const t0 = Date.now();
    // In order, so the first tab is the first to ask for the engine (the Web Locks leader).
    for (let i = 0; i < count; i++) pages.push(await openTab(query));
    for (const page of pages) await waitForStatus(page, 'live');
    console.log(`[shared-tabs] ${count} tabs live after ${Date.now() - t0} ms`);
    return pages;
  }

  async function openTab(query = '') {
    const page = await context!.newPage();
    logs.push({ page, log: recordConsole(page) });
    await page.goto(`${site!.url}/?timing=fast&api=${encodeURIComponent(server!.url)}${query}`);
    return page;
  }

  /** The server's view, polled until `check` holds (a socket closes a moment after its tab). */
  async function serverSees(
    check: (s: { sockets: number; sessions: number }) => boolean,
    timeout = WAIT_MS,
  ) {
    const deadline = Date.now() + timeout;
    const read = () => ({
      sockets: server!.backend.connectionCount,
      sessions: server!.backend.stats.sessionsStarted,
    });
    while (!check(read())) {
      if (Date.now() > deadline)
        throw new Error(`server never got there: ${JSON.stringify(read())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return read();
  }

  const raise = (id: string, severity: Alert['severity'] = 'warning') => {
    const alert: Alert = {
      id,
      severity,
      title: `Shared ${id}`,
      message: 'raised for every tab',
      ts: Date.now(),
      status: 'open',
    };
    server!.backend.raiseAlert(alert);
  };

  /**
   * Waits until the tab holds the alert, then checks it is held once. Read from the tab's store:
   * the panel is a virtualised list that the dashboard's own rule alerts may scroll it out of.
   */
  async function expectListedOnce(page: Page, id: string) {
    await page.waitForFunction(
      (wanted) => {
        type Handle = { store: { getState(): { alerts: ReadonlyMap<string, unknown> } } };
        const handle = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__;
        return handle.store.getState().alerts.has(wanted);
      },
      id,
      { timeout: WAIT_MS },
    );
    const held = await page.evaluate((wanted) => {
      type Handle = { store: { getState(): { alertIds: readonly string[] } } };
      const handle = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__;
      return handle.store.getState().alertIds.filter((one) => one === wanted).length;
    }, id);
    expect(held).toBe(1);
  }

  const sharing = (page: Page) =>
    page.getAttribute('[data-testid="connection-sharing"]', 'data-sharing');

  // Five pages of the production build are slow to load on a busy two-core box: 2 minutes.
  it(
    'five tabs share one session and one socket, and keep it when the first tab closes',
    { timeout: 120_000 },
    async () => {
      const pages = await openTabs(5);
      expect(await serverSees((s) => s.sockets === 1)).toEqual({ sockets: 1, sessions: 1 });
      await pages[4]!.waitForSelector('[data-testid="connection-sharing"][data-tabs="5"]');
      expect(await sharing(pages[0]!)).toBe('shared-worker');

      const t1 = Date.now();
      await pages[0]!.close();
      raise('during-close');
      const rest = pages.slice(1);
      for (const page of rest) await expectListedOnce(page, 'during-close');
      expect(await serverSees((s) => s.sockets === 1)).toEqual({ sockets: 1, sessions: 1 });
      for (const page of rest) await waitForStatus(page, 'live');

      console.log(`[shared-tabs] after close: ${Date.now() - t1} ms`);
      // An ack in one tab is sent once and shows acknowledged in the others.
      raise('to-ack', 'critical');
      await expectListedOnce(rest[0]!, 'to-ack');
      // Critical only, so the row is in view whatever else the panel holds.
      await rest[0]!.click('[data-severity-filter="critical"]');
      await rest[0]!.click('[data-alert-id="to-ack"] [data-action="ack"]');
      await rest[3]!.click('[data-severity-filter="critical"]');
      await rest[3]!.waitForSelector('[data-alert-id="to-ack"][data-status="acknowledged"]', {
        timeout: WAIT_MS,
      });
      for (const { log } of logs) expect(appErrors(log)).toEqual([]);
    },
  );

  it(
    'elects a leader tab with Web Locks where there is no SharedWorker, and hands over',
    { timeout: 90_000 },
    async () => {
      const pages = await openTabs(3, '', () => {
        Object.defineProperty(window, 'SharedWorker', { value: undefined, configurable: true });
      });
      expect(await serverSees((s) => s.sockets === 1)).toEqual({ sockets: 1, sessions: 1 });
      expect(await sharing(pages[0]!)).toBe('leader');
      expect(await sharing(pages[1]!)).toBe('follower');

      const closedAt = Date.now();
      await pages[0]!.close();
      raise('during-handoff');
      const rest = pages.slice(1);
      // The bar: one socket again within 2 s of the leader tab closing.
      await serverSees((s) => s.sockets === 1 && s.sessions === 2, 2_000);
      console.log(
        `[shared-tabs] Web Locks handoff: one socket again after ${Date.now() - closedAt} ms`,
      );
      for (const page of rest) await waitForStatus(page, 'live');
      for (const page of rest) await expectListedOnce(page, 'during-handoff');
      expect((await Promise.all(rest.map(sharing))).sort()).toEqual(['follower', 'leader']);
      // The followers said so while the line changed hands, never live on a dead line.
      expect(await badgeHistory(rest[1]!)).toContain('connecting');
      for (const { log } of logs) expect(appErrors(log)).toEqual([]);
    },
  );

  it('keeps one connection per tab with ?share=off', async () => {
    const pages = await openTabs(2, '&share=off');
    expect(await serverSees((s) => s.sockets === 2)).toEqual({ sockets: 2, sessions: 2 });
    expect(await sharing(pages[1]!)).toBe('tab');
  });
});

/** Every status the badge takes in a tab, in order (as scenarios/harness.ts records it). */
function recordBadgeHistory() {
  const seen: string[] = [];
  (window as unknown as { __badgeHistory: string[] }).__badgeHistory = seen;
  new MutationObserver(() => {
    const status = document
      .querySelector('[data-testid="connection-badge"]')
      ?.getAttribute('data-status');
    if (status && seen[seen.length - 1] !== status) seen.push(status);
  }).observe(document, { subtree: true, childList: true, attributes: true });
}
