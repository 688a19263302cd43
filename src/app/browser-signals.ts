import type { Signals } from '../realtime';

/** The browser's online/offline and visibility events, as the realtime core's `Signals`. */
export function browserSignals(win: Window = window): Signals {
  return {
    isOnline: () => win.navigator.onLine !== false,
    onOnlineChange(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      win.addEventListener('online', online);
      win.addEventListener('offline', offline);
      return () => {
        win.removeEventListener('online', online);
        win.removeEventListener('offline', offline);
      };
    },
    onVisible(listener) {
      const doc = win.document;
      const changed = () => {
        if (doc.visibilityState === 'visible') listener();
      };
      doc.addEventListener('visibilitychange', changed);
      return () => doc.removeEventListener('visibilitychange', changed);
    },
  };
}
