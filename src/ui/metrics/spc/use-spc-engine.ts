import { useEffect, useState } from 'react';

export type SpcEngine = typeof import('./spc-engine');

let engine: SpcEngine | null = null;
let loading: Promise<SpcEngine> | null = null;

/** Loads the SPC chunk once; every later call gets the same promise. */
export function loadSpcEngine(): Promise<SpcEngine> {
  loading ??= import('./spc-engine').then((module) => (engine = module));
  return loading;
}

/**
 * The SPC chunk once it is loaded, or null; loading starts the first time a caller `needs` it.
 * Null while not needed, so nothing is computed for a dashboard without control charts.
 */
export function useSpcEngine(needed: boolean): SpcEngine | null {
  const [loaded, setLoaded] = useState<SpcEngine | null>(engine);
  useEffect(() => {
    if (!needed || loaded) return;
    let live = true;
    void loadSpcEngine().then((module) => {
      if (live) setLoaded(module);
    });
    return () => {
      live = false;
    };
  }, [needed, loaded]);
  return needed ? (loaded ?? engine) : null;
}
