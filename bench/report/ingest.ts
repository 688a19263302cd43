import type { IngestResult } from '../phases/ingest';
import { fmt, ok, ratio, SUBJECT_LABELS, table } from './format';
import { ingestFor, type BenchResults, type Verdict } from './results';

/** The ingest phase in the report: capacity and sustained rates against the ceiling and naive. */

/**
 * The sustained rate, or when no trial held, the lowest rate tried as an upper bound ("below X").
 */
function sustainedOf(
  result: IngestResult | undefined,
): { rate: number; below: boolean } | undefined {
  if (!result) return undefined;
  if (result.sustained > 0 || result.trials.length === 0)
    return { rate: result.sustained, below: false };
  return { rate: Math.min(...result.trials.map((trial) => trial.offered)), below: true };
}

function sustainedText(result: IngestResult | undefined, perMessage = 1): string {
  const sustained = sustainedOf(result);
  if (!sustained) return '–';
  return `${sustained.below ? '< ' : ''}${fmt(sustained.rate * perMessage)}`;
}

export function ingestVerdicts(results: BenchResults): Verdict[] {
  const out: Verdict[] = [];
  for (const shape of ['single', 'batched'] as const) {
    const ceiling = ingestFor(results, 'ceiling', shape);
    const pb = ingestFor(results, 'pulseboard', shape);
    const naive = ingestFor(results, 'naive', shape);
    if (ceiling && pb) {
      const share = pb.sustained / ceiling.capacity;
      out.push({
        target: `ingest (${shape}) >= 80 % of the ceiling`,
        measured: `${fmt(share * 100)} % (${fmt(pb.sustained * pb.samplesPerMessage)} of ${fmt(ceiling.capacity * ceiling.samplesPerMessage)} samples/s)`,
        met: share >= 0.8,
      });
    }
    const worker = ingestFor(results, 'pulseboard-worker', shape);
    if (ceiling && worker) {
      const share = worker.sustained / ceiling.capacity;
      out.push({
        target: `ingest (${shape}) >= 80 % of the ceiling, with engine=worker`,
        measured: `${fmt(share * 100)} % (${fmt(worker.sustained * worker.samplesPerMessage)} samples/s)`,
        met: share >= 0.8,
      });
    }
    const naiveRate = sustainedOf(naive);
    if (pb && naive && naiveRate) {
      const times = pb.sustained / naiveRate.rate;
      out.push({
        target: `ingest (${shape}) >= 10x the naive peer`,
        measured: `${naiveRate.below ? '> ' : ''}${ok(times) ? fmt(times, 0) : '∞'}× (${fmt(pb.sustained)} vs ${sustainedText(naive)} msg/s)`,
        met: times >= 10,
      });
    }
  }
  return out;
}

export function renderIngest(results: BenchResults): string[] {
  const { profile } = results;
  const parts: string[] = ['## Ingest'];
  parts.push(
    `Flood capacity: the page sets the pace (about half a second of work kept in flight) for ${profile.floodSeconds} s. ` +
      `Sustained: fixed-rate trials of ${profile.sustainSeconds} s (the naive peer: ${profile.naiveSustainSeconds} s, which can only flatter it) at ${profile.sustainFractions.map((f) => `${f * 100} %`).join(', ')} ` +
      'of the capacity; the first one the page keeps up with (applied >= 97 % of sent, backlog at the end under a quarter of a second) counts, at the rate the feed actually sent. ' +
      `Single: one sample per message; batched: ${profile.batchSize} samples per message. ` +
      `Pulseboard and the naive peer show six charts filled to ${fmt(profile.prefillPerSeries)} points each.`,
  );
  const ingestRows: string[][] = [];
  for (const shape of ['single', 'batched'] as const) {
    const ceiling = ingestFor(results, 'ceiling', shape);
    const pb = ingestFor(results, 'pulseboard', shape);
    const naive = ingestFor(results, 'naive', shape);
    const worker = ingestFor(results, 'pulseboard-worker', shape);
    const per = pb?.samplesPerMessage ?? ceiling?.samplesPerMessage ?? 1;
    ingestRows.push([
      `${shape} (${per} sample${per > 1 ? 's' : ''}/msg)`,
      `${fmt(ceiling?.capacity)} msg/s`,
      `${fmt(pb?.capacity)} / **${fmt(pb?.sustained)}** msg/s`,
      `${fmt(naive?.capacity)} / **${sustainedText(naive)}** msg/s`,
      ceiling && pb ? `${fmt((pb.sustained / ceiling.capacity) * 100)} %` : '–',
      worker
        ? `${fmt(worker.capacity)} / **${fmt(worker.sustained)}** msg/s` +
          (ceiling ? ` (${fmt((worker.sustained / ceiling.capacity) * 100)} %)` : '')
        : '–',
      (sustainedOf(naive)?.below ? '> ' : '') +
        ratio(pb?.sustained, sustainedOf(naive)?.rate, 'higher'),
      `${fmt(pb ? pb.sustained * pb.samplesPerMessage : undefined)} / ${sustainedText(naive, naive?.samplesPerMessage)}`,
    ]);
  }
  parts.push(
    table(
      [
        'messages',
        'ceiling (parse only)',
        'Pulseboard capacity / sustained',
        'naive capacity / sustained',
        'Pulseboard sustained / ceiling',
        'Pulseboard, engine=worker: capacity / sustained (/ ceiling)',
        'Pulseboard vs naive (sustained)',
        'samples/s sustained (Pulseboard / naive)',
      ],
      ingestRows,
    ),
  );
  const trialLines = results.ingest
    .filter((item) => item.trials.length > 0)
    .map(
      (item) =>
        `- ${item.subject} ${item.shape}: ` +
        item.trials
          .map(
            (trial) =>
              `${fmt(trial.offered)} msg/s ${trial.keptUp ? 'kept up' : 'fell behind'} (applied ${fmt(trial.applied)}/s, backlog ${fmt(trial.finalBacklog)})`,
          )
          .join('; '),
    );
  if (trialLines.length > 0) parts.push(`Trials:\n\n${trialLines.join('\n')}`);
  const floodRows = (
    ['ceiling', 'ceiling-worker', 'pulseboard', 'pulseboard-worker', 'naive'] as const
  ).flatMap((subject) =>
    profile.shapes.map((shape) => {
      const item = ingestFor(results, subject, shape);
      return item
        ? [
            SUBJECT_LABELS[subject],
            shape,
            `${fmt(item.capacity)} msg/s`,
            `${fmt(item.capacity * item.samplesPerMessage)} samples/s`,
            `${fmt(item.floodBusyShare * 100)} %`,
          ]
        : [];
    }),
  );
  if (floodRows.some((row) => row.length > 0)) {
    parts.push(
      'Flood capacity and the main thread meanwhile. The worker ceiling does the same receive and ' +
        'parse in a Web Worker and tells the page once per frame: what moving the realtime core ' +
        'off the main thread could buy; the engine=worker row is Pulseboard doing it.',
    );
    parts.push(
      table(
        ['page', 'messages', 'flood capacity', 'samples/s', 'main thread busy during the flood'],
        floodRows.filter((row) => row.length > 0),
      ),
    );
  }
  return parts;
}
