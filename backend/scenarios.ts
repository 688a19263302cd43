import { floodAlerts } from './alert-flood';
import { catalogChange, qualityDrift, v1 } from './catalog-scenarios';
import { COLD_CHAIN_METRICS } from './feed';
import { MALFORMED_KINDS, sendMalformed } from './malformed';
import { defineScenario, type Scenario } from './scenario';

/**
 * The catalogue: every misbehaviour the field reports (../shared/seeds) describe, as a named
 * scenario. Defaults suit a person watching the demo; tests pass shorter params
 * (`session-expiry;firstMs=500`). Each `expect` line is what the browser tests assert.
 */

const once = (everyMs: number) => (everyMs === 0 ? 1 : 0);

export const steady = defineScenario({
  name: 'steady',
  summary: 'The normal feed: a sample of every metric each tick, an alert now and then.',
  expect: 'Live badge, charts moving, each alert listed once and toasted.',
  params: {},
  run() {},
});

export const flakyNetwork = defineScenario({
  name: 'flaky-network',
  summary: 'The network drops every connection at random intervals, with no close frame (1006).',
  expect: 'Connecting after each drop, live again within the backoff; no message lost or doubled.',
  params: {
    meanGapMs: { default: 8_000, doc: 'mean time between drops (each gap is 0.5x to 1.5x)' },
    firstMs: { default: 4_000, doc: 'time before the first drop' },
    count: { default: 0, doc: 'drops before the network calms down; 0 = never' },
  },
  run(ctx, p) {
    ctx.repeat(
      { firstMs: p.firstMs, everyMs: () => p.meanGapMs * (0.5 + ctx.random()), count: p.count },
      (run) => {
        ctx.phase(`drop ${run + 1}`);
        ctx.backend.dropAll();
        if (p.count > 0 && run + 1 === p.count) ctx.phase('calm');
      },
    );
  },
});

export const serverRestart = defineScenario({
  name: 'server-restart',
  summary:
    'The server restarts: closes with 1012, is down for a moment (HTTP 503, upgrades refused), ' +
    'then comes back with a new epoch and an empty replay log.',
  expect: 'Connecting while down, then live with the new epoch and a fresh snapshot.',
  params: {
    firstMs: { default: 8_000, doc: 'time before the first restart' },
    everyMs: { default: 30_000, doc: 'time between restarts; 0 = once' },
    downMs: { default: 1_500, doc: 'how long the server is down' },
  },
  run(ctx, p) {
    ctx.repeat({ firstMs: p.firstMs, everyMs: p.everyMs, count: once(p.everyMs) }, () => {
      ctx.phase('restarting');
      ctx.backend.restart();
      ctx.backend.faults.unavailable = true;
      ctx.after(p.downMs, () => {
        ctx.backend.faults.unavailable = false;
        ctx.phase(`up with epoch ${ctx.backend.epoch}`);
      });
    });
  },
});

export const sessionExpiry = defineScenario({
  name: 'session-expiry',
  summary: 'Every session expires: connections close with 1008; a new session works.',
  expect: 'Connecting briefly, a new session, live again with nothing lost (same epoch).',
  params: {
    firstMs: { default: 8_000, doc: 'time before the first expiry' },
    everyMs: { default: 30_000, doc: 'time between expiries; 0 = once' },
  },
  run(ctx, p) {
    ctx.repeat({ firstMs: p.firstMs, everyMs: p.everyMs, count: once(p.everyMs) }, (run) => {
      ctx.phase(`sessions expired (${run + 1})`);
      ctx.backend.expireSessions();
    });
  },
});

export const sessionUnrenewable = defineScenario({
  name: 'session-unrenewable',
  summary:
    'Sessions expire and every renewed one is refused with 1008 too (field report 002: a retry ' +
    'loop here hammers the server).',
  expect: 'After 3 renewals with no welcome the client stops, says why, and does not loop.',
  params: {
    firstMs: { default: 6_000, doc: 'time before sessions start being refused' },
  },
  run(ctx, p) {
    ctx.after(p.firstMs, () => {
      ctx.phase('refusing every session');
      ctx.backend.faults.rejectSessions = true;
      ctx.backend.expireSessions();
    });
  },
});

