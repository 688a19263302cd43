import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  startUpgradeStrippingProxy,
  type UpgradeStrippingProxy,
} from '../../../server/upgrade-stripping-proxy';
import { spawnReferenceServer, type ServerProcess } from '../../server/spawn-server';
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
  waitForSeq,
  waitForStatus,
  WAIT_MS,
} from './harness';

/** Waits until the page's store reports a value other than `before` for a connection field. */
async function waitForChange(page: Page, field: 'epoch' | 'sessionId', before: string | null) {
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

type ControlState = { epoch: string; seq: number };

async function control(server: ServerProcess, fault?: object): Promise<ControlState> {
  const response = fault
    ? await fetch(`${server.url}/control/fault`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      })
    : await fetch(`${server.url}/control/state`);
  return (await response.json()) as ControlState;
}

describe.skipIf(!hasChromium)('scenarios in the browser: the server', () => {
  const suite = scenarioSuite();

  it('server-restart: connecting through the downtime, then live on the new epoch', async () => {
    const server = await suite.server('server-restart;firstMs=2000;everyMs=0;downMs=1500');
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    const before = (await connection(page)).epoch;
    await phaseReached(server, 'up with epoch');
    await waitForChange(page, 'epoch', before);
    expect((await connection(page)).epoch).toBe(server.backend.epoch);
    await expectCaughtUp(page, server);
    await waitForChartToMove(page, await chartLine(page));
    const history = await badgeHistory(page);
    expect(history.slice(0, 3)).toEqual(['connecting', 'live', 'connecting']);
    expect(history.at(-1)).toBe('live');
    expect(history).not.toContain('offline');
    expect(appErrors(log)).toEqual([]);
  });

  it('a killed server process: connecting while it is gone, live on the new one', async () => {
    let server = await spawnReferenceServer(['--port', '0', '--tick-ms', '100']);
    const { port } = server;
    const { page, log, extraLog } = await suite.open(server.url);
    // On failure the artifacts get both server processes' output too.
    const output = () => extraLog.push('[server]', ...server.output);
    try {
      await waitForStatus(page, 'live');
      // Exact seq only means something with the feed paused: a running feed may move past the
      // number between two looks (several messages land in one store commit).
      const first = await control(server, { type: 'pause-feed', on: true });
      await waitForSeq(page, first.epoch, first.seq);
      await control(server, { type: 'pause-feed', on: false });
      await server.kill(); // SIGKILL: no close frame, no goodbye
      output();
      await waitForStatus(page, 'connecting');
      server = await spawnReferenceServer(['--port', String(port), '--tick-ms', '100']);
      extraLog.push(`[respawned at ${new Date().toISOString()}]`);
      await waitForStatus(page, 'live', 20_000);
      const paused = await control(server, { type: 'pause-feed', on: true });
      expect(paused.epoch).not.toBe(first.epoch);
      await waitForSeq(page, paused.epoch, paused.seq);
      await control(server, { type: 'pause-feed', on: false });
      await waitForChartToMove(page, await chartLine(page));
      const history = await badgeHistory(page);
      expect(history.slice(0, 3)).toEqual(['connecting', 'live', 'connecting']);
      expect(history.at(-1)).toBe('live');
      expect(appErrors(log)).toEqual([]);
    } finally {
      output();
      await server.kill();
    }
  });

  it('session-expiry: 1008, a new session, live again in the same epoch with nothing lost', async () => {
    const server = await suite.server('session-expiry;firstMs=2000;everyMs=0');
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    const before = await connection(page);
    await phaseReached(server, 'sessions expired');
    await waitForChange(page, 'sessionId', before.sessionId);
    const after = await connection(page);
    expect(after.lastClose?.code).toBe(1008);
    expect(after.epoch).toBe(before.epoch);
    await expectCaughtUp(page, server);
    // A renewal can finish within one frame, so its brief 'connecting' may never be drawn.
    expect([
      ['connecting', 'live'],
      ['connecting', 'live', 'connecting', 'live'],
    ]).toContainEqual(await badgeHistory(page));
    await waitForChartToMove(page, await chartLine(page));
    expect(appErrors(log)).toEqual([]);
  });

  it('session-unrenewable: stops after three renewals, says why, and does not loop', async () => {
    const server = await suite.server('session-unrenewable;firstMs=1500', { tickMs: 100 });
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'live');
    await phaseReached(server, 'refusing every session');
    const sessionsBefore = server.backend.stats.sessionsStarted;
    await waitForStatus(page, 'offline');
    const stopped = await connection(page);
    expect(stopped.state).toBe('stopped');
    expect(stopped.stopReason).toBe('session_unrenewable');
    const why = await page.locator('[data-testid="connection-badge"]').textContent();
    expect(why?.trim()).not.toBe('Offline'); // the badge says why, not just that it stopped
    expect(server.backend.stats.hellosRejected).toBe(3);
    const tries = server.backend.stats.sessionsStarted;
    expect(tries - sessionsBefore).toBe(3);
    // Let fifteen feed ticks pass (1.5 s, most of a fast backoff cycle): a loop would show.
    const seq = server.backend.seq;
    await new Promise<void>((resolve) => {
      const off = server.backend.onPublish(() => {
        if (server.backend.seq < seq + 15) return;
        off();
        resolve();
      });
    });
    expect(server.backend.stats.sessionsStarted).toBe(tries);
    expect((await connection(page)).state).toBe('stopped');
    expect(appErrors(log)).toEqual([]);
  });

  it('websocket-blocked: 403 on upgrade, HTTP fallback with data flowing, live once fixed', async () => {
    const server = await suite.server('websocket-blocked;firstMs=0;forMs=0');
    const { page, log } = await suite.open(server.url);
    await waitForStatus(page, 'fallback');
    expect(server.backend.stats.upgradesRefused).toBeGreaterThanOrEqual(3);
    await page.waitForSelector('[data-metric="cargo_temperature"] path.recharts-line-curve', {
      timeout: WAIT_MS,
    });
    await waitForChartToMove(page, await chartLine(page));
    await expectCaughtUp(page, server);
    server.backend.faults.wsBlocked = false;
    await waitForStatus(page, 'live');
    await expectCaughtUp(page, server);
    expect(await badgeHistory(page)).toEqual(['connecting', 'fallback', 'live']);
    expect(appErrors(log)).toEqual([]);
  });

  it('a proxy that strips Upgrade: fallback through the proxy, live once the proxy is fixed', async () => {
    const server = await suite.server('steady');
    let proxy: UpgradeStrippingProxy | undefined;
    try {
      proxy = await startUpgradeStrippingProxy(server.url);
      const { page, log } = await suite.open(proxy.url);
      await waitForStatus(page, 'fallback');
      expect(server.backend.stats.connectionsAccepted).toBe(0);
      await expectCaughtUp(page, server);
      proxy.stripping = false;
      await waitForStatus(page, 'live');
      await expectCaughtUp(page, server);
      expect(await badgeHistory(page)).toEqual(['connecting', 'fallback', 'live']);
      expect(appErrors(log)).toEqual([]);
    } finally {
      await proxy?.close();
    }
  });
});
