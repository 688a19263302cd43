import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../backend/random';
import { hasChromium } from '../chromium';
import {
  appErrors,
  badgeHistory,
  chartLine,
  connection,
  expectCaughtUp,
  phaseReached,
  scenarioSuite,
  waitForChartToMove,
  waitForStatus,
  WAIT_MS,
} from './harness';
import { watchLines } from './line-watch';

/**
 * The built dashboard on the reference server, one test per network scenario: what the
 * operator sees through each phase, and that nothing is lost once the weather clears.
 */
describe.skipIf(!hasChromium)('scenarios in the browser: the network', () => {
  const suite = scenarioSuite();

  it('steady: live, charts moving, each alert listed once and toasted, no QA panel', async () => {
    const server = await suite.server('steady');
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    await page.waitForSelector('[data-metric="cargo_temperature"] path.recharts-line-curve', {
      timeout: WAIT_MS,
    });
    await waitForChartToMove(page, await chartLine(page));
    const row = await page.waitForSelector('[data-alert-id]', { timeout: WAIT_MS });
    const id = await row.getAttribute('data-alert-id');
    await page.waitForSelector(`[data-toast-alert="${id}"]`, { timeout: WAIT_MS });
    await expectCaughtUp(page, server);
    expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    expect(await page.locator('[data-testid="qa-panel"]').count()).toBe(0);
    expect(appErrors(log)).toEqual([]);
  });

  it('flaky-network: connecting after each drop, live again, nothing lost', async () => {
    const server = await suite.server('flaky-network;firstMs=1500;meanGapMs=1500;count=3', {
      random: seededRandom(3),
    });
    const lines = watchLines(server.backend);
    const { page, log } = await suite.open(server.url);
    await phaseReached(server, 'calm');
    // The last drop may still be on its way to the page (the worker engine reports in batches):
    // data the server sent after the calm began can only arrive once that drop has been handled.
    const calmSeq = server.backend.seq;
    await page.waitForFunction(
      (after) => {
        type Handle = {
          store: { getState(): { connection: { status: string; lastSeq: number | null } } };
        };
        const c = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
          .connection;
        return c.status === 'live' && (c.lastSeq ?? 0) > after;
      },
      calmSeq,
      { timeout: WAIT_MS },
    );
    await expectCaughtUp(page, server);
    const history = await badgeHistory(page);
    // Every drop of a welcomed line is one more "live" after its "connecting" (a drop can also
    // land while the page is still loading or reconnecting, and then costs no live line).
    expect(lines.droppedLive).toBeGreaterThan(0);
    expect(history.filter((status) => status === 'live').length).toBe(1 + lines.droppedLive);
    expect(history.at(-1)).toBe('live');
    expect((await connection(page)).lastClose?.code).toBe(1006);
    await waitForChartToMove(page, await chartLine(page));
    expect(appErrors(log)).toEqual([]);
  });

  it('slow-network: stays live with no false dead-line alarm and shows the latency', async () => {
    const server = await suite.server('slow-network;latencyMs=600', { heartbeatMs: 1_000 });
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    await page.waitForFunction(
      () => {
        type Handle = { store: { getState(): { connection: { latencyMs: number | null } } } };
        const c = (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
          .connection;
        return (c.latencyMs ?? 0) >= 600;
      },
      undefined,
      { timeout: WAIT_MS },
    );
    await waitForChartToMove(page, await chartLine(page));
    await expectCaughtUp(page, server);
    expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    expect(server.backend.stats.connectionsAccepted).toBe(1);
    expect(appErrors(log)).toEqual([]);
  });

  it('half-open: the silent line is declared dead within two beats and replaced', async () => {
    const server = await suite.server('half-open;firstMs=2000;heartbeatMs=1000');
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    await phaseReached(server, 'line frozen');
    await page.waitForFunction(
      () => {
        type Handle = {
          store: { getState(): { connection: { lastClose: { code: number } | null } } };
        };
        return (
          (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
            .connection.lastClose?.code === 4000
        );
      },
      undefined,
      { timeout: WAIT_MS },
    );
    await waitForStatus(page, 'live');
    await expectCaughtUp(page, server);
    expect(await badgeHistory(page)).toEqual(['connecting', 'live', 'connecting', 'live']);
    await waitForChartToMove(page, await chartLine(page));
    expect(appErrors(log)).toEqual([]);
  });

  it('burst: thousands of samples a second, still live, nothing lost, charts drawing', async () => {
    const server = await suite.server(
      'burst;firstMs=1000;forMs=2000;everyMs=0;samplesPerSecond=4000;messagesPerSecond=50',
    );
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    await phaseReached(server, 'calm');
    await expectCaughtUp(page, server);
    await waitForChartToMove(page, await chartLine(page));
    const started = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(Date.now() - started, 'a frame after the burst').toBeLessThan(1_000);
    expect(await badgeHistory(page)).toEqual(['connecting', 'live']);
    expect(appErrors(log)).toEqual([]);
  });
});
