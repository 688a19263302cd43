import { createContext, useContext, type ReactNode } from 'react';
import type { MoveTo } from '../../store/layout';
import type { LayoutStore } from '../../store/layout-store';

const LayoutStoreContext = createContext<LayoutStore | null>(null);

/** The panel layout of the backend in use (App creates it, persisted per backend origin). */
export function LayoutProvider({ store, children }: { store: LayoutStore; children: ReactNode }) {
  return <LayoutStoreContext.Provider value={store}>{children}</LayoutStoreContext.Provider>;
}

/** The provided layout store, or `null` (component tests): the grid then keeps one in memory. */
export function useProvidedLayoutStore(): LayoutStore | null {
  return useContext(LayoutStoreContext);
}

/**
 * What a panel's own layout controls ask of the grid around it. Stable functions, so a change of
 * order or of the metric list re-renders the grid, never every panel's controls.
 */
export type PanelGridActions = {
  /** `from`: the control used; it keeps focus once the panel has moved. */
  move(name: string, to: MoveTo, from: HTMLElement): void;
  hide(name: string): void;
};

export const PanelGridContext = createContext<PanelGridActions | null>(null);

/** `null` outside a grid (a panel rendered on its own): then it shows no layout controls. */
export function usePanelGrid(): PanelGridActions | null {
  return useContext(PanelGridContext);
}
