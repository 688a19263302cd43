// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import {
  startUpgradeStrippingProxy,
  type UpgradeStrippingProxy,
} from '../../server/upgrade-stripping-proxy';

describe('the upgrade-stripping proxy', () => {
  let server: ReferenceServer;
  let proxy: UpgradeStrippingProxy;
  beforeEach(async () => {
    server = await startReferenceServer();
    proxy = await startUpgradeStrippingProxy(server.url);
  });
  afterEach(async () => {
    await proxy.close();
    await server.close();
  });

  /** How a WebSocket handshake through the proxy ends: 'open' or the HTTP status it got. */
  const handshake = () =>
    new Promise<string>((resolve) => {
      const ws = new WebSocket(`${proxy.url.replace('http', 'ws')}/ws`);
      ws.once('open', () => {
        ws.terminate();
        resolve('open');
      });
      ws.once('unexpected-response', (_request, response) => {
        resolve(String(response.statusCode));
        ws.terminate();
      });
      ws.once('error', () => resolve('error'));
    });

  it('forwards HTTP with its CORS headers', async () => {
    const response = await fetch(`${proxy.url}/api/session/start`, { method: 'POST' });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('strips Upgrade, so the handshake fails and the server never sees a WebSocket', async () => {
    expect(await handshake()).toBe('404');
    expect(server.backend.stats.connectionsAccepted).toBe(0);
  });

  it('tunnels WebSocket once fixed', async () => {
    proxy.stripping = false;
    expect(await handshake()).toBe('open');
  });
});
