import { MAX_ID_CHARS, MAX_METRIC_NAMES } from '../realtime/limits';

/**
 * How the operator arranged the metric panels: an order and a set of hidden panels, over metric
 * names the backend chose. Pure functions; the persisted store is `layout-store.ts`.
 *
 * Names are untrusted: kept in arrays and Sets (never as object keys), each list bounded, and a
 * layout read back from storage is rebuilt entry by entry.
 */
export type PanelLayout = {
  /** Names in the operator's order. Names not listed follow, in the server's order. */
  readonly order: readonly string[];
  /** Names whose panel is not shown (and not mounted). */
  readonly hidden: readonly string[];
};

export type MoveTo = 'first' | 'up' | 'down' | 'last';
export const MOVES: readonly MoveTo[] = ['first', 'up', 'down', 'last'];

/** The server's order, nothing hidden: what a reset returns to. */
export const DEFAULT_LAYOUT: PanelLayout = { order: [], hidden: [] };

/** Names kept per list: as many as the dashboard keeps series, so a live one is never dropped. */
export const MAX_LAYOUT_NAMES = MAX_METRIC_NAMES;

export type Arrangement = {
  /** Panels to show, in display order. */
  visible: readonly string[];
  /** Hidden panels of metrics the dashboard has, in display order. */
  hidden: readonly string[];
};

export function isDefaultLayout(layout: PanelLayout): boolean {
  return layout.order.length === 0 && layout.hidden.length === 0;
}

/**
 * Every name in display order: the layout's order first, then the names it has not placed yet in
 * the server's order, so a metric that appears later gets a place at the end. Names the
 * dashboard no longer has keep their slot, so they come back where they were.
 */
function fullOrder(names: readonly string[], layout: PanelLayout): string[] {
  const out: string[] = [];
  const placed = new Set<string>();
  for (const list of [layout.order, names]) {
    for (const name of list) {
      if (placed.has(name)) continue;
      placed.add(name);
      out.push(name);
    }
  }
  return out;
}

export function arrange(names: readonly string[], layout: PanelLayout): Arrangement {
  const present = new Set(names);
  const hidden = new Set(layout.hidden);
  const visible: string[] = [];
  const hiddenPresent: string[] = [];
  for (const name of fullOrder(names, layout)) {
    if (!present.has(name)) continue;
    (hidden.has(name) ? hiddenPresent : visible).push(name);
  }
  return { visible, hidden: hiddenPresent };
}

/**
 * Moves one shown panel among the shown ones of `scope` (default: all of them; the screen may
 * gather panels in groups, and a move stays inside the panel's group). Hidden, absent and
 * out-of-scope names keep their slots, so a panel shown again returns to where it was.
 */
export function movePanel(
  layout: PanelLayout,
  names: readonly string[],
  name: string,
  to: MoveTo,
  scope?: readonly string[],
): PanelLayout {
  const present = new Set(names);
  const hidden = new Set(layout.hidden);
  const inScope = scope ? new Set(scope) : null;
  const all = fullOrder(names, layout);
  const slots: number[] = [];
  all.forEach((each, index) => {
    if (present.has(each) && !hidden.has(each) && (!inScope || inScope.has(each)))
      slots.push(index);
  });
  const visible = slots.map((slot) => all[slot] as string);
  const from = visible.indexOf(name);
  if (from < 0) return layout;
  const last = visible.length - 1;
  const target =
    to === 'first'
      ? 0
      : to === 'last'
        ? last
        : Math.min(last, Math.max(0, from + (to === 'up' ? -1 : 1)));
  if (target === from) return layout;
  visible.splice(from, 1);
  visible.splice(target, 0, name);
  slots.forEach((slot, k) => {
    all[slot] = visible[k] as string;
  });
  return { ...layout, order: bounded(all, present) };
}

export function hidePanel(
  layout: PanelLayout,
  names: readonly string[],
  name: string,
): PanelLayout {
  if (layout.hidden.includes(name) || !validName(name)) return layout;
  return { ...layout, hidden: bounded([...layout.hidden, name], new Set(names)) };
}

export function showPanel(layout: PanelLayout, name: string): PanelLayout {
  if (!layout.hidden.includes(name)) return layout;
  return { ...layout, hidden: layout.hidden.filter((each) => each !== name) };
}

/**
 * A layout from whatever storage held (another version, a hand edit, a hostile page on the same
 * origin): strings of a name's length only, each once, at most `MAX_LAYOUT_NAMES` per list.
 * Anything else is dropped; what is left still counts.
 */
export function readLayout(value: unknown): PanelLayout {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return DEFAULT_LAYOUT;
  const record = value as { order?: unknown; hidden?: unknown };
  return { order: readNames(record.order), hidden: readNames(record.hidden) };
}

function readNames(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of value) {
    if (out.length >= MAX_LAYOUT_NAMES) break;
    if (!validName(item) || seen.has(item)) continue;
    seen.add(item);
    out.push(item);
  }
  return out;
}

/** The names the dashboard accepts (realtime/limits): a longer one could never match a series. */
function validName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_CHARS;
}

/**
 * At most `MAX_LAYOUT_NAMES`: every name the dashboard has now is kept; of the others, the ones
 * listed last (the latest hidden) are kept while there is room. The list keeps its order.
 */
function bounded(list: readonly string[], present: ReadonlySet<string>): readonly string[] {
  if (list.length <= MAX_LAYOUT_NAMES) return list;
  let room = MAX_LAYOUT_NAMES - list.filter((name) => present.has(name)).length;
  const keepAbsent = new Set<string>();
  for (let i = list.length - 1; i >= 0 && room > 0; i--) {
    const name = list[i] as string;
    if (present.has(name)) continue;
    keepAbsent.add(name);
    room--;
  }
  return list
    .filter((name) => present.has(name) || keepAbsent.has(name))
    .slice(0, MAX_LAYOUT_NAMES);
}
