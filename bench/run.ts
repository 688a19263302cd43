import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasChromium, launchChromium, CHROMIUM_PATH } from '../tests/e2e/chromium';
import { APP_DIST, appSource, buildTargets, CEILING_DIR, NAIVE_DIST } from './build-targets';
import { startFeedServer } from './feed-server';
import { describeMachine } from './machine';
import type { BenchContext } from './phases/context';
import type { SubjectName } from './subject-page';
import { runIdleAndHidden, runTwelve, runWideChart, type CostResult } from './phases/cost';
import { runHostile } from './phases/hostile';
import { runIngest } from './phases/ingest';
import { runMemory } from './phases/memory';
import { runRecovery } from './phases/recovery';
import { runRates } from './phases/redraws';
import { runSize } from './phases/size';
import { runTabs } from './phases/tabs';
import { PROFILES, type Profile } from './profiles';
import { renderReport, verdicts, type BenchResults } from './report';
import { serveStatic } from './static-server';

/**
 * `npm run bench`: builds the app and the naive peer, serves them and the ceiling page, starts a
 * feed server, drives headless Chromium through every phase, prints the report and writes it to
 * docs/performance.md.
 *
 *   npm run bench                  full run (a few minutes), regenerates docs/performance.md
 *   npm run bench -- --quick       same phases, short windows (also writes the doc, marked quick)
 *   npm run bench:smoke            seconds; proves the harness runs; writes test-artifacts/ only
 *   npm run bench -- --render-only rewrite docs/performance.md from the last full run's figures
 *                                  (test-artifacts/bench-full.json) and the current notes
 *   BENCH_SOURCE=head              bench the last commit instead of the working tree
 *   BENCH_ONLY=ingest,rates        run some phases (size, ingest, rates, memory, recovery,
 *                                  hostile, tabs, cost); a partial run never writes
 *                                  docs/performance.md
 *   BENCH_RATES=pulseboard-worker  the rates phase for some subjects only
 *   BENCH_HOSTILE=pulseboard       the hostile flood for some subjects only
 *   BENCH_INGEST=pulseboard-worker,ceiling-worker  the ingest phase for some subjects only
 *   BENCH_MINIFY=0                 an unminified app build: readable profiles and render tallies
 *   BENCH_CPU_PROFILE=1            CPU profiles of the rates windows, the ingest floods and the
 *                                  hostile flood
 *   BENCH_TRACE=1                  a performance trace of the same windows: work by kind and the
 *                                  longest tasks (BENCH_TRACE_TASKS=N lists N of them, not 3);
 *                                  BENCH_TRACE_FILE=/tmp/t also saves each trace's raw events
 *                                  (/tmp/t-1.json, ...) for a closer look
 */
const PHASES = [
  'size',
  'ingest',
  'rates',
  'memory',
  'recovery',
  'hostile',
  'tabs',
  'cost',
] as const;
const SUBJECTS_INGEST = [
  'ceiling',
  'ceiling-worker',
  'pulseboard',
  'pulseboard-worker',
  'naive',
] as const;
type Phase = (typeof PHASES)[number];

function chooseProfile(argv: readonly string[]): Profile {
  if (argv.includes('--smoke')) return PROFILES.smoke;
  if (argv.includes('--quick') || process.env.BENCH_QUICK === '1') return PROFILES.quick;
  return PROFILES.full;
}

