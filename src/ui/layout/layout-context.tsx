import { createContext, useContext } from 'react';
import type { MoveTo } from '../../store/layout';

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
