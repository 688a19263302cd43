export { createDashboardStore, applyEvents } from './dashboard-store';
export type {
  AlertEntry,
  Commands,
  DashboardState,
  DashboardStore,
  DashboardStoreOptions,
  ErrorEntry,
  SeriesEntry,
} from './dashboard-store';
export { bindClientToStore, frameScheduler, microtaskScheduler } from './bind-client';
export type { FlushScheduler } from './bind-client';
export { RingBuffer } from './ring-buffer';
export type { Point } from './ring-buffer';