function choosePhases(): Phase[] {
  const only = process.env.BENCH_ONLY;
  if (!only) return [...PHASES];
  const wanted = only.split(',').map((name) => name.trim());
  const unknown = wanted.filter((name) => !(PHASES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown phase(s) ${unknown.join(', ')}`);
  return PHASES.filter((phase) => wanted.includes(phase));
}

/**
 * BENCH_RATES=pulseboard-worker: the rates phase for some subjects only (iterating on a fix). The
 * ceiling is the bare page issue 16 compares the main thread's busy share against.
 */
function rateSubjects(profile: Profile): SubjectName[] {
  const all: SubjectName[] = profile.comparisons
    ? ['pulseboard', 'pulseboard-worker', 'ceiling', 'naive']
    : ['pulseboard-worker', 'ceiling'];
  const only = process.env.BENCH_RATES?.split(',').map((name) => name.trim());
  return only ? all.filter((name) => only.includes(name)) : all;
}

/** BENCH_INGEST=pulseboard-worker,ceiling-worker: the ingest phase for some subjects only. */
function ingestSubjects(): readonly SubjectName[] {
  const only = process.env.BENCH_INGEST?.split(',').map((name) => name.trim());
  return only ? SUBJECTS_INGEST.filter((name) => only.includes(name)) : SUBJECTS_INGEST;
}

/** BENCH_HOSTILE=pulseboard-worker: the hostile flood for some subjects only. */
function hostileSubjects(profile: Profile): Profile['hostileSubjects'] {
  const only = process.env.BENCH_HOSTILE?.split(',').map((name) => name.trim());
  return only
    ? profile.hostileSubjects.filter((name) => only.includes(name))
    : profile.hostileSubjects;
}

const NOTES_FILE = path.resolve('bench/performance-notes.md');
const readNotes = () => (existsSync(NOTES_FILE) ? readFileSync(NOTES_FILE, 'utf8') : '');

/** Re-renders the doc from saved figures: for editing the notes without a 9-minute run. */
function renderOnly(profile: Profile): number {
  const saved = path.resolve(`test-artifacts/bench-${profile.name}.json`);
  if (!existsSync(saved)) {
    console.error(`No saved figures at ${saved}: run the benchmark first.`);
    return 1;
  }
  const results = JSON.parse(readFileSync(saved, 'utf8')) as BenchResults;
  const target = profile.writeDocs
    ? 'docs/performance.md'
    : `test-artifacts/bench-${profile.name}.md`;
  writeFileSync(path.resolve(target), renderReport(results, readNotes()));
  console.log(`${target} re-rendered from ${path.relative(process.cwd(), saved)}`);
  return 0;
}

async function main(): Promise<number> {
  const profile = chooseProfile(process.argv.slice(2));
  if (process.argv.includes('--render-only')) return renderOnly(profile);
  const phases = choosePhases();
  if (!hasChromium) {
    console.error(
      `No Chromium at ${CHROMIUM_PATH}: sudo apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
    return 1;
  }
  const started = performance.now();
  const log = (line: string) =>
    console.log(
      `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`,
    );
  log(`profile ${profile.name}, phases ${phases.join(', ')}`);
  const source = appSource();
  log(
    `building the app (${source === 'working-tree' ? source : source.revision}) and the naive peer`,
  );
  await buildTargets(source);

  const [app, naive, ceiling, feed, browser] = await Promise.all([
    serveStatic(APP_DIST),
    serveStatic(NAIVE_DIST),
    serveStatic(CEILING_DIR),
    startFeedServer(),
    launchChromium(),
  ]);
  const machine = describeMachine(browser.version(), source);
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.browser}, load ${machine.loadAverage}`);
  const ctx: BenchContext = {
    browser,
    sites: {
      pulseboard: `${app.url}/`,
      'pulseboard-worker': `${app.url}/`,
      naive: `${naive.url}/`,
      ceiling: `${ceiling.url}/`,
      'ceiling-worker': `${ceiling.url}/worker.html`,
    },
    feed,
    profile,
    log,
  };
  const results: BenchResults = {
    profile,
    machine,
    loadAfter: '',
    seconds: 0,
    size: {},
    ingest: [],
    rates: {},
    memory: {},
    recovery: {},
    recoveryFast: null,
    hostile: {},
    failures: [],
  };
  // A phase that breaks (a page that never answers, say) is reported, and the others still run.
  const attempt = async (label: string, work: () => Promise<void>) => {
    log(label);
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.failures.push(`${label}: ${message.split('\n')[0]}`);
      log(`  FAILED: ${message.split('\n')[0]}`);
    }
  };

  try {
    if (phases.includes('size')) {
      await attempt('size: pulseboard', async () => {
        results.size.pulseboard = await runSize(ctx, 'pulseboard', APP_DIST);
      });
      await attempt('size: naive', async () => {
        results.size.naive = await runSize(ctx, 'naive', NAIVE_DIST);
      });
    }
    if (phases.includes('ingest')) {
      for (const shape of profile.shapes) {
        for (const subject of ingestSubjects()) {
          await attempt(`ingest ${shape}: ${subject}`, async () => {
            results.ingest.push(await runIngest(ctx, subject, shape));
          });
        }
      }
    }
    if (phases.includes('rates')) {
      for (const subject of rateSubjects(profile)) {
        await attempt(`redraws and smoothness: ${subject}`, async () => {
          results.rates[subject] = await runRates(ctx, subject);
        });
      }
    }
    const peers = profile.comparisons
      ? (['pulseboard', 'naive'] as const)
      : (['pulseboard'] as const);
    if (phases.includes('memory')) {
      for (const subject of peers) {
        await attempt(`memory: ${subject}`, async () => {
          results.memory[subject] = await runMemory(ctx, subject);
        });
      }
    }
    if (phases.includes('recovery')) {
      for (const subject of peers) {
        await attempt(`recovery: ${subject}`, async () => {
          results.recovery[subject] = await runRecovery(ctx, subject);
        });
      }
      if (profile.comparisons)
        await attempt('recovery: pulseboard with timing=fast', async () => {
          results.recoveryFast = await runRecovery(ctx, 'pulseboard', true);
        });
    }
    if (phases.includes('hostile')) {
      for (const subject of hostileSubjects(profile)) {
        await attempt(`hostile flood: ${subject}`, async () => {
          (results.hostile ??= {})[subject] = await runHostile(ctx, subject);
        });
      }
    }
    if (phases.includes('tabs')) {
      await attempt('tabs: one browser, many tabs', async () => {
        results.tabs = { rows: [], handoffMs: [], handoffTabs: 3 };
        await runTabs(ctx, profile.comparisons ? [1, 2, 5, 10] : [2], results.tabs);
      });
    }
    if (phases.includes('cost')) {
      const cost: CostResult = { twelve: null, wide: null, idle: null, hidden: null };
      results.cost = cost;
      await attempt('cost: one chart 1,600 px wide', async () => {
        cost.wide = await runWideChart(ctx);
      });
      if (profile.cost.twelveCharts) {
        await attempt('cost: twelve charts in view', async () => {
          cost.twelve = await runTwelve(ctx);
        });
      }
      await attempt('cost: no messages, then a hidden tab', async () => {
        Object.assign(cost, await runIdleAndHidden(ctx));
      });
    }
  } finally {
    await browser.close().catch(() => {});
    await Promise.all([feed.close(), app.close(), naive.close(), ceiling.close()]);
  }

  results.loadAfter = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  results.seconds = (performance.now() - started) / 1000;
  const report = renderReport(results, readNotes());
  const complete = phases.length === PHASES.length;
  const target =
    profile.writeDocs && complete
      ? path.resolve('docs/performance.md')
      : path.resolve(`test-artifacts/bench-${profile.name}.md`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, report);
  // The raw figures, for whoever wants more than the tables (never committed).
  mkdirSync(path.resolve('test-artifacts'), { recursive: true });
  writeFileSync(
    path.resolve(`test-artifacts/bench-${profile.name}.json`),
    JSON.stringify(results, null, 2),
  );
  console.log('\n' + renderReport(results, ''));
  log(`report written to ${path.relative(process.cwd(), target)}`);
  const missed = verdicts(results).filter((item) => item.met === false).length;
  log(
    `${missed} target(s) missed (reported, not asserted); ${results.failures.length} phase failure(s)`,
  );
  // Timings never fail the run; a harness that could not measure does.
  return results.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
