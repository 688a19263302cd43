import { describe, expect, it } from 'vitest';
import { hasChromium } from './chromium';
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
} from './scenarios/harness';

/**
 * The same operator-visible behaviour with the engine in a Web Worker (`?engine=worker`): the
 * tab's own (`&share=off`, the route where tabs do not share), and the shared one's fallback.
 * Sharing itself is tests/e2e/shared-tabs.test.ts.
 */
describe.skipIf(!hasChromium)('the realtime engine in a Web Worker', () => {
  const suite = scenarioSuite();

  it('goes live, draws, and holds the server stream exactly', async () => {
    const server = await suite.server('steady');
    const { page, log } = await suite.open(server.url, '&engine=worker&share=off');
    await waitForStatus(page, 'live');
    const workers = await page.evaluate(() =>
      performance.getEntriesByType('resource').some((e) => e.name.includes('realtime.worker')),
    );
    expect(workers, 'the worker script was loaded').toBe(true);
    await waitForChartToMove(page, await chartLine(page));
    await expectCaughtUp(page, server);
    expect(appErrors(log)).toEqual([]);
  });

  it('survives a server restart and a blocked WebSocket like the page engine', async () => {
    const server = await suite.server('server-restart;firstMs=1500;everyMs=0;downMs=1000');
    const { page, log } = await suite.open(server.url, '&engine=worker');
    await waitForStatus(page, 'live');
    await phaseReached(server, 'up with epoch');
    await page.waitForFunction(
      (epoch) => {
        type Handle = { store: { getState(): { connection: { epoch: string } } } };
        return (
          (window as unknown as { __PULSEBOARD__: Handle }).__PULSEBOARD__.store.getState()
            .connection.epoch === epoch
        );
      },
      server.backend.epoch,
      { timeout: 15_000 },
    );
    await expectCaughtUp(page, server);
    expect((await connection(page)).epoch).toBe(server.backend.epoch);
    server.backend.faults.wsBlocked = true;
    server.backend.dropAll();
    await waitForStatus(page, 'fallback');
    server.backend.faults.wsBlocked = false;
    await waitForStatus(page, 'live');
    await expectCaughtUp(page, server);
    expect(await badgeHistory(page)).toContain('fallback');
    expect(appErrors(log)).toEqual([]);
  });

  it('runs the engine on the page when the worker script cannot load', async () => {
    const server = await suite.server('steady');
    const { page, log } = await suite.open(server.url, '&engine=worker&share=off', (p) =>
      // As a strict CSP or a broken deploy would: the worker's script never arrives.
      p.route(/realtime\.worker/, (route) => route.abort()),
    );
    await waitForStatus(page, 'live');
    await waitForChartToMove(page, await chartLine(page));
    await expectCaughtUp(page, server);
    expect(log.some((line) => line.includes('did not start; running the engine on the page'))).toBe(
      true,
    );
    expect(appErrors(log)).toEqual([]);
  });

  it('runs this tab its own engine when the shared engine script cannot load', async () => {
    const server = await suite.server('steady');
    const { page, log } = await suite.open(server.url, '&engine=worker', (p) =>
      p.route(/shared-engine\.worker/, (route) => route.abort()),
    );
    await waitForStatus(page, 'live');
    await waitForChartToMove(page, await chartLine(page));
    await expectCaughtUp(page, server);
    expect(log.some((line) => line.includes('the shared realtime engine did not start'))).toBe(
      true,
    );
    expect(appErrors(log)).toEqual([]);
  });
});
