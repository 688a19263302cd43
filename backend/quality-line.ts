import type { Sample } from '../src/realtime/protocol';
import type { WireSpc } from './catalog';

/**
 * The quality line of each product topic (the SPC field report): wall thickness and fill weight
 * measured per unit, in control most of the time, drifting off centre now and then so the
 * Western Electric run rules fire, with a rare single spike beyond the control limits. Pure:
 * the caller supplies time and randomness, so a seed replays the same drifts.
 */

export type QualityProduct = { id: string; topic: string; default: boolean };

export const QUALITY_PRODUCTS: readonly QualityProduct[] = [
  { id: '42', topic: 'product:42', default: true },
  { id: '7', topic: 'product:7', default: false },
];

export type QualityCharacteristic = {
  name: string;
  product: string;
  topic: string;
  label: { en: string; ko: string };
  unit: string;
  decimals: number;
  /** Process centre and spread when in control: the control limits are cl ± 3 sigma. */
  cl: number;
  sigma: number;
  /** Specification limits (what the customer accepts), wider than the control limits. */
  usl: number;
  lsl: number;
};

const WALL = { en: 'Wall thickness', ko: '벽 두께' };
const FILL = { en: 'Fill weight', ko: '충전 중량' };

export const QUALITY_CHARACTERISTICS: readonly QualityCharacteristic[] = [
  { name: 'p42_wall_thickness', product: '42', topic: 'product:42', label: WALL, unit: 'mm',
    decimals: 3, cl: 2.5, sigma: 0.02, usl: 2.6, lsl: 2.4 },
  { name: 'p42_fill_weight', product: '42', topic: 'product:42', label: FILL, unit: 'g',
    decimals: 1, cl: 500, sigma: 1.5, usl: 506, lsl: 494 },
  { name: 'p7_wall_thickness', product: '7', topic: 'product:7', label: WALL, unit: 'mm',
    decimals: 3, cl: 1.8, sigma: 0.015, usl: 1.88, lsl: 1.72 },
  { name: 'p7_fill_weight', product: '7', topic: 'product:7', label: FILL, unit: 'g',
    decimals: 1, cl: 250, sigma: 1, usl: 255, lsl: 245 },
]; // prettier-ignore

/** The topic each quality metric travels on: its samples go only to sessions subscribed to it. */
export const QUALITY_TOPIC_OF: ReadonlyMap<string, string> = new Map(
  QUALITY_CHARACTERISTICS.map((c) => [c.name, c.topic]),
);

const tidy = (x: number) => Number(x.toFixed(6));

export function spcOf(c: QualityCharacteristic): WireSpc {
  return {
    cl: c.cl,
    ucl: tidy(c.cl + 3 * c.sigma),
    lcl: tidy(c.cl - 3 * c.sigma),
    usl: c.usl,
    lsl: c.lsl,
  };
}

/** Where one characteristic's process is: its offset from centre (in sigmas) and for how long. */
type Process = { shift: number; left: number; calm: number };

/** Samples in control before the first drift: soon enough that a fresh demo shows one. */
const FIRST_CALM = { min: 15, spread: 15 };
/** Samples in control between episodes. */
const CALM = { min: 25, spread: 40 };
/** A drift moves the mean 1.8-2.8 sigma for 10-19 samples: long enough for 8 in a row. */
const DRIFT = { shift: 1.8, shiftSpread: 1, length: 10, lengthSpread: 10 };
/** A quarter of the episodes are one point 3.3-4 sigma out instead (rule 1). */
const SPIKE = { share: 0.25, shift: 3.3, shiftSpread: 0.7 };

export class QualityLine {
  private readonly processes: Process[];

  constructor(
    private readonly random: () => number,
    private readonly characteristics: readonly QualityCharacteristic[] = QUALITY_CHARACTERISTICS,
  ) {
    this.processes = characteristics.map(() => ({
      shift: 0,
      left: 0,
      calm: this.between(FIRST_CALM.min, FIRST_CALM.spread),
    }));
  }

  /** One measurement of every characteristic at `ts`. */
  next(ts: number): Sample[] {
    return this.characteristics.map((c, i) => {
      const process = this.processes[i]!;
      this.step(process);
      const value = c.cl + c.sigma * (process.shift + this.gauss());
      const factor = 10 ** c.decimals;
      return { name: c.name, ts, value: Math.round(value * factor) / factor, unit: c.unit };
    });
  }

  /** Every process drifts off centre from the next sample on (a scripted quality problem). */
  driftNow(): void {
    for (const process of this.processes) this.startDrift(process);
  }

  private step(process: Process): void {
    if (process.left > 0) {
      process.left--;
      if (process.left > 0) return;
      // The episode's last sample is still shifted; the one after is back in control.
      process.left = -1;
      return;
    }
    if (process.left === -1) {
      process.left = 0;
      process.shift = 0;
      process.calm = this.between(CALM.min, CALM.spread);
    }
    if (--process.calm > 0) return;
    if (this.random() < SPIKE.share) {
      process.shift = this.sign() * (SPIKE.shift + this.random() * SPIKE.shiftSpread);
      process.left = 1;
    } else this.startDrift(process);
  }

  private startDrift(process: Process): void {
    process.shift = this.sign() * (DRIFT.shift + this.random() * DRIFT.shiftSpread);
    process.left = this.between(DRIFT.length, DRIFT.lengthSpread);
  }

  private between(min: number, spread: number): number {
    return min + Math.floor(this.random() * spread);
  }

  private sign(): number {
    return this.random() < 0.5 ? -1 : 1;
  }

  /** A standard normal draw (Box-Muller). */
  private gauss(): number {
    const u = 1 - this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
  }
}
