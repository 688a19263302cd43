/**
 * One interval timer per period, however many subscribe to it. Each metric panel checks twice a
 * second whether it went stale; with a timer each, an idle dashboard of twelve panels woke the
 * main thread 24 times a second for checks that change nothing. Now it wakes twice.
 *
 * The timer starts with the first subscriber of a period and stops with the last.
 */
type Group = { listeners: Set<() => void>; handle: ReturnType<typeof setInterval> };

const groups = new Map<number, Group>();

/** Calls `listener` every `ms` milliseconds until the returned function is called. */
export function everyInterval(ms: number, listener: () => void): () => void {
  let group = groups.get(ms);
  if (!group) {
    const listeners = new Set<() => void>();
    // A copy: a listener may unsubscribe itself or another one while they run.
    const tick = () => [...listeners].forEach((each) => each());
    group = { listeners, handle: globalThis.setInterval(tick, ms) };
    groups.set(ms, group);
  }
  // A fresh function per subscription, so the same listener subscribed twice runs twice.
  const entry = () => listener();
  group.listeners.add(entry);
  const joined = group;
  return () => {
    if (!joined.listeners.delete(entry) || joined.listeners.size > 0) return;
    globalThis.clearInterval(joined.handle);
    if (groups.get(ms) === joined) groups.delete(ms);
  };
}
