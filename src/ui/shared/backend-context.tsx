import { createContext, useContext, type ReactNode } from 'react';
import type { RefusedApi } from '../../app/config';

/** What the operator is told about the backend in use (docs/security.md). */
export type BackendView = {
  mode: 'mock' | 'remote';
  /** `host:port` of a remote backend; unused for the in-page mock. */
  host: string;
  /** Built with `VITE_API_BASE`. */
  deployment: boolean;
  /** Chosen by `?api=`, not the deployment's own backend (or, in a demo, not the page's mock). */
  foreign: boolean;
  refused?: RefusedApi | undefined;
};

const BackendContext = createContext<BackendView | null>(null);

export function BackendProvider({
  backend,
  children,
}: {
  backend: BackendView | null;
  children: ReactNode;
}) {
  return <BackendContext.Provider value={backend}>{children}</BackendContext.Provider>;
}

/** The backend in use, or `null` where nothing provided one (component tests). */
export function useBackend(): BackendView | null {
  return useContext(BackendContext);
}
