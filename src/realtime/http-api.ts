import {
  apiUrl,
  type ClientMessage,
  type PollResponse,
  type ServerSnapshot,
  type SessionStartResponse,
} from './protocol';
import type { FetchLike } from './environment';
import { toPollResponse, toSessionStart, toSnapshot, type Rejection } from './validate';

/**
 * The protocol's HTTP endpoints. Every outcome is a value: the connection engine decides what a
 * failure means (renew, back off, stop), this module only says which failure it was.
 */
export type HttpFailure =
  /** 401/410 with `session_invalid`: the same as close code 1008. */
  | { ok: false; failure: 'session_invalid'; status: number; detail: string }
  /** 401/403 on session start: nothing this client can fix by retrying. */
  | { ok: false; failure: 'unauthorized'; status: number; detail: string }
  | { ok: false; failure: 'http'; status: number; detail: string }
  | { ok: false; failure: 'network'; status: 0; detail: string }
  | { ok: false; failure: 'bad_body'; status: number; detail: string }
  | { ok: false; failure: 'aborted'; status: 0; detail: string };

export type HttpResult<T> = { ok: true; value: T; rejected: Rejection[] } | HttpFailure;

export class HttpApi {
  constructor(
    private readonly fetch: FetchLike,
    private readonly baseUrl: string,
  ) {}

  startSession(signal: AbortSignal): Promise<HttpResult<SessionStartResponse>> {
    return this.request(
      apiUrl(this.baseUrl, '/api/session/start'),
      { method: 'POST', signal },
      (body) => {
        const value = toSessionStart(body);
        return value && { value, rejected: [] };
      },
      true,
    );
  }

  snapshot(sessionId: string, signal: AbortSignal): Promise<HttpResult<ServerSnapshot>> {
    return this.request(
      apiUrl(this.baseUrl, '/api/snapshot', { sessionId }),
      { signal },
      toSnapshot,
    );
  }

  poll(
    sessionId: string,
    after: number,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<HttpResult<PollResponse>> {
    const url = apiUrl(this.baseUrl, '/api/poll', { sessionId, after, waitMs });
    return this.request(url, { signal }, toPollResponse);
  }

  send(
    sessionId: string,
    messages: ClientMessage[],
    signal: AbortSignal,
  ): Promise<HttpResult<null>> {
    return this.request(
      apiUrl(this.baseUrl, '/api/send', { sessionId }),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messages.length === 1 ? messages[0] : messages),
        signal,
      },
      () => ({ value: null, rejected: [] }),
    );
  }

  private async request<T>(
    url: string,
    init: RequestInit,
    read: (body: unknown) => { value: T; rejected: Rejection[] } | null,
    isSessionStart = false,
  ): Promise<HttpResult<T>> {
    let response: Response;
    try {
      response = await this.fetch(url, init);
    } catch (error) {
      if (init.signal?.aborted)
        return { ok: false, failure: 'aborted', status: 0, detail: 'aborted' };
      return { ok: false, failure: 'network', status: 0, detail: describe(error) };
    }
    const body = await readJson(response);
    if (init.signal?.aborted)
      return { ok: false, failure: 'aborted', status: 0, detail: 'aborted' };
    const { status } = response;
    if (!response.ok) {
      const code = isRecord(body) && typeof body.error === 'string' ? body.error : '';
      if (isSessionStart && (status === 401 || status === 403)) {
        return { ok: false, failure: 'unauthorized', status, detail: code || `HTTP ${status}` };
      }
      if ((status === 401 || status === 410) && code === 'session_invalid') {
        return { ok: false, failure: 'session_invalid', status, detail: code };
      }
      return { ok: false, failure: 'http', status, detail: code || `HTTP ${status}` };
    }
    const result = read(body);
    if (!result)
      return {
        ok: false,
        failure: 'bad_body',
        status,
        detail: `unexpected body from ${new URL(url).pathname}`,
      };
    return { ok: true, ...result };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text === '' ? null : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
