import { changedCatalog, defaultCatalog } from './catalog';
import { defineScenario } from './scenario';

/**
 * Scenarios of protocol v1.1's catalogue: the description changing under a live dashboard, a
 * server that predates it, and a quality problem on the product lines.
 */

export const catalogChange = defineScenario({
  name: 'catalog-change',
  summary:
    'The backend re-describes its metrics live with a catalog message: the cargo temperature ' +
    'limit moves from 8 to 7 °C and on-time rate is renamed "Delivered on time".',
  expect: 'Without a reload the panel title and the limit line change; nothing else moves.',
  params: {
    firstMs: { default: 5_000, doc: 'time before the change' },
    everyMs: { default: 0, doc: 'time between switching back and forth; 0 = once' },
  },
  run(ctx, p) {
    let changed = false;
    ctx.repeat({ firstMs: p.firstMs, everyMs: p.everyMs, count: p.everyMs === 0 ? 1 : 0 }, () => {
      changed = !changed;
      ctx.phase(changed ? 'catalogue changed' : 'catalogue back to normal');
      ctx.backend.setCatalog(changed ? changedCatalog() : defaultCatalog());
    });
    ctx.onStop(() => {
      if (changed) ctx.backend.setCatalog(defaultCatalog());
    });
  },
});

export const v1 = defineScenario({
  name: 'v1',
  summary:
    'A server of protocol v1: no catalogue in the snapshot, no catalog message, no product ' +
    'quality lines; only the cold-chain feed and alerts.',
  expect: 'Panels as before v1.1: built-in labels, units and limits; no topics, no data problem.',
  params: {},
  run(ctx) {
    ctx.phase('speaking protocol v1');
    ctx.backend.setCatalog(null);
    ctx.backend.qualityLines = false;
    ctx.onStop(() => {
      ctx.backend.qualityLines = true;
      ctx.backend.setCatalog(defaultCatalog());
    });
  },
});

export const qualityDrift = defineScenario({
  name: 'quality-drift',
  summary:
    'Every product line drifts off centre at once (and again later), measured faster than usual, ' +
    'so the run rules fire within seconds.',
  expect: 'Control charts of subscribed products mark the run, count it, and toast it once.',
  params: {
    firstMs: { default: 1_000, doc: 'time before the first drift' },
    everyMs: { default: 20_000, doc: 'time between drifts; 0 = once' },
    sampleEveryMs: { default: 250, doc: 'interval of quality measurements' },
  },
  tuning: (p) => ({ qualityEveryMs: p.sampleEveryMs }),
  run(ctx, p) {
    ctx.repeat(
      { firstMs: p.firstMs, everyMs: p.everyMs, count: p.everyMs === 0 ? 1 : 0 },
      (run) => {
        ctx.phase(`quality drift ${run + 1}`);
        ctx.backend.driftQuality();
      },
    );
  },
});
