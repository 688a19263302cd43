import type { Rejection } from './validate';

/**
 * What validation does to the items of an accepted message or body: cuts over-long text, and
 * tallies what it refused or cut so that a batch reports once per kind (with a count), not once
 * per item: a snapshot with 100,000 bad samples is one error event, not 100,000.
 */

/** Kinds that refuse or change part of a message (or a whole item of it), never the line. */
export type ItemErrorKind =
  /** Text over its limit, cut to it and ending in "…"; counted per item. */
  | 'truncated'
  /** An id or metric name over its limit; the item is refused (cutting could merge two). */
  | 'id_too_long'
  /** More items than one message or body may carry; the excess is refused. */
  | 'too_many_items'
  /** `welcome.heartbeatMs` outside 1 s .. 5 min; the nearest bound is used. */
  | 'heartbeat_clamped'
  /** A session start's `ttlMs` absurd or mistyped; clamped or the default used. */
  | 'ttl_clamped';

/**
 * `text` cut to at most `max` UTF-16 units, the last of them "…" so the cut shows. Never splits
 * a surrogate pair, which would leave half an emoji to render as garbage.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Fits the text fields of one item, remembering the first one it had to cut. */
export class TextFitter {
  /** Why the item was cut ("title over 300 characters"); null when nothing was. */
  firstCut: string | null = null;

  fit(text: string, max: number, field: string): string {
    if (text.length <= max) return text;
    this.firstCut ??= `${field} over ${max} characters`;
    return clipText(text, max);
  }

  /** A single item's report: one `truncated` when any of its text was cut. */
  rejections(where: string): Rejection[] {
    if (!this.firstCut) return [];
    return [
      { ok: false, kind: 'truncated', detail: `${where}: text cut to fit (${this.firstCut})` },
    ];
  }
}

const VERB: Record<string, string> = { truncated: 'cut to fit' };

type Entry = { kind: Rejection['kind']; noun: string; count: number; reason: string };

/** What one batch lost or had cut, by kind and item type, with the first reason seen for each. */
export class Tally {
  private readonly entries = new Map<string, Entry>();

  add(kind: Rejection['kind'], noun: string, reason: string, count = 1): void {
    const key = `${kind} ${noun}`;
    const entry = this.entries.get(key);
    if (entry) entry.count += count;
    else this.entries.set(key, { kind, noun, count, reason });
  }

  rejections(where: string): Rejection[] {
    return [...this.entries.values()].map(({ kind, noun, count, reason }) => ({
      ok: false as const,
      kind,
      detail: `${where}: ${count} ${noun}${count === 1 ? '' : 's'} ${VERB[kind] ?? 'refused'} (${reason})`,
      count,
    }));
  }
}
