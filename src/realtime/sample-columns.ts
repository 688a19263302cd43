import type { RealtimeEvent } from './client';
import type { MetricsMessage, Sample } from './protocol';

/**
 * Consecutive metrics messages as columns, for the hop from an engine in a worker to the page.
 * Structured clone costs per object: a frame of 80 single-sample messages was about 330 objects
 * to serialise in the worker and rebuild on the page (the page's biggest cost at 5,000 msg/s).
 * As columns it is a handful of typed arrays, which are copied as bytes (or transferred).
 * `unpackEvents` gives back exactly the events that were packed, message by message, seq by seq.
 */
export type SampleColumns = {
  type: 'metrics-columns';
  /** Per message: its seq and how many samples it had. */
  seq: Float64Array;
  count: Uint32Array;
  /** Per sample: index into `names`, timestamp, value, index into `units` (-1: no unit). */
  name: Uint32Array;
  ts: Float64Array;
  value: Float64Array;
  unit: Int32Array;
  names: string[];
  units: string[];
};

export type PackedEvent = RealtimeEvent | SampleColumns;

/** A sample that is exactly `{ name, ts, value, unit? }` (all the page ever reads) fits columns. */
function fits(sample: Sample): boolean {
  let keys = 0;
  for (const key in sample) {
    keys++;
    if (key !== 'name' && key !== 'ts' && key !== 'value' && key !== 'unit') return false;
  }
  return (
    typeof sample.name === 'string' &&
    typeof sample.ts === 'number' &&
    typeof sample.value === 'number' &&
    (sample.unit === undefined ? keys === 3 : typeof sample.unit === 'string')
  );
}

function packable(event: RealtimeEvent): event is { type: 'message'; message: MetricsMessage } {
  if (event.type !== 'message' || event.message.type !== 'metrics') return false;
  let keys = 0;
  for (const key in event.message) {
    keys++;
    if (key !== 'type' && key !== 'seq' && key !== 'samples') return false;
  }
  return keys === 3 && Object.keys(event).length === 2 && event.message.samples.every(fits);
}

/**
 * `events` with every run of consecutive metrics messages as one `SampleColumns`, and the
 * buffers a single receiver may take over (`postMessage(message, transfer)`).
 */
export function packEvents(events: readonly RealtimeEvent[]): {
  events: PackedEvent[];
  transfer: ArrayBuffer[];
} {
  const packed: PackedEvent[] = [];
  const transfer: ArrayBuffer[] = [];
  let run: { type: 'message'; message: MetricsMessage }[] = [];
  const close = () => {
    if (run.length === 0) return;
    const columns = toColumns(run);
    packed.push(columns);
    for (const array of [columns.seq, columns.count, columns.name, columns.ts, columns.value])
      transfer.push(array.buffer as ArrayBuffer);
    transfer.push(columns.unit.buffer as ArrayBuffer);
    run = [];
  };
  for (const event of events) {
    if (packable(event)) {
      run.push(event);
      continue;
    }
    close();
    packed.push(event);
  }
  close();
  return { events: packed, transfer };
}

function toColumns(run: readonly { message: MetricsMessage }[]): SampleColumns {
  let total = 0;
  for (const { message } of run) total += message.samples.length;
  const columns: SampleColumns = {
    type: 'metrics-columns',
    seq: new Float64Array(run.length),
    count: new Uint32Array(run.length),
    name: new Uint32Array(total),
    ts: new Float64Array(total),
    value: new Float64Array(total),
    unit: new Int32Array(total),
    names: [],
    units: [],
  };
  const nameIndex = new Map<string, number>();
  const unitIndex = new Map<string, number>();
  const indexOf = (table: string[], index: Map<string, number>, key: string) => {
    let at = index.get(key);
    if (at === undefined) {
      at = table.push(key) - 1;
      index.set(key, at);
    }
    return at;
  };
  let i = 0;
  run.forEach(({ message }, m) => {
    columns.seq[m] = message.seq;
    columns.count[m] = message.samples.length;
    for (const sample of message.samples) {
      columns.name[i] = indexOf(columns.names, nameIndex, sample.name);
      columns.ts[i] = sample.ts;
      columns.value[i] = sample.value;
      columns.unit[i] =
        sample.unit === undefined ? -1 : indexOf(columns.units, unitIndex, sample.unit);
      i++;
    }
  });
  return columns;
}

/** The events as they were before `packEvents`, in order, one call of `emit` each. */
export function unpackEvents(
  events: readonly PackedEvent[],
  emit: (event: RealtimeEvent) => void,
): void {
  for (const event of events) {
    if (event.type !== 'metrics-columns') {
      emit(event);
      continue;
    }
    let i = 0;
    for (let m = 0; m < event.seq.length; m++) {
      const samples: Sample[] = [];
      const end = i + (event.count[m] ?? 0);
      for (; i < end; i++) {
        const unit = event.unit[i] ?? -1;
        const sample: Sample = {
          name: event.names[event.name[i] ?? 0] ?? '',
          ts: event.ts[i] ?? 0,
          value: event.value[i] ?? 0,
        };
        if (unit >= 0) sample.unit = event.units[unit] ?? '';
        samples.push(sample);
      }
      emit({ type: 'message', message: { type: 'metrics', seq: event.seq[m] ?? 0, samples } });
    }
  }
}
