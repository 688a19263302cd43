import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { OperatorState, OperatorStore } from '../../store';

const OperatorContext = createContext<OperatorStore | null>(null);

export function OperatorProvider({
  store,
  children,
}: {
  store: OperatorStore;
  children: ReactNode;
}) {
  return <OperatorContext.Provider value={store}>{children}</OperatorContext.Provider>;
}

export function useOperatorStore(): OperatorStore {
  const store = useContext(OperatorContext);
  if (!store) throw new Error('Expected an <OperatorProvider> above this component');
  return store;
}

/** Read a narrow slice of what this operator did and chose. */
export function useOperator<T>(selector: (state: OperatorState) => T): T {
  return useStore(useOperatorStore(), selector);
}
