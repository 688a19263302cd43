import { useEffect } from 'react';

/**
 * Escape closes the open `<details>` that holds focus (an alert's history, the QA panel) and
 * leaves focus on its summary, as a popover would. Browsers do not do this by themselves.
 */
export function useEscapeClosesDetails(): void {
  useEffect(() => {
    const doc = globalThis.document;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      const details = target?.closest('details[open]');
      if (!(details instanceof HTMLDetailsElement)) return;
      event.preventDefault();
      details.open = false;
      details.querySelector<HTMLElement>(':scope > summary')?.focus();
    };
    doc.addEventListener('keydown', onKeyDown);
    return () => doc.removeEventListener('keydown', onKeyDown);
  }, []);
}
