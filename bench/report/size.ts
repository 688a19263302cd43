import type { SizeResult } from '../phases/size';
import { compare, fmt, type RowSpec } from './format';
import type { BenchResults, Verdict } from './results';

/** The size phase in the report: JavaScript on first load, what loads later, first paint. */

const SIZE_ROWS: readonly RowSpec<SizeResult>[] = [
  {
    label: 'first-load JavaScript (gzip)',
    read: (size) => size.firstLoadKB,
    digits: 1,
    better: 'lower',
    unit: ' kB',
  },
  {
    label: 'JavaScript loaded later or never (gzip)',
    read: (size) => size.later.reduce((total, chunk) => total + chunk.gzipKB, 0),
    digits: 1,
    better: null,
    unit: ' kB',
  },
  {
    label: 'first contentful paint',
    read: (size) => size.firstPaintMs,
    better: 'lower',
    unit: ' ms',
  },
];

export function sizeVerdicts(results: BenchResults): Verdict[] {
  const size = results.size.pulseboard;
  if (!size) return [];
  const chart = size.requested.find((item) => item.file.includes('MetricChart'));
  return [
    {
      target: 'first-load JavaScript <= 100 kB gzip (issues 6 and 16)',
      measured: `${fmt(size.firstLoadKB, 1)} kB`,
      met: size.firstLoadKB <= 100,
    },
    {
      target: 'chart code loaded after first paint',
      measured: chart
        ? `chart chunk requested at ${fmt(chart.startMs)} ms, first paint at ${fmt(size.firstPaintMs)} ms`
        : 'no separate chart chunk requested',
      met: chart ? chart.startMs >= size.firstPaintMs : false,
    },
  ];
}

/** One line per page: each chunk, its size, and when it was requested against first paint. */
function chunkLine(size: SizeResult): string {
  const when = (file: string) => {
    const hit = size.requested.find((item) => item.file === file);
    if (!hit) return 'not requested';
    return hit.startMs >= size.firstPaintMs
      ? `requested at ${fmt(hit.startMs)} ms, after first paint`
      : `requested at ${fmt(hit.startMs)} ms`;
  };
  return (
    `${size.subject}: ` +
    [
      ...size.firstLoad.map((c) => ({ ...c, first: true })),
      ...size.later.map((c) => ({ ...c, first: false })),
    ]
      .map(
        (chunk) =>
          `\`${chunk.file}\` ${fmt(chunk.gzipKB, 1)} kB (${chunk.first ? 'first load' : 'later'}; ${when(chunk.file)})`,
      )
      .join(', ') +
    '.'
  );
}

export function renderSize(results: BenchResults): string[] {
  const parts: string[] = ['## Size'];
  const pb = results.size.pulseboard;
  const naive = results.size.naive;
  if (!pb && !naive) return parts;
  parts.push(compare(SIZE_ROWS, { pb, naive }));
  for (const size of [pb, naive]) if (size) parts.push(chunkLine(size));
  return parts;
}
