import { describe, expect, it, vi } from 'vitest';
import { resolveBackend } from '../../src/app/config';
import { debugHandle } from '../../src/app/debug-handle';
import { createDashboardStore } from '../../src/store';

const ORIGIN = 'http://127.0.0.1:5173';

describe('window.__PULSEBOARD__', () => {
  it('reads only in a deployment: no setState, no commands, no QA kit, frozen', () => {
    const store = createDashboardStore();
    const ack = vi.fn();
    store.setState({ commands: { ack, reconnectNow: vi.fn() } });
    const config = resolveBackend('?timing=fast', ORIGIN, { base: 'https://pulse.example.com' });
    const handle = debugHandle(store, config, { fire: vi.fn() }) as unknown as Record<
      string,
      unknown
    >;
    expect(Object.keys(handle).sort()).toEqual(['config', 'getState']);
    expect(Object.isFrozen(handle)).toBe(true);
    expect(Object.isFrozen(handle.config)).toBe(true);
    // Its timings are a frozen copy: the client's own stay out of reach.
    const shown = handle.config as typeof config;
    expect(Object.isFrozen(shown.timing.backoff)).toBe(true);
    expect(shown.timing).not.toBe(config.timing);
    const state = (handle.getState as () => Record<string, unknown>)();
    expect(state).not.toHaveProperty('commands');
    expect(state.commits).toBe(store.getState().commits);
    expect(() => {
      handle.store = store;
    }).toThrow(TypeError);
  });

  it('keeps the store and the QA controller in a demo or test build', () => {
    const store = createDashboardStore();
    const qa = { fire: vi.fn() };
    const handle = debugHandle(store, resolveBackend('', ORIGIN), qa) as unknown as Record<
      string,
      unknown
    >;
    expect(handle.store).toBe(store);
    expect(handle.qa).toBe(qa);
  });
});
