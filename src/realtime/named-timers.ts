import type { Clock, TimerHandle } from './environment';

/**
 * Timers by name, as the connection machine asks for them: starting a name that is running
 * replaces it, so there is never more than one of each.
 */
export class NamedTimers<Name> {
  private readonly handles = new Map<Name, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  start(name: Name, ms: number, fire: (name: Name) => void): void {
    this.cancel(name);
    const handle = this.clock.setTimeout(() => {
      this.handles.delete(name);
      fire(name);
    }, ms);
    this.handles.set(name, handle);
  }

  cancel(name: Name): void {
    const handle = this.handles.get(name);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.handles.delete(name);
  }
}
