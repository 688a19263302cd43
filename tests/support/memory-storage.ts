import type { StateStorage } from 'zustand/middleware';

/** A synchronous in-memory stand-in for localStorage; share one between two stores to simulate a reload. */
export function memoryStorage(initial: Record<string, string> = {}): StateStorage & {
  data: Map<string, string>;
} {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (name) => data.get(name) ?? null,
    setItem: (name, value) => {
      data.set(name, value);
    },
    removeItem: (name) => {
      data.delete(name);
    },
  };
}
