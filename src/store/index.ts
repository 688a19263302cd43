export { createDashboardStore, applyEvents } from './dashboard-store';
export type {
  AlertEntry,
  AlertHistoryItem,
  Commands,
  DashboardState,
  DashboardStore,
  DashboardStoreOptions,
  ErrorEntry,
  SeriesEntry,
} from './dashboard-store';
export { bindClientToStore } from './bind-client';
export { catalogState, NO_CATALOG } from './catalog';
export type { CatalogState } from './catalog';
export {
  animationFrames,
  frameScheduler,
  microtaskScheduler,
  timerFrames,
  withBackstop,
} from './frames';
export type { FrameSource } from './frames';
export type { FlushScheduler } from './bind-client';
export { NO_DATA_PROBLEMS, STORE_PROBLEM_KINDS } from './data-problems';
export type { DataProblemKind, DataProblems, StoreProblemKind } from './data-problems';
export * as LIMITS from './limits';
export { RingBuffer } from './ring-buffer';
export type { Point } from './ring-buffer';
export {
  browserStorage,
  createOperatorStore,
  DEFAULT_PREFS,
  LOCALES,
  WINDOW_MINUTES,
} from './operator-store';
export type {
  Locale,
  OperatorPrefs,
  OperatorState,
  OperatorStore,
  OperatorStoreOptions,
  SeverityFilter,
  StatusFilter,
  WindowMinutes,
} from './operator-store';
export {
  atLeast,
  DEFAULT_NOTIFY,
  QUIET_MINUTES,
  quietActive,
  SEVERITIES,
  shouldToast,
} from './notify-prefs';
export type { NotifyPrefs, QuietMinutes } from './notify-prefs';
export { alertView } from './alert-status';
export type { AlertView } from './alert-status';
