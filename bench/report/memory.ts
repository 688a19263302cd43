import type { MemoryResult } from '../phases/memory';
import { compare, fmt, signedMB, signedPercent, type RowSpec } from './format';
import type { BenchResults, Verdict } from './results';

/** The memory phase in the report: heap over a soak, DOM nodes and listeners over reconnects. */

const growthPercent = (m: MemoryResult) => (m.afterSoak.heapMB / m.warm.heapMB - 1) * 100;

const MEMORY_ROWS: readonly RowSpec<MemoryResult>[] = [
  {
    label: 'JS heap after GC, warm',
    read: (m) => m.warm.heapMB,
    digits: 1,
    better: 'lower',
    unit: ' MB',
  },
  {
    label: 'JS heap after GC, half-way',
    read: (m) => m.midSoak?.heapMB,
    digits: 1,
    better: 'lower',
    unit: ' MB',
  },
  {
    label: 'JS heap after GC, after soak',
    read: (m) => m.afterSoak.heapMB,
    digits: 1,
    better: 'lower',
    unit: ' MB',
  },
  {
    label: 'heap growth over the soak',
    read: growthPercent,
    digits: 1,
    better: null,
    unit: ' %',
  },
  {
    label: 'JS heap after GC, after reconnects',
    read: (m) => m.afterCycles.heapMB,
    digits: 1,
    better: 'lower',
    unit: ' MB',
  },
  { label: 'hours of samples soaked', read: (m) => m.soakHoursDone, digits: 2, better: null },
  { label: 'soak wall time', read: (m) => m.soakSeconds, digits: 1, better: 'lower', unit: ' s' },
  { label: 'DOM nodes, warm', read: (m) => m.warm.nodes, better: 'lower' },
  { label: 'DOM nodes after soak', read: (m) => m.afterSoak.nodes, better: 'lower' },
  { label: 'DOM nodes after reconnects', read: (m) => m.afterCycles.nodes, better: 'lower' },
  { label: 'event listeners after soak', read: (m) => m.afterSoak.listeners, better: 'lower' },
  {
    label: 'event listeners after reconnects',
    read: (m) => m.afterCycles.listeners,
    better: 'lower',
  },
  { label: 'reconnect cycles done', read: (m) => m.cyclesDone, better: null },
  {
    label: 'reconnect cycles wall time',
    read: (m) => m.cycleSeconds,
    digits: 1,
    better: 'lower',
    unit: ' s',
  },
];

export function memoryVerdicts(results: BenchResults): Verdict[] {
  const memory = results.memory.pulseboard;
  if (!memory) return [];
  const growth = memory.afterSoak.heapMB / memory.warm.heapMB - 1;
  const mid = memory.midSoak ? ` -> ${fmt(memory.midSoak.heapMB, 1)}` : '';
  const split = memory.split;
  // What grew: a heap snapshot tells the JIT's compiled code (bounded) from data (a leak).
  const what = split
    ? `; by heap snapshot, compiled code ${signedMB(split.afterSoak.codeMB - split.warm.codeMB)}, ` +
      `everything else ${signedMB(split.afterSoak.otherMB - split.warm.otherMB)} ` +
      `(${signedPercent(split.afterSoak.otherMB / split.warm.otherMB - 1)})`
    : '';
  const nodeGrowth = Math.abs(memory.afterCycles.nodes - memory.afterSoak.nodes);
  const listenerGrowth = memory.afterCycles.listeners - memory.afterSoak.listeners;
  return [
    {
      target: `heap after GC grows < 10 % over the soak (${fmt(memory.soakHoursDone, 1)} h of samples after warm-up)`,
      measured: `${fmt(memory.warm.heapMB, 1)}${mid} -> ${fmt(memory.afterSoak.heapMB, 1)} MB (${signedPercent(growth)})${what}`,
      met: growth < 0.1 && memory.soakHoursDone >= results.profile.soakHours * 0.99,
    },
    {
      target: `DOM nodes and listeners flat after ${memory.cyclesDone} reconnects`,
      measured: `nodes ${memory.afterSoak.nodes} -> ${memory.afterCycles.nodes}, listeners ${memory.afterSoak.listeners} -> ${memory.afterCycles.listeners}`,
      // "Flat": a leak of one node or listener per reconnect would add hundreds. Some difference
      // is whatever happens to be on screen: badge text, a button, and each chart's axes, whose
      // tick count follows the data (six charts, one tick more or less: 30 nodes). A node leaked
      // every tenth reconnect would still show.
      met:
        nodeGrowth <= Math.max(20, memory.cyclesDone / 10) &&
        listenerGrowth <= Math.max(10, memory.afterSoak.listeners * 0.01) &&
        memory.cyclesDone >= results.profile.reconnectCycles,
    },
  ];
}

export function renderMemory(results: BenchResults): string[] {
  const { profile } = results;
  const parts: string[] = ['## Memory'];
  const pb = results.memory.pulseboard;
  const naive = results.memory.naive;
  if (!pb && !naive) return parts;
  parts.push(
    `After warm-up (charts filled to ${fmt(profile.prefillPerSeries)} points per series, then an hour of samples), half-way through and after a soak of ${fmt(profile.soakHours)} more hours of samples ` +
      `(the count of 10 samples/s per series, stamped a few milliseconds apart within the last 11 minutes, since the client refuses samples older than its longest window; ${profile.soakBatch} samples per message, as fast as the page takes them, capped at ${profile.soakCapSeconds} s, the naive peer at ${profile.soakCapSeconds / 2} s), ` +
      `and after ${fmt(profile.reconnectCycles)} reconnect cycles (the server closes each connection 20 ms after its welcome with 1012; Pulseboard's “Reconnect now” button is pressed whenever it shows, so its backoff does not stretch the phase; the naive peer retries after 10 ms). ` +
      'Heap is CDP `JSHeapUsedSize` after two forced GCs; nodes and listeners are CDP `Nodes` and `JSEventListeners`.',
  );
  parts.push(compare(MEMORY_ROWS, { pb, naive }));
  return parts;
}
