import { webAudioSound, type SoundPort } from './notifications-sound';

/**
 * The browser as the notifier sees it: the Notification API, whether the operator is looking
 * (page visible and focused), the tab's title and a beep. Injected (UiEnvironment.notify), so
 * tests stub every part; nothing here runs on load except reading state.
 */
export type Permission = NotificationPermission | 'unsupported';

export type SystemNotice = {
  title: string;
  body: string;
  /** The same tag replaces an earlier notice instead of stacking a second one. */
  tag: string;
  /** The operator clicked it: the page has already been brought to the front. */
  onClick: () => void;
};

export type NotifyPorts = {
  permission(): Permission;
  /** Asks the browser; call it only from the operator's explicit action (a click). */
  requestPermission(): Promise<Permission>;
  /** Raises a system notification; false when the browser refused (no permission, no API). */
  show(notice: SystemNotice): boolean;
  /** The operator can see the page: it is visible and has focus. */
  isAttended(): boolean;
  title(): string;
  setTitle(title: string): void;
  sound: SoundPort;
};

export type { SoundPort };

type NotificationLike = {
  permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): Notification;
};

export function browserNotifyPorts(win: Window | undefined = globalThis.window): NotifyPorts {
  const api = (): NotificationLike | null => {
    const candidate = (win as unknown as { Notification?: unknown } | undefined)?.Notification;
    return typeof candidate === 'function' ? (candidate as NotificationLike) : null;
  };
  const permission = (): Permission => api()?.permission ?? 'unsupported';
  return {
    permission,
    async requestPermission() {
      const Notification = api();
      if (!Notification) return 'unsupported';
      try {
        return await Notification.requestPermission();
      } catch {
        // Very old browsers take a callback and return nothing; the permission still settles.
        return permission();
      }
    },
    show({ title, body, tag, onClick }) {
      const Notification = api();
      if (!Notification || Notification.permission !== 'granted') return false;
      try {
        const notice = new Notification(title, { body, tag });
        notice.onclick = () => {
          win?.focus();
          notice.close();
          onClick();
        };
        return true;
      } catch {
        // Chrome on Android refuses the constructor (service-worker notifications only).
        return false;
      }
    },
    isAttended() {
      const doc = win?.document;
      return !!doc && doc.visibilityState === 'visible' && doc.hasFocus();
    },
    title: () => win?.document.title ?? '',
    setTitle(title) {
      if (win && win.document.title !== title) win.document.title = title;
    },
    sound: webAudioSound(win),
  };
}
