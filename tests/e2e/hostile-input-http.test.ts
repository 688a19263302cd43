import { describe, it, vi } from 'vitest';
import { MAX_SNAPSHOT_BYTES } from '../../src/realtime/limits';
import { hasChromium } from './chromium';
import {
  ENGINES,
  expectAnswers,
  hostileSuite,
  live,
  problems,
  waitForAlertRow,
  waitForLineKinds,
  waitForPanel,
  waitForProblem,
} from './hostile-input-kit';
import {
  alertBody,
  declaredHugeReply,
  jsonReply,
  rawReply,
  streamedReply,
  until,
  type StreamTally,
} from './hostile-server';
import { waitForStatus } from './scenarios/harness';

/**
 * The dashboard in headless Chromium against a backend whose HTTP answers attack it: a session
 * start nested 100,000 deep, snapshots that are huge (streamed, or declared) or malformed, and,
 * on the HTTP fallback (WebSocket refused with 403), poll answers that are malformed or huge.
 * Each case: the page answers, the valid data is shown, the refusal is counted and on screen.
 */

vi.setConfig({ maxConcurrency: 2 });

const DEEP = '['.repeat(100_000) + ']'.repeat(100_000);
const MB = 1024 * 1024;
/** Far over every cap, and over what socket buffers between server and page can swallow. */
const HUGE = 64 * MB;

describe.skipIf(!hasChromium)('hostile HTTP answers in the browser', () => {
  const { open } = hostileSuite();

  for (const engine of ENGINES) {
    describe.concurrent(`${engine} engine`, () => {
      it('clamps a session start whose ttlMs is nested 100,000 deep, counts it and goes live', async (ctx) => {
        const { expect } = ctx;
        const opened = await open(ctx, engine, (server) => {
          const body = `{"sessionId":"${server.sessionId}","ttlMs":${DEEP}}`;
          server.sessionStarts.push(rawReply(201, body));
          server.snapshotSamples = [{ name: 'after-session', ts: Date.now(), value: 1 }];
        });
        const { page, server } = opened;
        await live(page, server);
        await waitForPanel(page, 'after-session');
        await waitForProblem(page, 'ttl_clamped');
        expect((await problems(page)).counts).toEqual({ ttl_clamped: 1 });
        await expectAnswers(opened);
      });

      it('refuses snapshots that are huge (streamed or declared) or malformed, says so, and shows the next good one', async (ctx) => {
        const { expect } = ctx;
        const streamed: StreamTally = { written: 0, ended: false, abandoned: false };
        const opened = await open(ctx, engine, (server) => {
          server.snapshots.push(
            streamedReply(HUGE, streamed),
            declaredHugeReply(50 * MB),
            rawReply(200, '{"epoch": "e", "seq": 1, "samples": [{"name": '),
            jsonReply(200, { epoch: 42, seq: 'x' }),
          );
          server.snapshotSamples = [{ name: 'snap-metric', ts: Date.now(), value: 7 }];
          server.snapshotAlerts = [alertBody('snap-alert')];
        });
        const { page, server } = opened;
        await live(page, server);
        await waitForPanel(page, 'snap-metric');
        await waitForAlertRow(page, 'snap-alert');
        await server.send(server.metrics([{ name: 'after-snapshot', ts: Date.now(), value: 1 }]));
        await waitForPanel(page, 'after-snapshot');

        // The streamed body was abandoned, not read to its end (socket buffers took some more).
        await until(() => streamed.abandoned, 'the page to stop reading the streamed snapshot');
        expect(streamed.ended).toBe(false);
        expect(streamed.written).toBeGreaterThan(MAX_SNAPSHOT_BYTES);
        expect(streamed.written).toBeLessThan(HUGE);
        expect(server.requests.filter((r) => r.startsWith('GET /api/snapshot'))).toHaveLength(5);
        expect((await problems(page)).counts).toEqual({ http_oversized: 2, http_error: 2 });
        await waitForLineKinds(page, ['http_oversized', 'http_error']);
        await expectAnswers(opened);
      });

      it('on the HTTP fallback, refuses poll answers that are malformed or huge, says so, and shows what the next poll brings', async (ctx) => {
        const { expect } = ctx;
        const streamed: StreamTally = { written: 0, ended: false, abandoned: false };
        const opened = await open(ctx, engine, (server) => {
          // A proxy that refuses WebSocket: three failed upgrades send the client to HTTP.
          server.refuseUpgrades = 403;
          server.polls.push(
            jsonReply(200, { epoch: server.epoch, messages: [] }),
            rawReply(200, '{"epoch": "hostile-epoch-1", "messages": [{"type":'),
            streamedReply(HUGE, streamed),
          );
          // The snapshot says seq 0; these follow it. (Not `next()`: the snapshot would skip them.)
          const sample = { name: 'polled', ts: Date.now(), value: 3 };
          server.pollMessages = [
            { type: 'metrics', seq: 1, samples: [sample] },
            { type: 'surprise', seq: 99 },
            { type: 'alert', seq: 2, alert: alertBody('polled-alert') },
          ];
        });
        const { page, server } = opened;
        await waitForStatus(page, 'fallback');
        await waitForPanel(page, 'polled');
        await waitForAlertRow(page, 'polled-alert');
        await waitForStatus(page, 'fallback');
        expect(
          server.requests.filter((r) => r.startsWith('UPGRADE')).length,
        ).toBeGreaterThanOrEqual(3);
        await until(() => streamed.abandoned, 'the page to stop reading the huge poll answer');
        expect(streamed.ended).toBe(false);
        expect(streamed.written).toBeLessThan(HUGE);
        await waitForProblem(page, 'unknown_type');
        expect((await problems(page)).counts).toEqual({
          http_error: 1,
          http_oversized: 1,
          unknown_type: 1,
        });
        await waitForLineKinds(page, ['http_error', 'http_oversized', 'unknown_type']);
        await expectAnswers(opened, 'fallback');
      });
    });
  }
});
