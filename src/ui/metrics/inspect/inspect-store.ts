import type { Point } from '../../../store';

/**
 * One chart's inspection, outside React state: the pointer or the keyboard sets the target, the
 * chart's inspect layer resolves it to a drawn point and publishes where it is, the readout
 * shows it. Each part subscribes to what it draws, so a pointer move re-renders the crosshair and
 * the tooltip, never the panel or the line.
 */

/** A pointer follows a pixel column (the point under it changes as the chart slides); the
 * keyboard holds a sample (it stays on that sample as the chart slides). */
export type InspectTarget = { by: 'pointer'; x: number } | { by: 'keyboard'; ts: number };

/** The inspected point and where the layer drew it, in the chart's pixels. */
export type InspectView = {
  by: InspectTarget['by'];
  index: number;
  point: Point;
  x: number;
  y: number;
  /** The chart's drawing size, so the readout can keep the tooltip inside it. */
  width: number;
  height: number;
};

export class InspectStore {
  private target: InspectTarget | null = null;
  private view: InspectView | null = null;
  private readonly listeners = new Set<() => void>();
  private own: Event | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly getTarget = (): InspectTarget | null => this.target;
  readonly getView = (): InspectView | null => this.view;

  setTarget(target: InspectTarget | null): void {
    if (sameTarget(this.target, target)) return;
    this.target = target;
    this.emit();
  }

  setView(view: InspectView | null): void {
    if (sameView(this.view, view)) return;
    this.view = view;
    this.emit();
  }

  clear(): void {
    if (!this.target && !this.view) return;
    this.target = null;
    this.view = null;
    this.emit();
  }

  /** Marks a DOM event as this chart's own (a touch on it), so the page-wide listener lets it be. */
  claim(event: Event): void {
    this.own = event;
  }
  isOwn(event: Event): boolean {
    return this.own === event;
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function sameTarget(a: InspectTarget | null, b: InspectTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.by === 'pointer') return b.by === 'pointer' && a.x === b.x;
  return b.by === 'keyboard' && a.ts === b.ts;
}

function sameView(a: InspectView | null, b: InspectView | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.by === b.by &&
    a.index === b.index &&
    a.point.ts === b.point.ts &&
    a.point.value === b.point.value &&
    a.x === b.x &&
    a.y === b.y &&
    a.width === b.width &&
    a.height === b.height
  );
}
