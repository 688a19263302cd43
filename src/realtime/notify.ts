/**
 * Calls every listener with `event`. A broken listener must not break the connection or the
 * other listeners: what it throws is logged and the rest still hear the event.
 */
export function notifyAll<E>(listeners: Iterable<(event: E) => void>, event: E): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      console.error('[pulseboard] realtime listener threw', error);
    }
  }
}
