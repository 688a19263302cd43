import type { RealtimeEvent } from './client';
import { MAX_METRIC_NAMES, MAX_REFUSED_NAMES_TRACKED } from './limits';
import type { Sample } from './protocol';

/** What one event lost at the gate: reported once per event, not once per sample. */
export type NameRefusal = { names: number; samples: number; first: string };

/**
 * Lets through samples of at most `MAX_METRIC_NAMES` distinct metric names; samples of any
 * further name are refused here, at the edge. A backend that invents a name per sample sends
 * thousands of new names a frame: refused only in the store, every one of them still crossed to
 * the page (a structured clone per batch from a worker) and cost the main thread its frame. The
 * store keeps the same bound for snapshots and other clients; with the gate in front it never
 * meets it.
 *
 * Names are never forgotten, like the store's series: a name admitted once stays admitted.
 */
export class NameGate {
  private readonly admitted = new Set<string>();
  /** Refused names, remembered (bounded) so each counts once however often it comes back. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly maxNames = MAX_METRIC_NAMES,
    private readonly maxRefusedTracked = MAX_REFUSED_NAMES_TRACKED,
  ) {}

  /**
   * The event with refused samples taken out (the same object when nothing was), and what was
   * refused, or null. Non-sample events pass untouched.
   */
  admit(event: RealtimeEvent): { event: RealtimeEvent; refusal: NameRefusal | null } {
    if (event.type === 'message' && event.message.type === 'metrics') {
      const { samples, refusal } = this.filter(event.message.samples);
      if (!refusal) return { event, refusal };
      return { event: { ...event, message: { ...event.message, samples } }, refusal };
    }
    if (event.type === 'reset') {
      const { samples, refusal } = this.filter(event.snapshot.samples);
      if (!refusal) return { event, refusal };
      return { event: { ...event, snapshot: { ...event.snapshot, samples } }, refusal };
    }
    return { event, refusal: null };
  }

  private filter(samples: Sample[]): { samples: Sample[]; refusal: NameRefusal | null } {
    let kept: Sample[] | null = null;
    let newNames = 0;
    let refusedSamples = 0;
    let first = '';
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      if (this.pass(sample.name)) {
        kept?.push(sample);
        continue;
      }
      // Copy lazily: the common case (every name known) allocates nothing.
      kept ??= samples.slice(0, i);
      refusedSamples++;
      if (!this.refused.has(sample.name)) {
        if (newNames === 0) first = sample.name;
        newNames++;
        if (this.refused.size < this.maxRefusedTracked) this.refused.add(sample.name);
      }
    }
    if (!kept) return { samples, refusal: null };
    return { samples: kept, refusal: { names: newNames, samples: refusedSamples, first } };
  }

  private pass(name: string): boolean {
    if (this.admitted.has(name)) return true;
    if (this.admitted.size >= this.maxNames) return false;
    this.admitted.add(name);
    return true;
  }
}
