import { useEffect } from 'react';
import { ALERTS_PANEL_ID } from './AlertList';
import { useDashboardStore } from '../shared/store-context';

/**
 * The keyboard's way to the toasts, which sit in a corner far from everything in tab order:
 * Alt+Shift+A jumps to the newest critical toast (the newest toast of any kind when no critical
 * one is up) and, pressed again, goes back to where focus was. Escape in a toast dismisses it
 * when it may be dismissed (never a critical one: those wait for an acknowledgement) and goes
 * back too; so does a toast that leaves from under focus (acknowledged, say). Matched on the
 * physical key (`code`), so a Korean keyboard layout or IME does not change it.
 */
export const TOAST_SHORTCUT_LABEL = 'Alt+Shift+A';

export function isToastShortcut(event: KeyboardEvent): boolean {
  return (
    event.code === 'KeyA' && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey
  );
}

const TOAST = '.toast[data-visible="true"]';

export function useToastShortcut(): void {
  const store = useDashboardStore();
  useEffect(() => {
    const doc = globalThis.document;
    let returnTo: HTMLElement | null = null;
    let watching: MutationObserver | null = null;

    const stopWatching = () => {
      watching?.disconnect();
      watching = null;
    };
    const goBack = () => {
      const target = returnTo?.isConnected ? returnTo : doc.getElementById(ALERTS_PANEL_ID);
      returnTo = null;
      stopWatching();
      target?.focus();
    };
    /** Critical before the rest, then the newest alert first. */
    const rank = (toast: HTMLElement): [number, number] => {
      const id = toast.dataset.toastAlert;
      const alert = id === undefined ? undefined : store.getState().alerts.get(id);
      return [alert?.severity === 'critical' ? 0 : 1, -(alert?.ts ?? -Infinity)];
    };
    const newestToast = (): HTMLElement | null => {
      const toasts = [...doc.querySelectorAll<HTMLElement>(TOAST)];
      toasts.sort((a, b) => {
        const [ra, ta] = rank(a);
        const [rb, tb] = rank(b);
        return ra - rb || ta - tb;
      });
      return toasts[0] ?? null;
    };
    const jump = () => {
      const toast = newestToast();
      if (!toast) return;
      const active = doc.activeElement;
      returnTo = active instanceof HTMLElement && active !== doc.body ? active : null;
      const target = toast.querySelector<HTMLElement>('button') ?? toast;
      if (target === toast) toast.tabIndex = -1;
      target.focus();
      // Focus on a toast that leaves (or loses its button) would fall to the page's start.
      stopWatching();
      watching = new MutationObserver(() => {
        const now = doc.activeElement;
        if (now === null || now === doc.body) goBack();
        else if (!now.closest('.toast')) {
          returnTo = null;
          stopWatching();
        }
      });
      watching.observe(doc.body, { childList: true, subtree: true });
    };

    const onKeyDown = (event: KeyboardEvent) => {
      const inToast = event.target instanceof Element ? event.target.closest('.toast') : null;
      if (isToastShortcut(event)) {
        event.preventDefault();
        if (inToast) goBack();
        else jump();
        return;
      }
      if (event.key === 'Escape' && inToast) {
        event.preventDefault();
        inToast.querySelector<HTMLElement>('[data-action="dismiss"]')?.click();
        goBack();
      }
    };
    doc.addEventListener('keydown', onKeyDown);
    return () => {
      doc.removeEventListener('keydown', onKeyDown);
      stopWatching();
    };
  }, [store]);
}
