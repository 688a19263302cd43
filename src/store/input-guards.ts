import type { RealtimeEvent, Sample } from '../realtime';

/**
 * What the store checks of input it is handed, and how it names that input in an error detail.
 * Types are trusted past validation (`src/realtime/validate.ts`), but a store that draws them
 * must not draw garbage, and describing a bad item must never throw in turn.
 */

/** Throws, with a reason, for anything that is not a drawable sample. */
export function requireSample(sample: Sample): void {
  if (typeof sample !== 'object' || sample === null) throw new Error('not a sample');
  if (typeof sample.name !== 'string') throw new Error('a sample without a name');
  if (!Number.isFinite(sample.ts)) throw new Error('a sample without a finite timestamp');
  if (typeof sample.value !== 'number') throw new Error('a sample without a numeric value');
}

/** Server text in a detail line: short, and never able to throw. */
export function clip(value: unknown): string {
  const text = typeof value === 'string' ? value : String(typeof value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

export function describeEvent(event: RealtimeEvent): string {
  const type = clip((event as { type?: unknown } | null)?.type);
  if (type !== 'message') return `${type} event`;
  return `${clip((event as { message?: { type?: unknown } }).message?.type)} message`;
}

export function safely(describe: () => string): string {
  try {
    return describe();
  } catch {
    return 'an item';
  }
}

export function errorText(error: unknown): string {
  try {
    return clip(error instanceof Error ? error.message : String(error));
  } catch {
    return 'unknown error';
  }
}
