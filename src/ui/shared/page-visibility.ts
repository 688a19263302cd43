/**
 * Whether the page is hidden, and when it is shown again: what waits while a tab is in the
 * background (clocks, settling text) asks here, so a hidden tab renders nothing. Outside a
 * browser (no document) the page counts as shown.
 */
const doc = (): Document | null => (typeof document === 'undefined' ? null : document);

export const pageHidden = (): boolean => doc()?.visibilityState === 'hidden';

/** Calls `listener` each time the page is shown again; returns the unsubscribe. */
export function onPageShown(listener: () => void): () => void {
  const page = doc();
  if (!page) return () => {};
  const changed = () => {
    if (!pageHidden()) listener();
  };
  page.addEventListener('visibilitychange', changed);
  return () => page.removeEventListener('visibilitychange', changed);
}
