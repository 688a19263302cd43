import { Component, type ReactNode } from 'react';

/**
 * What a lazily loaded part shows when its chunk cannot load (the network went away before it
 * arrived, or a new deployment replaced it). React.lazy throws the failed import to the nearest
 * error boundary, and without one the whole dashboard unmounts: an operator whose network drops
 * at the wrong moment would be left with a blank page instead of the panels already there.
 * Browsers keep a failed module import failed for the page's life, so this does not retry: the
 * fallback says to reload.
 */
export class ChunkBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn('[pulseboard] a part of the dashboard could not load', error);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
