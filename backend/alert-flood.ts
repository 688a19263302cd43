import type { Severity } from '../src/realtime/protocol';
import type { MockBackend } from './mock-backend';
import { makeAlert } from './feed';

/** Granularity of a flood: alerts go out in batches this far apart. */
const BATCH_MS = 20;

/**
 * Raises `count` alerts spread evenly over `overMs` (all at once when 0), each with a unique id
 * that starts with `prefix`, of random severities unless `severity` names one. `after` schedules the batches, so a scenario's own timers (cancelled
 * when it stops) or the backend clock can drive it.
 */
export function floodAlerts(
  backend: MockBackend,
  {
    count,
    overMs,
    prefix = 'storm',
    severity,
  }: { count: number; overMs: number; prefix?: string; severity?: Severity },
  after: (ms: number, action: () => void) => void,
): void {
  const total = Math.max(0, Math.floor(count));
  const batches = Math.max(1, Math.min(total, Math.floor(overMs / BATCH_MS)));
  let raised = 0;
  for (let batch = 0; batch < batches; batch++) {
    const upTo = Math.round((total * (batch + 1)) / batches);
    const size = upTo - raised;
    raised = upTo;
    const raise = () => {
      for (let i = 0; i < size; i++)
        backend.raiseAlert(makeAlert(backend.random, backend.clock.now(), prefix, severity));
    };
    if (batch === 0 && overMs <= 0) raise();
    else after(batch * BATCH_MS, raise);
  }
}
