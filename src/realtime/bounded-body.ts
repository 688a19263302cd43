import { utf8SizeUpTo } from './utf8-size';

/**
 * Reads an HTTP body as text, never more than a cap of bytes. A backend (or a proxy in front of
 * it) that answers with an endless or huge body must cost the page at most the cap: the body is
 * streamed and the stream cancelled as soon as it is over, where `response.text()` would hold
 * all of it in memory first.
 */

export type BodyText = { ok: true; text: string } | { ok: false; bytes: number };

/**
 * @param signal cancels the read when it aborts (the call's deadline, or its caller gave up): a
 *   body that stops arriving must not hold the call open past its deadline.
 * @returns the text, or `{ ok: false, bytes }` with the bytes seen when it is over `capBytes`.
 *   A body that fails mid-way reads as the text so far (it then fails to parse, as it should).
 */
export async function readBodyText(
  response: Response,
  capBytes: number,
  signal: AbortSignal,
): Promise<BodyText> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > capBytes) {
    cancel(response.body);
    return { ok: false, bytes: declared };
  }
  const body = response.body;
  if (!body) {
    // No stream to read by parts (some fetch polyfills): the declared length was checked above.
    const text = await response.text();
    const size = utf8SizeUpTo(text, capBytes);
    return size > capBytes ? { ok: false, bytes: size } : { ok: true, text };
  }
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > capBytes) {
        stop();
        return { ok: false, bytes };
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
  } catch {
    // The connection broke or the read was cancelled: what arrived is all there is.
  } finally {
    signal.removeEventListener('abort', stop);
  }
  parts.push(decoder.decode());
  return { ok: true, text: parts.join('') };
}

function cancel(body: ReadableStream<Uint8Array> | null): void {
  body?.cancel().catch(() => {});
}
