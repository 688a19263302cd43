import type { Alert, Sample, Severity } from '../src/realtime/protocol';

/**
 * A realistic cold-chain dispatch feed (field report 000): cargo temperature, active vehicles,
 * pending orders and on-time rate, as bounded random walks, plus occasional alerts. Pure: the
 * caller supplies time and randomness, so a test can replay it exactly.
 */
export type MetricSpec = {
  name: string;
  unit: string;
  start: number;
  step: number;
  min: number;
  max: number;
  decimals: number;
};

export const COLD_CHAIN_METRICS: readonly MetricSpec[] = [
  { name: 'cargo_temperature', unit: '°C', start: 4.2, step: 0.15, min: 1, max: 9.5, decimals: 2 },
  { name: 'active_vehicles', unit: 'vehicles', start: 48, step: 1, min: 30, max: 64, decimals: 0 },
  { name: 'pending_orders', unit: 'orders', start: 140, step: 4, min: 60, max: 260, decimals: 0 },
  { name: 'on_time_rate', unit: '%', start: 96.5, step: 0.3, min: 85, max: 100, decimals: 1 },
];

const ALERT_TEMPLATES: readonly {
  severity: Severity;
  title: string;
  message: string;
  source: string;
}[] = [
  {
    severity: 'critical',
    title: 'Cargo temperature above 8 °C',
    message: 'Reefer unit on vehicle 12-가-3456 reports 8.7 °C for 3 minutes.',
    source: 'vehicle/12-3456',
  },
  {
    severity: 'warning',
    title: 'Pending orders rising',
    message: 'Pending orders grew 20% in the last 10 minutes at the Icheon hub.',
    source: 'hub/icheon',
  },
  {
    severity: 'info',
    title: 'Vehicle back online',
    message: 'Telemetry from vehicle 34-나-7788 resumed after a tunnel.',
    source: 'vehicle/34-7788',
  },
  {
    severity: 'warning',
    title: 'On-time rate below 92%',
    message: 'Deliveries in the Gangnam zone are running late.',
    source: 'zone/gangnam',
  },
  {
    severity: 'critical',
    title: 'Door open in transit',
    message: 'Cargo door sensor open on vehicle 56-다-9012 while moving.',
    source: 'vehicle/56-9012',
  },
];

export class MetricFeed {
  private values: number[];

  constructor(
    private readonly random: () => number,
    private readonly specs: readonly MetricSpec[] = COLD_CHAIN_METRICS,
  ) {
    this.values = specs.map((spec) => spec.start);
  }

  /** One sample of every metric at `ts`. */
  next(ts: number): Sample[] {
    return this.specs.map((spec, i) => {
      const drift = (this.random() - 0.5) * 2 * spec.step;
      const value = Math.min(spec.max, Math.max(spec.min, (this.values[i] ?? spec.start) + drift));
      this.values[i] = value;
      const factor = 10 ** spec.decimals;
      return { name: spec.name, ts, value: Math.round(value * factor) / factor, unit: spec.unit };
    });
  }
}

let alertCounter = 0;

/** A random alert; with `severity`, one of that severity (so a QA step can ask for "three warnings"). */
export function makeAlert(
  random: () => number,
  ts: number,
  prefix = 'a',
  severity?: Severity,
): Alert {
  const templates = severity
    ? ALERT_TEMPLATES.filter((t) => t.severity === severity)
    : ALERT_TEMPLATES;
  const template = templates[Math.floor(random() * templates.length)] ?? ALERT_TEMPLATES[0]!;
  alertCounter++;
  return {
    id: `${prefix}_${ts.toString(36)}_${alertCounter}`,
    ...template,
    ts,
    status: 'open',
  };
}
