import { describe, expect, it } from 'vitest';
import {
  allowedOrigins,
  backendHost,
  DEFAULT_REMOTE_ENGINE,
  FAST_TIMING,
  resolveBackend,
} from '../../src/app/config';

const ORIGIN = 'http://127.0.0.1:5173';
const DEPLOYMENT = {
  base: 'https://pulse.example.com',
  allow: 'https://staging.example.com, http://10.0.0.5:8080/ignored-path',
};

describe('resolveBackend', () => {
  it('uses the embedded mock at the page origin when nothing is configured', () => {
    expect(resolveBackend('', ORIGIN)).toEqual({
      mode: 'mock',
      baseUrl: ORIGIN,
      timing: {},
      engine: 'page',
      deployment: false,
      origin: ORIGIN,
      foreign: false,
    });
  });

  it('lets ?api= point the running app at a backend', () => {
    expect(resolveBackend('?api=http://10.0.0.5:8080/', ORIGIN, DEPLOYMENT, true)).toEqual({
      mode: 'remote',
      baseUrl: 'http://10.0.0.5:8080',
      timing: {},
      engine: DEFAULT_REMOTE_ENGINE,
      deployment: true,
      origin: 'http://10.0.0.5:8080',
      foreign: true,
    });
  });

  it('uses VITE_API_BASE when the URL does not say', () => {
    expect(resolveBackend('', ORIGIN, { base: 'https://pulse.example.com' }, true)).toEqual({
      mode: 'remote',
      baseUrl: 'https://pulse.example.com',
      timing: {},
      engine: DEFAULT_REMOTE_ENGINE,
      deployment: true,
      origin: 'https://pulse.example.com',
      foreign: false,
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
    expect(config.refused).toEqual({ value: 'javascript:alert(1)', reason: 'not_http' });
  });

  it('refuses a ?api= that carries a user name or password', () => {
    const config = resolveBackend('?api=https://kim:secret@pulse.example.com', ORIGIN, DEPLOYMENT);
    expect(config.baseUrl).toBe('https://pulse.example.com');
    expect(config.refused?.reason).toBe('not_http');
  });
});

describe('resolveBackend: who decides the backend', () => {
  it('refuses ?api= outside VITE_API_ALLOW in a deployment and stays on its own backend', () => {
    const config = resolveBackend('?api=https://evil.example', ORIGIN, DEPLOYMENT, true);
    expect(config).toMatchObject({
      mode: 'remote',
      baseUrl: 'https://pulse.example.com',
      origin: 'https://pulse.example.com',
      deployment: true,
      foreign: false,
      refused: { value: 'https://evil.example', reason: 'not_allowed' },
    });
    expect(config.problem).toMatch(/not a backend this deployment allows/);
    // A listed host on another port or scheme is another origin.
    expect(resolveBackend('?api=http://staging.example.com', ORIGIN, DEPLOYMENT).refused).toEqual({
      value: 'http://staging.example.com',
      reason: 'not_allowed',
    });
    // No allow list at all: only the deployment's own backend.
    expect(
      resolveBackend('?api=https://staging.example.com', ORIGIN, { base: DEPLOYMENT.base }).baseUrl,
    ).toBe('https://pulse.example.com');
  });

  it('honours ?api= listed in VITE_API_ALLOW', () => {
    const config = resolveBackend('?api=https://staging.example.com/pulse/', ORIGIN, DEPLOYMENT);
    expect(config).toMatchObject({
      mode: 'remote',
      baseUrl: 'https://staging.example.com/pulse',
      origin: 'https://staging.example.com',
      deployment: true,
      foreign: true,
    });
    expect(config.refused).toBeUndefined();
  });

  it("treats ?api= naming the deployment's own origin as its own backend", () => {
    const config = resolveBackend('?api=https://pulse.example.com/v2', ORIGIN, DEPLOYMENT);
    expect(config).toMatchObject({ baseUrl: 'https://pulse.example.com/v2', foreign: false });
  });

  it('never falls back to the demo backend in a deployment', () => {
    for (const api of ['', 'javascript:alert(1)', 'not a url', 'https://evil.example', 'ws://x']) {
      const config = resolveBackend(`?api=${encodeURIComponent(api)}`, ORIGIN, DEPLOYMENT);
      expect(config.mode, api).toBe('remote');
      expect(config.baseUrl, api).toBe('https://pulse.example.com');
      expect(config.deployment, api).toBe(true);
    }
    expect(() => resolveBackend('', ORIGIN, { base: 'pulse.example.com' })).toThrow(
      /VITE_API_BASE is not an http\(s\) URL/,
    );
  });

  it('a demo build honours any http(s) ?api= and marks it foreign', () => {
    for (const api of ['http://127.0.0.1:8787', 'https://anywhere.example:9443/base']) {
      const config = resolveBackend(`?api=${encodeURIComponent(api)}`, ORIGIN);
      expect(config).toMatchObject({ mode: 'remote', deployment: false, foreign: true });
      expect(config.origin).toBe(new URL(api).origin);
    }
    expect(resolveBackend('', ORIGIN).foreign).toBe(false);
  });

  it('reads VITE_API_ALLOW as origins, skipping what is not an http(s) URL', () => {
    expect([
      ...allowedOrigins(' https://a.example/x , ftp://b.example,,http://c.example:81'),
    ]).toEqual(['https://a.example', 'http://c.example:81']);
    expect(allowedOrigins(undefined).size).toBe(0);
  });

  it('names a backend by host and port', () => {
    expect(backendHost('http://127.0.0.1:8787')).toBe('127.0.0.1:8787');
    expect(backendHost('https://pulse.example.com/base')).toBe('pulse.example.com');
  });
});
