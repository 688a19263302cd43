import { http, HttpResponse, ws, delay, type RequestHandler, type WebSocketHandler } from 'msw';
import { apiUrl, websocketUrl } from '../src/realtime/protocol';
import type { HttpReply, MockBackend } from '../backend/mock-backend';

/**
 * MSW handlers that put a MockBackend behind a base URL: the embedded backend of the browser
 * demo and of vitest. The protocol logic lives in the backend; this file only translates.
 */
export function createHandlers(
  backend: MockBackend,
  baseUrl: string,
): Array<RequestHandler | WebSocketHandler> {
  const url = (path: string) => apiUrl(baseUrl, path);
  const reply = async ({ status, body }: HttpReply) => {
    if (backend.faults.latencyMs > 0) await delay(backend.faults.latencyMs);
    return body === null ? new HttpResponse(null, { status }) : HttpResponse.json(body, { status });
  };
  const session = (request: Request) => new URL(request.url).searchParams.get('sessionId');
  const link = ws.link(websocketUrl(baseUrl));

  return [
    http.post(url('/api/session/start'), () => reply(backend.startSession())),
    http.get(url('/api/snapshot'), ({ request }) => reply(backend.snapshot(session(request)))),
    http.get(url('/api/poll'), async ({ request }) => {
      const params = new URL(request.url).searchParams;
      const after = Number(params.get('after') ?? 0);
      const waitMs = Number(params.get('waitMs') ?? 0);
      return reply(
        await backend.poll(session(request), Number.isFinite(after) ? after : 0, waitMs),
      );
    }),
    http.post(url('/api/send'), async ({ request }) => {
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return reply({ status: 400, body: { error: 'invalid_json' } });
      }
      return reply(backend.receiveHttp(session(request), body));
    }),
    link.addEventListener('connection', ({ client }) => {
      const drop = () => {
        // A dead network: an error, then a close without a close frame.
        (client as unknown as { socket: EventTarget }).socket.dispatchEvent(new Event('error'));
        client.close(1006);
      };
      const handle = backend.accept({
        send: (text) => client.send(text),
        close: (code, reason) => client.close(code, reason),
        drop,
      });
      if (!handle) return drop();
      client.addEventListener('message', (event) => {
        if (typeof event.data === 'string') handle.receive(event.data);
      });
      client.addEventListener('close', () => handle.closed());
    }),
  ];
}
