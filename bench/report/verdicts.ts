import { costVerdicts } from './cost';
import { hostileVerdicts } from './hostile';
import { ingestVerdicts } from './ingest';
import { memoryVerdicts } from './memory';
import { rateVerdicts } from './rates';
import { recoveryVerdicts } from './recovery';
import type { BenchResults, Verdict } from './results';
import { sizeVerdicts } from './size';
import { tabsVerdicts } from './tabs';

/** The issues' targets, evaluated from this run's figures, phase by phase. */
export function verdicts(results: BenchResults): Verdict[] {
  return [
    ...ingestVerdicts(results),
    ...rateVerdicts(results),
    ...memoryVerdicts(results),
    ...sizeVerdicts(results),
    ...recoveryVerdicts(results),
    ...hostileVerdicts(results),
    ...tabsVerdicts(results),
    ...costVerdicts(results),
  ];
}
