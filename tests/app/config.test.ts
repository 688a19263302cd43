import { describe, expect, it } from 'vitest';
import { DEFAULT_REMOTE_ENGINE, FAST_TIMING, resolveBackend } from '../../src/app/config';

const ORIGIN = 'http://127.0.0.1:5173';

describe('resolveBackend', () => {
  it('uses the embedded mock at the page origin when nothing is configured', () => {
    expect(resolveBackend('', ORIGIN)).toEqual({
      mode: 'mock',
      baseUrl: ORIGIN,
      timing: {},
      engine: 'page',
    });
  });

  it('lets ?api= point the running app at a backend', () => {
    expect(
      resolveBackend('?api=http://10.0.0.5:8080/', ORIGIN, 'http://build.example', true),
    ).toEqual({
      mode: 'remote',
      baseUrl: 'http://10.0.0.5:8080',
      timing: {},
      engine: DEFAULT_REMOTE_ENGINE,
    });
  });

  it('uses VITE_API_BASE when the URL does not say', () => {
    expect(resolveBackend('', ORIGIN, 'https://pulse.example.com', true)).toEqual({
      mode: 'remote',
      baseUrl: 'https://pulse.example.com',
      timing: {},
      engine: DEFAULT_REMOTE_ENGINE,
    });
  });

  it('runs the engine in a Web Worker against a real backend by default, on the page without workers', () => {
    const api = '?api=http://10.0.0.5:8080';
    expect(DEFAULT_REMOTE_ENGINE).toBe('worker');
    expect(resolveBackend(api, ORIGIN, undefined, true).engine).toBe('worker');
    expect(resolveBackend(api, ORIGIN, undefined, false).engine).toBe('page');
  });

  it('runs the engine where ?engine= says, when the browser has workers', () => {
    const api = '?api=http://10.0.0.5:8080';
    expect(resolveBackend(`${api}&engine=worker`, ORIGIN, undefined, true).engine).toBe('worker');
    expect(resolveBackend(`${api}&engine=page`, ORIGIN, undefined, true).engine).toBe('page');
    expect(resolveBackend(`${api}&engine=worker`, ORIGIN, undefined, false).engine).toBe('page');
  });

  it('keeps the engine on the page in mock mode, where MSW can see its sockets', () => {
    expect(resolveBackend('?engine=worker', ORIGIN, undefined, true).engine).toBe('page');
  });

  it('shortens the connection timings with ?timing=fast', () => {
    expect(resolveBackend('?timing=fast', ORIGIN).timing).toBe(FAST_TIMING);
  });

  it('refuses a ?api= that is not an http URL and says why', () => {
    const config = resolveBackend('?api=javascript:alert(1)', ORIGIN);
    expect(config.mode).toBe('mock');
    expect(config.problem).toMatch(/not an http/);
  });
});
