import type { SubjectName } from '../subject-page';

/**
 * How figures read in the report: numbers, ratios against the naive peer, markdown tables, and the
 * table-driven comparison rows every phase's section is made of.
 */
export type Better = 'higher' | 'lower' | null;

export const SUBJECT_LABELS: Record<SubjectName, string> = {
  pulseboard: 'Pulseboard',
  'pulseboard-worker': 'Pulseboard, engine=worker',
  naive: 'naive peer',
  ceiling: 'ceiling (main thread)',
  'ceiling-worker': 'ceiling (Web Worker)',
};

export const ok = (value: number) => Number.isFinite(value);

export function fmt(value: number | null | undefined, digits = 0): string {
  // Saved figures come back from JSON with NaN as null.
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** "12× better" / "3.1× worse" / "same", from Pulseboard's point of view. */
export function ratio(
  pulseboard: number | undefined,
  naive: number | undefined,
  better: Better,
): string {
  if (pulseboard === undefined || naive === undefined || !ok(pulseboard) || !ok(naive)) {
    if (
      better === 'lower' &&
      naive === Number.POSITIVE_INFINITY &&
      pulseboard !== undefined &&
      ok(pulseboard)
    )
      return 'naive never';
    return '–';
  }
  if (better === null) return naive <= 0 || pulseboard < 0 ? '–' : `${fmt(pulseboard / naive, 2)}×`;
  let r = better === 'higher' ? pulseboard / naive : naive / pulseboard;
  if (pulseboard === naive) return 'same';
  if (!ok(r))
    return better === 'higher'
      ? pulseboard > naive
        ? '∞ better'
        : '–'
      : pulseboard < naive
        ? '∞ better'
        : '–';
  if (r >= 1) return `${fmt(r, r >= 10 ? 0 : 1)}× better`;
  r = 1 / r;
  return `${fmt(r, r >= 10 ? 0 : 1)}× worse`;
}

export function signedMB(mb: number): string {
  return `${mb >= 0 ? '+' : '−'}${Math.abs(mb).toFixed(2)} MB`;
}

export function signedPercent(ratio: number): string {
  return `${ratio >= 0 ? '+' : ''}${fmt(ratio * 100, 1)} %`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * One figure of a comparison table: its label, how to read it from one subject's results, which
 * way is better (null: neither, the ratio is shown bare), its decimals and unit.
 */
export type RowSpec<T> = {
  label: string;
  read: (figures: T) => number | undefined;
  better: Better;
  digits?: number;
  unit?: string;
};

/**
 * Pulseboard against the naive peer, one row per spec; with a `worker` subject (the same figures
 * for Pulseboard with `engine=worker`), a column for that too. A subject with no figures shows '–'.
 */
export function compare<T>(
  specs: readonly RowSpec<T>[],
  subjects: { pb: T | undefined; naive: T | undefined; worker?: T },
): string {
  const { pb, naive, worker } = subjects;
  const read = (spec: RowSpec<T>, figures: T | undefined) =>
    figures === undefined ? undefined : spec.read(figures);
  const header = worker
    ? ['figure', 'Pulseboard', 'Pulseboard, engine=worker', 'naive peer', 'Pulseboard vs naive']
    : ['figure', 'Pulseboard', 'naive peer', 'Pulseboard vs naive'];
  return table(
    header,
    specs.map((spec) => {
      const unit = spec.unit ?? '';
      const pbValue = read(spec, pb);
      const naiveValue = read(spec, naive);
      const cells = [spec.label, `${fmt(pbValue, spec.digits)}${unit}`];
      if (worker) cells.push(`${fmt(read(spec, worker), spec.digits)}${unit}`);
      cells.push(`${fmt(naiveValue, spec.digits)}${unit}`, ratio(pbValue, naiveValue, spec.better));
      return cells;
    }),
  );
}

/** One column per subject, no ratio: for figures only Pulseboard has (no naive peer to compare). */
export function columns<T>(
  specs: readonly RowSpec<T>[],
  subjects: readonly { label: string; figures: T }[],
): string {
  return table(
    ['figure', ...subjects.map((subject) => subject.label)],
    specs.map((spec) => [
      spec.label,
      ...subjects.map(({ figures }) => `${fmt(spec.read(figures), spec.digits)}${spec.unit ?? ''}`),
    ]),
  );
}
