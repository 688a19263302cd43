import type { Severity } from '../realtime';

/**
 * How this operator wants to be told about alerts, kept per backend (a noisy test backend and
 * the production one deserve different thresholds): which severities toast, which raise a
 * system notification while the page is not looked at, whether critical alerts beep, and a
 * quiet period that mutes non-critical toasts for a while. Pure rules, shared by the toasts
 * (src/ui/alerts) and the notifier (src/ui/notify), which may not import each other.
 */
export type QuietMinutes = 15 | 30 | 60;
export const QUIET_MINUTES: readonly QuietMinutes[] = [15, 30, 60];
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export type NotifyPrefs = {
  /** The least severe alert that still pops a toast. */
  toastMin: Severity;
  /** The least severe alert that raises a system notification (when `system` is on). */
  notifyMin: Severity;
  /** System notifications on; the browser's permission is asked separately, from a control. */
  system: boolean;
  /** A beep for critical alerts. */
  sound: boolean;
  /** Until when (client clock) non-critical toasts are muted; `null`: not muted. */
  quietUntil: number | null;
};

export const DEFAULT_NOTIFY: NotifyPrefs = {
  toastMin: 'info',
  notifyMin: 'critical',
  system: false,
  sound: false,
  quietUntil: null,
};

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, critical: 2 };

/** `severity` is `min` or more severe. */
export function atLeast(severity: Severity, min: Severity): boolean {
  return RANK[severity] >= RANK[min];
}

export function quietActive(notify: NotifyPrefs, now: number): boolean {
  return notify.quietUntil !== null && now < notify.quietUntil;
}

/** A new alert pops a toast: at or above the threshold, and critical ones even when quiet. */
export function shouldToast(notify: NotifyPrefs, severity: Severity, now: number): boolean {
  if (!atLeast(severity, notify.toastMin)) return false;
  return severity === 'critical' || !quietActive(notify, now);
}

/** The longest quiet period there is: a stored end further out is a hand edit or a clock jump. */
const LONGEST_QUIET_MS = Math.max(...QUIET_MINUTES) * 60_000;

/**
 * Notification choices from storage, field by field; `undefined` when there are none. A quiet
 * period that has ended is dropped, one that ends beyond the longest period is cut to it.
 */
export function readNotifyPrefs(value: unknown, now: number): NotifyPrefs | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const severity = (raw: unknown, fallback: Severity) =>
    SEVERITIES.find((s) => s === raw) ?? fallback;
  const until = v.quietUntil;
  const quietUntil =
    typeof until === 'number' && Number.isFinite(until) && until > now
      ? Math.min(until, now + LONGEST_QUIET_MS)
      : null;
  return {
    toastMin: severity(v.toastMin, DEFAULT_NOTIFY.toastMin),
    notifyMin: severity(v.notifyMin, DEFAULT_NOTIFY.notifyMin),
    system: v.system === true,
    sound: v.sound === true,
    quietUntil,
  };
}
