import type { HostileResult } from '../phases/hostile';
import type { SubjectName } from '../subject-page';
import { columns, fmt, SUBJECT_LABELS, type RowSpec } from './format';
import type { BenchResults, Verdict } from './results';

/** The hostile flood in the report (issue 11): does the page keep answering, is its heap bounded. */

/** Issue 11: "the page keeps answering within 100 ms and its JS heap stays under 100 MB". */
const ANSWER_WITHIN_MS = 100;
const HEAP_UNDER_MB = 100;

/** The worker engine first: the default against a real backend. */
const SUBJECTS: readonly SubjectName[] = ['pulseboard-worker', 'pulseboard'];

const HOSTILE_ROWS: readonly RowSpec<HostileResult>[] = [
  { label: 'flood length', read: (r) => r.seconds, digits: 1, better: null, unit: ' s' },
  {
    label: 'quiet time after it, measured too',
    read: (r) => r.settleSeconds,
    digits: 1,
    better: null,
    unit: ' s',
  },
  { label: 'frames sent', read: (r) => r.sent.frames, better: null },
  { label: 'megabytes sent', read: (r) => r.sent.megabytes, better: null, unit: ' MB' },
  { label: 'new metric names sent', read: (r) => r.sent.names, better: null },
  { label: 'frames applied by the page', read: (r) => r.appliedFrames, better: 'higher' },
  { label: 'main thread busy', read: (r) => r.busyShare * 100, better: 'lower', unit: ' %' },
  {
    label: 'key press answered (to the next paint), p99',
    read: (r) => r.keyPress?.p99 ?? Number.NaN,
    better: 'lower',
    unit: ' ms',
  },
  {
    label: 'key press answered (to the next paint), worst',
    read: (r) => r.keyPress?.worst ?? Number.NaN,
    better: 'lower',
    unit: ' ms',
  },
  { label: 'task wait in the page, p99', read: (r) => r.wait.p99, better: 'lower', unit: ' ms' },
  {
    label: 'task wait in the page, worst',
    read: (r) => r.wait.worst,
    better: 'lower',
    unit: ' ms',
  },
  {
    label: '`page.evaluate` round trip, p99',
    read: (r) => r.roundTrip.p99,
    better: 'lower',
    unit: ' ms',
  },
  {
    label: '`page.evaluate` round trip, worst',
    read: (r) => r.roundTrip.worst,
    better: 'lower',
    unit: ' ms',
  },
  {
    label: 'JS heap after GC, before',
    read: (r) => r.heapBefore.totalMB,
    digits: 1,
    better: 'lower',
    unit: ' MB',
  },
  {
    label: 'JS heap, most read (flood and quiet time)',
    read: (r) => r.heapPeakMB,
    digits: 1,
    better: 'lower',
    unit: ' MB',
  },
  {
    label: 'JS heap after GC, at the end',
    read: (r) => r.heapAfter.totalMB,
    digits: 1,
    better: 'lower',
    unit: ' MB',
  },
  {
    label: '… of which in the worker',
    read: (r) => r.heapAfter.workerMB ?? undefined,
    digits: 1,
    better: 'lower',
    unit: ' MB',
  },
  { label: 'series in the store at the end', read: (r) => r.series, better: null },
  { label: 'metric panels at the end', read: (r) => r.panels, better: null },
  { label: 'page errors', read: (r) => r.pageErrors, better: 'lower' },
];

function measured(results: BenchResults) {
  return SUBJECTS.flatMap((subject) => {
    const figures = results.hostile?.[subject];
    return figures ? [{ subject, figures }] : [];
  });
}

export function hostileVerdicts(results: BenchResults): Verdict[] {
  return measured(results).flatMap(({ subject, figures: r }) => {
    const at = `${SUBJECT_LABELS[subject]}, ${fmt(r.seconds, 0)} s of ~1 MiB frames of new names`;
    const heapMB = Math.max(r.heapPeakMB, r.heapAfter.totalMB);
    return [
      {
        target: `hostile flood (issue 11): the page answers within ${ANSWER_WITHIN_MS} ms (${at})`,
        measured:
          `a task waited at worst ${fmt(r.wait.worst)} ms (p99 ${fmt(r.wait.p99)} ms); ` +
          (r.keyPress
            ? `a key press was answered at worst in ${fmt(r.keyPress.worst)} ms, to the next paint; `
            : '') +
          `\`page.evaluate\` round trip worst ${fmt(r.roundTrip.worst)} ms`,
        met: r.wait.samples > 0 ? r.wait.worst <= ANSWER_WITHIN_MS : null,
      },
      {
        target: `hostile flood (issue 11): JS heap under ${HEAP_UNDER_MB} MB (${at})`,
        measured:
          `at most ${fmt(r.heapPeakMB, 1)} MB read during the flood, ${fmt(r.heapAfter.totalMB, 1)} MB after GC` +
          (r.heapAfter.workerMB === null ? '' : ` (worker ${fmt(r.heapAfter.workerMB, 1)} MB)`),
        met: Number.isFinite(heapMB) ? heapMB < HEAP_UNDER_MB : null,
      },
    ];
  });
}

export function renderHostile(results: BenchResults): string[] {
  const runs = measured(results);
  // Figures saved before this phase existed render exactly as they did.
  if (runs.length === 0) return [];
  return [
    '## Hostile flood',
    `Pulseboard with six charts filled to ${fmt(results.profile.prefillPerSeries)} points each, then for ${fmt(results.profile.hostileSeconds)} s the feed sends \`metrics\` frames of just under 1 MiB ` +
      '(about 7,800 samples each, under the 10,000 the client keeps from one message) in which every sample names a metric never sent before, ' +
      'as fast as the socket drains, then nothing for as long again (at least 3 s), since what a flood leaves behind costs the page after it too. ' +
      'Over both: a key press (Shift, which nothing on the page acts on) is sent through CDP every 100 ms and timed by the page’s Event Timing from the press to the next paint after its handlers ran, what an operator at the keyboard or mouse waits for; ' +
      'presses answered within 16 ms are not reported by Event Timing and count as 16. ' +
      'Task wait, the figure the target is judged on, is the lateness of a 10 ms timer chain in the page (how long a waiting task waited; Chromium runs input ahead of waiting timers, and queues a timer that fell due during a long task behind the tasks that task posted, so it can read longer than what input waits for, though it leaves out painting); ' +
      'the round trip is a trivial `page.evaluate` every 100 ms from the harness, which shares the machine and adds its own delays. ' +
      'The heap is the main thread’s (CDP `JSHeapUsedSize`) plus the engine’s Web Worker’s (CDP `Runtime.getHeapUsage`), read once a second and after full GCs at the end.',
    columns(
      HOSTILE_ROWS,
      runs.map(({ subject, figures }) => ({ label: SUBJECT_LABELS[subject], figures })),
    ),
    `Connection badge at the end: ${runs.map(({ subject, figures }) => `${SUBJECT_LABELS[subject]} ${figures.status || '–'}`).join(', ')}.`,
  ];
}
