import type { DashboardState, DashboardStore } from '../store';
import type { BackendConfig } from './config';

/** What a deployment shows as `window.__PULSEBOARD__`: reading only, nothing that acts. */
export type ReadOnlyHandle = Readonly<{
  getState(): Omit<DashboardState, 'commands'>;
  config: Readonly<BackendConfig>;
}>;

/** What a demo or test build shows: the browser tests and the benchmark subscribe and fire faults. */
export type TestHandle = Readonly<{ store: DashboardStore; config: BackendConfig; qa: unknown }>;

/**
 * `window.__PULSEBOARD__`. In a deployment anything on the page (an extension, an injected
 * script, a person at the console told to paste something) could use it, so it reads only: no
 * setState, no commands (ack, reconnect), no QA kit, and it cannot be changed in place. Demo and
 * test builds keep the whole store and the QA controller for the browser tests and the benchmark.
 */
export function debugHandle(
  store: DashboardStore,
  config: BackendConfig,
  qa: unknown,
): ReadOnlyHandle | TestHandle {
  if (config.deployment)
    return Object.freeze({
      getState: () => {
        const { commands: _commands, ...state } = store.getState();
        return state;
      },
      // A copy: the page's own config (timings the client reads) stays out of reach.
      config: deepFrozen(structuredClone(config)),
    });
  return Object.freeze({ store, config, qa });
}

function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFrozen(child);
    Object.freeze(value);
  }
  return value;
}