export const websocketBlocked = defineScenario({
  name: 'websocket-blocked',
  summary:
    'A proxy refuses WebSocket upgrades (the reference server answers 403) while HTTP works; ' +
    'later the proxy is fixed.',
  expect: 'HTTP fallback badge with data still flowing, then live again once WebSocket works.',
  params: {
    firstMs: { default: 0, doc: 'when the block starts (open connections are dropped)' },
    forMs: { default: 20_000, doc: 'how long WebSocket stays blocked; 0 = for good' },
  },
  run(ctx, p) {
    const block = () => {
      ctx.phase('websocket blocked');
      ctx.backend.faults.wsBlocked = true;
      ctx.backend.dropAll();
      if (p.forMs > 0)
        ctx.after(p.forMs, () => {
          ctx.phase('websocket restored');
          ctx.backend.faults.wsBlocked = false;
        });
    };
    // Blocked from the start means before any client arrives, not one timer turn later.
    if (p.firstMs === 0) block();
    else ctx.after(p.firstMs, block);
  },
});

export const alertStorm = defineScenario({
  name: 'alert-storm',
  summary: 'Hundreds of alerts in a few seconds (a cascade of sensor faults).',
  expect: 'Every alert listed exactly once, toasts shown, the page stays responsive.',
  params: {
    firstMs: { default: 3_000, doc: 'time before the storm' },
    count: { default: 300, doc: 'alerts per storm' },
    overMs: { default: 2_000, doc: 'how long a storm lasts' },
    everyMs: { default: 0, doc: 'time between storms; 0 = once' },
  },
  run(ctx, p) {
    ctx.repeat({ firstMs: p.firstMs, everyMs: p.everyMs, count: once(p.everyMs) }, (run) => {
      ctx.phase(`storm ${run + 1}: ${p.count} alerts`);
      floodAlerts(ctx.backend, { count: p.count, overMs: p.overMs }, ctx.after);
    });
  },
});

export const malformedFrames = defineScenario({
  name: 'malformed-frames',
  summary:
    'Between real messages the server sends invalid JSON, a bare "ping", an unknown type, ' +
    'wrong shapes, a frame over 1 MiB and HTML in alert text.',
  expect: 'Each counted and dropped; the line stays live; no real message lost; no markup runs.',
  params: {
    firstMs: { default: 2_000, doc: 'time before the first round' },
    everyMs: { default: 6_000, doc: 'time between rounds (each sends every kind); 0 = once' },
  },
  run(ctx, p) {
    ctx.repeat({ firstMs: p.firstMs, everyMs: p.everyMs, count: once(p.everyMs) }, (run) => {
      ctx.phase(`bad frames, round ${run + 1}`);
      for (const kind of MALFORMED_KINDS) sendMalformed(ctx.backend, kind);
    });
  },
});

export const sequenceGap = defineScenario({
  name: 'sequence-gap',
  summary:
    'Messages go missing in transit (one of them an alert) and others arrive twice, on a ' +
    'connection that never closes.',
  expect: 'The gap is noticed and filled from a snapshot; duplicates dropped; each alert once.',
  params: {
    firstMs: { default: 3_000, doc: 'time before the first round' },
    everyMs: { default: 8_000, doc: 'time between rounds; 0 = once' },
    lost: { default: 3, doc: 'messages lost per round (the first is an alert)' },
    duplicates: { default: 2, doc: 'recent messages sent again per round' },
  },
  run(ctx, p) {
    ctx.repeat({ firstMs: p.firstMs, everyMs: p.everyMs, count: once(p.everyMs) }, (run) => {
      ctx.phase(`round ${run + 1}: ${p.duplicates} duplicated, ${p.lost} lost`);
      ctx.backend.resend(p.duplicates);
      if (p.lost > 0) {
        ctx.backend.withhold(p.lost);
        ctx.backend.raiseAlert(makeGapAlert(ctx.backend.clock.now(), run));
      }
    });
  },
});

