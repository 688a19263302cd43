import type { RecoveryResult } from '../phases/recovery';
import { percentile } from '../stats';
import { compare, fmt, type RowSpec } from './format';
import type { BenchResults, Verdict } from './results';

/** The recovery phase in the report: time from the server's return to live, per restart. */

const RECOVERY_ROWS: readonly RowSpec<RecoveryResult>[] = [
  {
    label: 'back to live, p50',
    read: (r) => percentile(r.times, 50),
    better: 'lower',
    unit: ' ms',
  },
  {
    label: 'back to live, p95',
    read: (r) => percentile(r.times, 95),
    better: 'lower',
    unit: ' ms',
  },
  { label: 'restarts', read: (r) => r.times.length, better: null },
];

export function recoveryVerdicts(results: BenchResults): Verdict[] {
  const recovery = results.recovery.pulseboard;
  if (!recovery) return [];
  const p50 = percentile(recovery.times, 50);
  const p95 = percentile(recovery.times, 95);
  return [
    {
      target: 'back to live within 1 s (p50) of the server returning',
      measured: `${fmt(p50)} ms`,
      met: p50 <= 1000,
    },
    {
      target: 'back to live within 5 s (p95)',
      measured: `${fmt(p95)} ms`,
      met: p95 <= 5000,
    },
  ];
}

export function renderRecovery(results: BenchResults): string[] {
  const { profile } = results;
  const parts: string[] = ['## Recovery'];
  const pb = results.recovery.pulseboard;
  const naive = results.recovery.naive;
  if (!pb && !naive) return parts;
  parts.push(
    `The feed server closes every socket with 1012, stops listening for ${fmt(profile.outageMs)} ms plus a random 0-1000 ms (so a fixed retry period is not always caught at the same phase) and returns on the same port with a new epoch; ` +
      'time from its return to the badge showing live. A fresh page per restart, Pulseboard with its production reconnect timings ' +
      '(backoff with full jitter from 2 s), the naive peer with a fixed 1 s retry.',
  );
  parts.push(compare(RECOVERY_ROWS, { pb, naive }));
  parts.push(
    [pb, naive]
      .filter((r): r is RecoveryResult => r !== undefined)
      .map((r) => `${r.subject}: ${r.times.map((t) => `${fmt(t)} ms`).join(', ')}`)
      .join('; ') + '.',
  );
  const fast = results.recoveryFast;
  if (fast) {
    parts.push(
      `For comparison, Pulseboard with \`?timing=fast\` (backoff from 250 ms, capped at 2 s; same restarts): ` +
        `p50 ${fmt(percentile(fast.times, 50))} ms, p95 ${fmt(percentile(fast.times, 95))} ms ` +
        `(${fast.times.map((t) => `${fmt(t)} ms`).join(', ')}).`,
    );
  }
  const pathLines = [pb, fast]
    .filter((r): r is RecoveryResult => r !== undefined && r !== null && r.paths !== undefined)
    .map(
      (r) =>
        `- Pulseboard${r.fastTiming ? ' (timing=fast)' : ''}: ` +
        r.paths.map((path, i) => `${fmt(r.times[i])} ms: ${path}`).join('; '),
    );
  if (pathLines.length > 0) {
    parts.push(
      `Badge states from the outage to live again, per restart:\n\n${pathLines.join('\n')}`,
    );
  }
  return parts;
}
