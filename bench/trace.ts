import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

let traceFiles = 0;

/**
 * An opt-in performance trace of a window (`BENCH_TRACE=1`): where the page's main thread spends
 * its time by kind of work (script, style, layout, paint, ...), which a CPU profile lumps
 * together as "(program)". Only the renderer main thread's top-level tasks' children are summed,
 * so nested events are not counted twice.
 */
export const traceWanted = (): boolean => process.env.BENCH_TRACE === '1';

/** How many of the longest tasks to list (`BENCH_TRACE_TASKS`, 3 unless set). */
const longestWanted = (): number => {
  const asked = Number(process.env.BENCH_TRACE_TASKS);
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, 50) : 3;
};

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { functionName?: string; url?: string; lineNumber?: number; type?: string };
  };
};

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'cc',
  'gpu',
  'v8.execute',
  'toplevel',
];

/** CDP's events, typed loosely: Playwright's types list only its own. */
type Events = {
  on(event: string, listener: (payload: never) => void): unknown;
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: (payload: never) => void): unknown;
};

export async function startTrace(session: CDPSession): Promise<() => Promise<string[]>> {
  const cdp = session as unknown as Events & CDPSession;
  const events: TraceEvent[] = [];
  const onData = (payload: { value: TraceEvent[] }) => events.push(...payload.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordContinuously' },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const done = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    const file = process.env.BENCH_TRACE_FILE;
    if (file) writeFileSync(`${file}-${++traceFiles}.json`, JSON.stringify(events));
    return summariseTrace(events);
  };
}

/** Milliseconds per second of trace, by event name, under the main thread's tasks. */
export function summariseTrace(events: readonly TraceEvent[], top = 14): string[] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return ['no renderer main thread in the trace'];
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  if (onMain.length === 0) return ['no complete events on the main thread'];
  const span = (onMain[onMain.length - 1]!.ts - onMain[0]!.ts) / 1e6 || 1;
  return [
    ...selfTimes(onMain, top).map(
      ([name, us]) => `${(us / 1000 / span).toFixed(1).padStart(6)} ms/s  ${name}`,
    ),
    ...longestTask(onMain, longestWanted()),
  ];
}

/**
 * An event's name, with what it ran where the trace says (the function a `FunctionCall` called,
 * the kind of an `EventDispatch`): inside one task, that tells a React commit from a message.
 */
function named(event: TraceEvent): string {
  const data = event.args?.data;
  if (data?.functionName || data?.url) {
    const file = data.url?.split('/').pop() ?? '';
    return `${event.name} ${data.functionName || '(anonymous)'} ${file}:${(data.lineNumber ?? 0) + 1}`;
  }
  return data?.type ? `${event.name} ${data.type}` : event.name;
}

/** The longest top-level tasks (when, from the window's start) and what inside took the time. */
function longestTask(onMain: readonly TraceEvent[], count: number): string[] {
  const tasks: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const event of onMain) {
    if (event.ts < end) continue; // nested in the previous top-level task
    end = event.ts + event.dur!;
    tasks.push(event);
  }
  const start = onMain[0]?.ts ?? 0;
  return tasks
    .sort((a, b) => b.dur! - a.dur!)
    .slice(0, count)
    .flatMap((task) => {
      const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
      return [
        `longest task ${(task.dur! / 1000).toFixed(0)} ms (${task.name}) at +${((task.ts - start) / 1e6).toFixed(2)} s:`,
        ...selfTimes(inside, 8, named).map(
          ([name, us]) => `  ${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`,
        ),
      ];
    });
}

/**
 * Self time per event name (microseconds), the `top` largest: each event's duration less its
 * direct children's. `events` are sorted by start, the longer first on a tie.
 */
function selfTimes(
  events: readonly TraceEvent[],
  top: number,
  nameOf: (event: TraceEvent) => string = (event) => event.name,
): [string, number][] {
  const self = new Map<string, number>();
  const stack: { end: number; name: string; childTime: number; dur: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= until) {
      const done = stack.pop()!;
      self.set(done.name, (self.get(done.name) ?? 0) + done.dur - done.childTime);
    }
  };
  for (const event of events) {
    close(event.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.childTime += event.dur!;
    stack.push({ end: event.ts + event.dur!, name: nameOf(event), childTime: 0, dur: event.dur! });
  }
  close(Number.POSITIVE_INFINITY);
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
}
