import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COLD_CHAIN_METRICS } from '../../../backend/feed';
import { parseScenarios } from '../../../backend/scenario-runner';
import { SCENARIOS } from '../../../backend/scenarios';
import { hasChromium } from '../chromium';
import {
  appErrors,
  badgeHistory,
  chartLine,
  connection,
  expectEachAlertOnce,
  expectMockCaughtUp,
  mockBackend,
  scenarioSuite,
  waitForBadFramesCounted,
  waitForChartToMove,
  waitForMockPhase,
  waitForStatus,
  WAIT_MS,
} from './harness';

/**
 * Every scenario of backend/scenarios.ts in the browser demo: the built app in mock mode (no
 * `?api=`, the embedded MSW backend answers), opened with `?scenario=<spec>&timing=fast` as a
 * bug-report link would be, asserting what the operator sees. The reference-server tests beside
 * this file go deeper per scenario; these prove that each one runs where QA first meets it.
 * Params are short so the whole file takes seconds per scenario.
 */

type Case = {
  /** The `?scenario=` spec: the scenario's name and short params. */
  spec: string;
  /** What the operator must see once the page is up. */
  check(page: Page): Promise<void>;
};

/** Waits until the store's last close has this code. */
async function waitForCloseCode(page: Page, code: number) {
  await page.waitForFunction(
    (wanted) => {
      type Handle = {
        store: { getState(): { connection: { lastClose: { code: number } | null } } };
      };
      return (
        (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState().connection
          .lastClose?.code === wanted
      );
    },
    code,
    { timeout: WAIT_MS },
  );
}

/** Milliseconds until the page draws its next frame: a page that stays responsive. */
async function nextFrameMs(page: Page): Promise<number> {
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  return Date.now() - started;
}

async function expectChartMoving(page: Page) {
  await page.waitForSelector('[data-metric="cargo_temperature"] path.recharts-line-curve', {
    timeout: WAIT_MS,
  });
  await waitForChartToMove(page, await chartLine(page));
}

const CASES: Record<string, Case> = {
  steady: {
    spec: 'steady',
    async check(page) {
      await waitForStatus(page, 'live');
      await expectChartMoving(page);
      // The embedded feed's first alert comes about 3 s in: listed, and toasted.
      const row = await page.waitForSelector('[data-alert-id]', { timeout: WAIT_MS });
      const id = await row.getAttribute('data-alert-id');
      await page.waitForSelector(`[data-toast-alert="${id}"]`, { timeout: WAIT_MS });
      await expectMockCaughtUp(page);
      expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    },
  },

  'flaky-network': {
    spec: 'flaky-network;meanGapMs=800;firstMs=1500;count=2',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'calm');
      await waitForStatus(page, 'live');
      await expectMockCaughtUp(page);
      const history = await badgeHistory(page);
      // A drop can land while the client is still reconnecting: at least one of two hits a live line.
      expect(history.filter((status) => status === 'live').length).toBeGreaterThanOrEqual(2);
      expect(history.at(-1)).toBe('live');
      expect(history).not.toContain('offline');
      expect((await connection(page)).lastClose?.code).toBe(1006);
      await expectChartMoving(page);
    },
  },

  'server-restart': {
    spec: 'server-restart;firstMs=1500;everyMs=0;downMs=500',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'up with epoch');
      const { epoch } = await mockBackend(page);
      await page.waitForFunction(
        (wanted) => {
          type Handle = {
            store: { getState(): { connection: { epoch: string; status: string } } };
          };
          const c = (
            window as unknown as { __PULSEBOARD__: Handle }
          ).__PULSEBOARD__.store.getState().connection;
          return c.epoch === wanted && c.status === 'live';
        },
        epoch,
        { timeout: WAIT_MS },
      );
      expect((await expectMockCaughtUp(page)).epoch).toBe(epoch);
      // Live, then a reconnect, then live on the new epoch: the client went through the restart.
      // No epoch is read before it: on a slow machine the page is ready only after the restart.
      const history = await badgeHistory(page);
      expect(history.slice(0, 3)).toEqual(['connecting', 'live', 'connecting']);
      expect(history.at(-1)).toBe('live');
      expect(history).not.toContain('offline');
      await expectChartMoving(page);
    },
  },

  'session-expiry': {
    spec: 'session-expiry;firstMs=1500;everyMs=0',
    async check(page) {
      await waitForStatus(page, 'live');
      const before = await connection(page);
      await waitForMockPhase(page, 'sessions expired');
      // Not "the session id changed": on a slow machine the page can be ready only after the
      // expiry at 1.5 s, and the id read here would already be the renewed one.
      await waitForCloseCode(page, 1008);
      await waitForStatus(page, 'live');
      const after = await connection(page);
      expect(after.epoch).toBe(before.epoch);
      await expectMockCaughtUp(page);
      // A renewal can finish within one frame, so its brief 'connecting' may never be drawn.
      expect([
        ['connecting', 'live'],
        ['connecting', 'live', 'connecting', 'live'],
      ]).toContainEqual(await badgeHistory(page));
      await expectChartMoving(page);
    },
  },

  'session-unrenewable': {
    spec: 'session-unrenewable;firstMs=1500',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'refusing every session');
      await waitForStatus(page, 'offline');
      const stopped = await connection(page);
      expect(stopped.state).toBe('stopped');
      expect(stopped.stopReason).toBe('session_unrenewable');
      // The badge says why it stopped, and the server's own words for the last refusal.
      const why = await page.locator('[data-testid="connection-badge"]').textContent();
      expect(why?.trim()).toBe('Offline session could not be renewed (session invalid)');
      // The QA controller's counters refresh once a second: wait for the refusals to show.
      await page.waitForFunction(
        () => {
          type Handle = { qa: { getSnapshot(): { stats: { hellosRejected: number } } } };
          const qa = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.qa;
          return qa.getSnapshot().stats.hellosRejected >= 3;
        },
        undefined,
        { timeout: WAIT_MS },
      );
      expect((await mockBackend(page)).stats.hellosRejected).toBe(3);
      expect((await badgeHistory(page)).at(-1)).toBe('offline');
    },
  },

  'websocket-blocked': {
    // Blocked from the start, fixed 4 s in: the fallback comes about 2 s in, after three refusals.
    spec: 'websocket-blocked;firstMs=0;forMs=4000',
    async check(page) {
      await waitForStatus(page, 'fallback');
      await expectChartMoving(page); // data still flowing over HTTP
      await waitForMockPhase(page, 'websocket restored');
      await waitForStatus(page, 'live');
      await expectMockCaughtUp(page);
      await expectChartMoving(page);
      expect(await badgeHistory(page)).toEqual(['connecting', 'fallback', 'live']);
      // Three refusals before the fallback, one probe at once on it, and at most one more
      // probe (every 3 s ± 20 %) before the block lifts 4 s in.
      const { upgradesRefused } = (await mockBackend(page)).stats;
      expect(upgradesRefused).toBeGreaterThanOrEqual(4);
      expect(upgradesRefused).toBeLessThanOrEqual(5);
    },
  },

  'alert-storm': {
    spec: 'alert-storm;firstMs=1000;count=60;overMs=500;everyMs=0',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'storm 1');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-alert-id^="storm_"]').length >= 60,
        undefined,
        { timeout: WAIT_MS },
      );
      const storm = await page.evaluate(() =>
        [...document.querySelectorAll('[data-alert-id^="storm_"]')].map(
          (row) => row.getAttribute('data-alert-id') ?? '',
        ),
      );
      expect(storm).toHaveLength(60);
      await expectEachAlertOnce(page, storm);
      await page.waitForSelector('[data-toast-alert^="storm_"]', { timeout: WAIT_MS });
      const summary = await page.waitForSelector('[data-toast-summary]', { timeout: WAIT_MS });
      expect(Number(await summary.getAttribute('data-toast-summary'))).toBeGreaterThan(0);
      expect(await nextFrameMs(page), 'a frame right after the storm').toBeLessThan(1_000);
      const { alerts } = await expectMockCaughtUp(page);
      expect(alerts.filter((id) => id.startsWith('storm_')).sort()).toEqual([...storm].sort());
      expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    },
  },

  'malformed-frames': {
    spec: 'malformed-frames;firstMs=1500;everyMs=0',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'bad frames');
      await waitForBadFramesCounted(page);
      const { errors } = await connection(page);
      expect(errors).toMatchObject({ invalid_json: 1, unknown_type: 1, oversized: 1 });
      expect(errors.invalid_shape).toBeGreaterThanOrEqual(3);
      const html = await page.waitForSelector('[data-alert-id^="html_"]', { timeout: WAIT_MS });
      expect(await html.textContent()).toContain('<img src=x');
      expect(await page.locator('[data-alert-id] img, [data-toast-alert] img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
        undefined,
      );
      await expectMockCaughtUp(page);
      expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
      expect((await mockBackend(page)).stats.connectionsAccepted).toBe(1);
    },
  },

  'sequence-gap': {
    spec: 'sequence-gap;firstMs=1500;everyMs=0;lost=3;duplicates=2',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'round 1');
      const gap = await page.waitForSelector('[data-alert-id^="gap_"]', { timeout: WAIT_MS });
      const after = await connection(page);
      expect(after.errors.sequence_gap).toBe(1);
      expect(after.duplicatesDropped).toBeGreaterThanOrEqual(2);
      const { alerts } = await expectMockCaughtUp(page);
      expect(alerts).toContain(await gap.getAttribute('data-alert-id'));
      expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
      expect((await mockBackend(page)).stats.connectionsAccepted).toBe(1);
      await expectChartMoving(page);
    },
  },

  'slow-network': {
    // The round trip shown beside the badge needs a heartbeat ping, and the embedded backend
    // beats every 15 s; the reference-server test (1 s beat) asserts the latency itself. Here:
    // still live through the delay, no false dead-line alarm, data late but complete.
    spec: 'slow-network;latencyMs=300',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'latency 300 ms');
      await expectMockCaughtUp(page);
      await expectChartMoving(page);
      expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
      expect((await mockBackend(page)).stats.connectionsAccepted).toBe(1);
    },
  },

  burst: {
    spec: 'burst;firstMs=500;forMs=1500;everyMs=0;samplesPerSecond=2000;messagesPerSecond=40',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'burst 1');
      await waitForMockPhase(page, 'calm');
      await expectMockCaughtUp(page);
      await expectChartMoving(page);
      expect(await nextFrameMs(page), 'a frame after the burst').toBeLessThan(1_000);
      expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    },
  },

  'half-open': {
    spec: 'half-open;firstMs=1500;everyMs=0;heartbeatMs=1000',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'line frozen');
      await waitForCloseCode(page, 4000); // the client's own "dead line" close
      await waitForStatus(page, 'live');
      await expectMockCaughtUp(page);
      expect(await badgeHistory(page)).toEqual(['connecting', 'live', 'connecting', 'live']);
      await expectChartMoving(page);
    },
  },

  'catalog-change': {
    spec: 'catalog-change;firstMs=1500;everyMs=0',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'catalogue changed');
      await waitForPanelTitle(page, 'on_time_rate', 'Delivered on time');
      await expectMockCaughtUp(page);
      expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
      expect(await page.locator('[data-testid="data-problems"]').count()).toBe(0);
    },
  },

  v1: {
    spec: 'v1',
    async check(page) {
      await waitForStatus(page, 'live');
      await expectChartMoving(page);
      await waitForPanelTitle(page, 'on_time_rate', 'On-time rate');
      // No catalogue: no control charts, no topics to choose, nothing counted as a problem.
      expect(await page.locator('[data-chart="control"], [data-topic]').count()).toBe(0);
      await expectMockCaughtUp(page);
      expect(await page.locator('[data-testid="data-problems"]').count()).toBe(0);
    },
  },

  'quality-drift': {
    spec: 'quality-drift;firstMs=500;everyMs=0',
    async check(page) {
      await waitForStatus(page, 'live');
      await waitForMockPhase(page, 'quality drift 1');
      // product:42 is on by default: its control chart counts the run the drift makes.
      await page.waitForFunction(
        () =>
          Number(
            document
              .querySelector('[data-metric="p42_wall_thickness"]')
              ?.getAttribute('data-violations') ?? 0,
          ) > 0,
        undefined,
        { timeout: WAIT_MS },
      );
      await expectMockCaughtUp(page);
      expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    },
  },
};

