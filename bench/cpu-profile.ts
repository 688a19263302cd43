import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { attachWorkerHeaps } from './worker-heap';

/**
 * An opt-in CDP CPU profile of the page's main thread (`BENCH_CPU_PROFILE=1`): the phase's
 * figures say how long the page was busy, the profile says on what. Written as a `.cpuprofile`
 * (opens in Chromium's DevTools) with the top functions by self time logged.
 */
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export const cpuProfileWanted = (): boolean => process.env.BENCH_CPU_PROFILE === '1';

/** Starts profiling; the returned stop writes `test-artifacts/<name>.cpuprofile` and summarises. */
export async function startCpuProfile(
  cdp: CDPSession,
  name: string,
): Promise<() => Promise<string[]>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    writeFileSync(path.resolve(`test-artifacts/${name}.cpuprofile`), JSON.stringify(profile));
    return summarise(profile);
  };
}

/**
 * The same for the page's Web Workers (the worker engine's socket, parsing and validation): one
 * `test-artifacts/<name>-worker-<i>.cpuprofile` each. Nothing when the page has no worker.
 */
export async function startWorkerCpuProfiles(
  cdp: CDPSession,
  name: string,
): Promise<() => Promise<string[]>> {
  const workers = await attachWorkerHeaps(cdp);
  // Auto-attach reports the workers already running as events, a moment after it is asked.
  for (let waited = 0; workers.count() === 0 && waited < 1_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await workers.sendAll('Profiler.enable');
  await workers.sendAll('Profiler.setSamplingInterval', { interval: 500 });
  await workers.sendAll('Profiler.start');
  return async () => {
    const lines: string[] = [];
    try {
      const results = (await workers.sendAll('Profiler.stop')) as { profile: Profile }[];
      results.forEach(({ profile }, i) => {
        writeFileSync(
          path.resolve(`test-artifacts/${name}-worker-${i}.cpuprofile`),
          JSON.stringify(profile),
        );
        lines.push(`worker ${i}:`, ...summarise(profile).map((line) => `  ${line}`));
      });
    } finally {
      await workers.detach();
    }
    return lines;
  };
}

/** The top functions by self time, as log lines ("12.3 %  render  chunk.js:1"). */
export function summarise(profile: Profile, top = 15): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'}  ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => `${((100 * us) / Math.max(1, total)).toFixed(1).padStart(5)} %  ${key}`);
}