export const slowNetwork = defineScenario({
  name: 'slow-network',
  summary: 'Every frame and HTTP answer from the server is delayed (a congested mobile link).',
  expect: 'Still live (no false dead-line alarm), latency shown, data late but complete.',
  params: {
    latencyMs: { default: 800, doc: 'delay added to everything the server sends' },
  },
  run(ctx, p) {
    ctx.phase(`latency ${p.latencyMs} ms`);
    ctx.backend.faults.latencyMs = p.latencyMs;
  },
});

export const burst = defineScenario({
  name: 'burst',
  summary: 'The feed bursts to thousands of samples per second, then calms down.',
  expect: 'Stays live, nothing lost, charts keep drawing, the page stays responsive.',
  params: {
    firstMs: { default: 2_000, doc: 'time before the first burst' },
    forMs: { default: 4_000, doc: 'length of a burst' },
    everyMs: { default: 20_000, doc: 'time between burst starts; 0 = once' },
    samplesPerSecond: { default: 4_000, doc: 'samples per second during a burst' },
    messagesPerSecond: { default: 50, doc: 'metrics messages per second during a burst' },
  },
  run(ctx, p) {
    const { backend } = ctx;
    const tickMs = 1_000 / Math.max(1, p.messagesPerSecond);
    const samplesPerTick = Math.max(
      1,
      Math.round(p.samplesPerSecond / Math.max(1, p.messagesPerSecond) / COLD_CHAIN_METRICS.length),
    );
    ctx.repeat({ firstMs: p.firstMs, everyMs: p.everyMs, count: once(p.everyMs) }, (run) => {
      ctx.phase(`burst ${run + 1}: ${p.samplesPerSecond} samples/s`);
      // The burst is the feed itself running faster, so the walk and the timestamps stay one
      // monotonic series (a second source would interleave out-of-order points).
      const calm = backend.tuning;
      backend.tune({ tickMs, samplesPerTick });
      ctx.after(p.forMs, () => {
        backend.tune({ tickMs: calm.tickMs, samplesPerTick: calm.samplesPerTick });
        ctx.phase('calm');
      });
    });
  },
});

export const halfOpen = defineScenario({
  name: 'half-open',
  summary:
    'The line goes half-open: the server stops sending and answering on every open ' +
    'connection but never closes it (a NAT or load balancer forgot the flow). New connections work.',
  expect: 'Within two heartbeats the client declares the line dead, reconnects, loses nothing.',
  params: {
    firstMs: { default: 5_000, doc: 'time before the line freezes' },
    everyMs: { default: 0, doc: 'time between freezes; 0 = once' },
    heartbeatMs: { default: 3_000, doc: 'the beat the server announces (detection takes two)' },
  },
  tuning: (p) => ({ heartbeatMs: p.heartbeatMs }),
  run(ctx, p) {
    ctx.repeat({ firstMs: p.firstMs, everyMs: p.everyMs, count: once(p.everyMs) }, (run) => {
      ctx.phase(`line frozen (${run + 1})`);
      ctx.backend.freezeAll();
    });
  },
});

function makeGapAlert(ts: number, run: number) {
  return {
    id: `gap_${ts.toString(36)}_${run}`,
    severity: 'warning' as const,
    title: 'Delivered only by the resync',
    message: 'This alert was lost in transit; the snapshot after the gap brings it.',
    ts,
    status: 'open' as const,
  };
}

export const SCENARIOS: readonly Scenario[] = [
  steady,
  flakyNetwork,
  serverRestart,
  sessionExpiry,
  sessionUnrenewable,
  websocketBlocked,
  alertStorm,
  malformedFrames,
  sequenceGap,
  slowNetwork,
  burst,
  halfOpen,
  catalogChange,
  v1,
  qualityDrift,
];

/** Scenarios by name, for parsing specs. */
export const SCENARIO_CATALOGUE: ReadonlyMap<string, Scenario> = new Map(
  SCENARIOS.map((scenario) => [scenario.name, scenario]),
);