/** Waits until a metric's panel is titled `text` (the catalogue's label, or the built-in one). */
async function waitForPanelTitle(page: Page, metric: string, text: string) {
  await page.waitForFunction(
    ([name, want]) =>
      document.querySelector(`[data-metric="${name}"] .panel__title`)?.textContent === want,
    [metric, text] as const,
    { timeout: WAIT_MS },
  );
}

describe.skipIf(!hasChromium)('every scenario in the browser demo (mock mode)', () => {
  const suite = scenarioSuite();

  it('has a browser case for every scenario of backend/scenarios.ts', () => {
    expect(Object.keys(CASES).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.name} by link: ${CASES[scenario.name]?.spec ?? '(no case)'}`, async () => {
      const c = CASES[scenario.name];
      if (!c) throw new Error(`No browser case for "${scenario.name}": add one to CASES`);
      const parsed = parseScenarios(c.spec);
      expect(parsed.ok && parsed.value.map((s) => s.name)).toEqual([scenario.name]);
      const { page, log } = await suite.open(null, `&scenario=${encodeURIComponent(c.spec)}`);
      // The page renders: the QA panel runs exactly this link's scenario, nothing was ignored,
      // and a panel for every metric of the feed is on screen.
      await page.waitForSelector('[data-testid="qa-panel"]', { timeout: WAIT_MS });
      expect((await mockBackend(page)).scenario).toBe(c.spec);
      expect(await page.locator('[data-qa="scenario-now"]').textContent()).toContain(c.spec);
      expect(await page.locator('.notice[role="alert"]').count()).toBe(0);
      for (const metric of COLD_CHAIN_METRICS)
        await page.waitForSelector(`[data-metric="${metric.name}"]`, { timeout: WAIT_MS });
      await c.check(page);
      expect(appErrors(log)).toEqual([]);
    });
  }
});
