import type { Machine } from '../machine';
import type { CostResult } from '../phases/cost';
import type { HostileResult } from '../phases/hostile';
import type { IngestResult, Shape } from '../phases/ingest';
import type { MemoryResult } from '../phases/memory';
import type { RecoveryResult } from '../phases/recovery';
import type { OffscreenRun, RateRun } from '../phases/redraws';
import type { SizeResult } from '../phases/size';
import type { TabsResult } from '../phases/tabs';
import type { Profile } from '../profiles';
import type { SubjectName } from '../subject-page';

/** Everything one run measured, as saved to test-artifacts/bench-<profile>.json. */
export type BenchResults = {
  profile: Profile;
  machine: Machine;
  loadAfter: string;
  seconds: number;
  size: Partial<Record<SubjectName, SizeResult>>;
  ingest: IngestResult[];
  rates: Partial<Record<SubjectName, { runs: RateRun[]; offscreen: OffscreenRun | null }>>;
  memory: Partial<Record<SubjectName, MemoryResult>>;
  recovery: Partial<Record<SubjectName, RecoveryResult>>;
  /** Pulseboard's recovery with `timing=fast`, to show what its backoff timings cost. */
  recoveryFast: RecoveryResult | null;
  /** The hostile flood (issue 11); absent from figures saved before the phase existed. */
  hostile?: Partial<Record<SubjectName, HostileResult>>;
  /** Tabs of one browser against the server (issue 13); absent from older saved figures. */
  tabs?: TabsResult;
  /** What the main thread pays for what changes (issue 16); absent from older saved figures. */
  cost?: CostResult;
  failures: string[];
};

/** One of the issues' targets, evaluated from a run's figures (null: could not be judged). */
export type Verdict = { target: string; measured: string; met: boolean | null };

export function ingestFor(results: BenchResults, subject: SubjectName, shape: Shape) {
  return results.ingest.find((item) => item.subject === subject && item.shape === shape);
}

export function rateRun(results: BenchResults, subject: SubjectName, rate: number) {
  return results.rates[subject]?.runs.find((run) => run.rate === rate);
}
