import {
  apiUrl,
  type ClientMessage,
  type PollResponse,
  type ServerSnapshot,
  type SessionStartResponse,
} from './protocol';
import { readBodyText } from './bounded-body';
import type { Clock, FetchLike } from './environment';
import { clipText } from './item-tally';
import { MAX_ERROR_CODE_CHARS, MAX_HTTP_BODY_BYTES, MAX_SNAPSHOT_BYTES } from './limits';
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
  /** The body was over its byte cap; reading stopped there. */
  | { ok: false; failure: 'oversized'; status: number; detail: string }
  | { ok: false; failure: 'aborted'; status: 0; detail: string };

export type HttpResult<T> =
  | {
      ok: true;
      value: T;
      rejected: Rejection[];
      /** Length of the body read, in characters: what holding its messages costs. */
      bytes?: number;
    }
  | HttpFailure;

/**
 * Every call has a deadline: `timeoutMs`, and a long poll that much on top of its `waitMs`.
 * Without one, a request on a line that died without a word (a laptop
 * that slept, a proxy that holds the request forever) never settles, and the fallback sits in
 * "polling" with nothing arriving and nothing to say it is wrong.
 */
export class HttpApi {
  constructor(
    private readonly fetch: FetchLike,
    private readonly baseUrl: string,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  startSession(signal: AbortSignal): Promise<HttpResult<SessionStartResponse>> {
    return this.request(
      apiUrl(this.baseUrl, '/api/session/start'),
      { method: 'POST', signal },
      toSessionStart,
      { isSessionStart: true },
    );
  }

  snapshot(sessionId: string, signal: AbortSignal): Promise<HttpResult<ServerSnapshot>> {
    return this.request(
      apiUrl(this.baseUrl, '/api/snapshot', { sessionId }),
      { signal },
      toSnapshot,
      { capBytes: MAX_SNAPSHOT_BYTES },
    );
  }

  poll(
    sessionId: string,
    after: number,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<HttpResult<PollResponse>> {
    const url = apiUrl(this.baseUrl, '/api/poll', { sessionId, after, waitMs });
    return this.request(url, { signal }, toPollResponse, {
      timeoutMs: waitMs + this.timeoutMs,
    });
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
    init: RequestInit & { signal: AbortSignal },
    read: (body: unknown) => { value: T; rejected: Rejection[] } | null,
    { isSessionStart = false, timeoutMs = this.timeoutMs, capBytes = MAX_HTTP_BODY_BYTES } = {},
  ): Promise<HttpResult<T>> {
    // One controller ends the call either way: the caller gave up, or the deadline passed.
    const controller = new AbortController();
    const caller = init.signal;
    const giveUp = () => controller.abort(GAVE_UP);
    if (caller.aborted) giveUp();
    else caller.addEventListener('abort', giveUp, { once: true });
    const deadline = this.clock.setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
    try {
      const exchange = { isSessionStart, capBytes };
      return await this.exchange(url, { ...init, signal: controller.signal }, read, exchange);
    } finally {
      this.clock.clearTimeout(deadline);
      caller.removeEventListener('abort', giveUp);
      // A body refused part-way (over its cap) is dropped with the request itself, not only its
      // reader: a cancelled reader alone did not always make Chromium close the connection from
      // a SharedWorker, and the server went on writing. After a complete answer this does nothing.
      controller.abort(SETTLED);
    }
  }

  private async exchange<T>(
    url: string,
    init: RequestInit & { signal: AbortSignal },
    read: (body: unknown) => { value: T; rejected: Rejection[] } | null,
    { isSessionStart, capBytes }: { isSessionStart: boolean; capBytes: number },
  ): Promise<HttpResult<T>> {
    const { signal } = init;
    let response: Response;
    try {
      response = await this.fetch(url, init);
    } catch (error) {
      if (signal.aborted) return ended(url, signal);
      return { ok: false, failure: 'network', status: 0, detail: describe(error) };
    }
    const { status } = response;
    const text = await readBodyText(response, capBytes, signal);
    if (signal.aborted) return ended(url, signal);
    if (!text.ok) {
      const detail = `${new URL(url).pathname}: body over the ${capBytes}-byte cap (${text.bytes} bytes seen or declared), not read further`;
      return { ok: false, failure: 'oversized', status, detail };
    }
    const body = parseJson(text.text);
    if (!response.ok) {
      const error = isRecord(body) && typeof body.error === 'string' ? body.error : '';
      const code = clipText(error, MAX_ERROR_CODE_CHARS);
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
    return { ok: true, ...result, bytes: text.text.length };
  }
}

/** The error kind a failed call is counted as: a body over its cap is told apart. */
export function httpErrorKind(failure: HttpFailure): 'http_error' | 'http_oversized' {
  return failure.failure === 'oversized' ? 'http_oversized' : 'http_error';
}

const GAVE_UP = 'aborted';
const SETTLED = 'settled';
const TIMED_OUT = 'timed out';

/** A call cut short: by its caller (not a failure at all) or by its deadline (a dead line). */
function ended(url: string, signal: AbortSignal): HttpFailure {
  if (signal.reason === TIMED_OUT) {
    const detail = `no answer from ${new URL(url).pathname} in time`;
    return { ok: false, failure: 'network', status: 0, detail };
  }
  return { ok: false, failure: 'aborted', status: 0, detail: 'aborted' };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
