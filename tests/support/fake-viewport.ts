import { act } from '@testing-library/react';

/**
 * An IntersectionObserver the test drives, for the environment's `IntersectionObserver`: it
 * records every observer and what each watches; `report` tells the observers watching an
 * element that it is (or is not) in view, `deliver` tells every observer, `reportAll` tells
 * every observer about everything it watches.
 */
export function fakeViewport() {
  const observers: FakeObserver[] = [];
  class FakeObserver {
    readonly targets = new Set<Element>();
    constructor(
      readonly callback: IntersectionObserverCallback,
      readonly options?: IntersectionObserverInit,
    ) {
      observers.push(this);
    }
    observe(target: Element) {
      this.targets.add(target);
    }
    unobserve(target: Element) {
      this.targets.delete(target);
    }
    disconnect() {
      this.targets.clear();
    }
  }
  const tell = (observer: FakeObserver, target: Element, isIntersecting: boolean) =>
    observer.callback(
      [{ target, isIntersecting } as unknown as IntersectionObserverEntry],
      observer as unknown as IntersectionObserver,
    );
  return {
    Observer: FakeObserver as unknown as typeof IntersectionObserver,
    observers,
    /** Elements watched, over all observers. */
    watched: () => observers.reduce((sum, o) => sum + o.targets.size, 0),
    report(target: Element, isIntersecting: boolean) {
      act(() => {
        for (const observer of observers.filter((o) => o.targets.has(target)))
          tell(observer, target, isIntersecting);
      });
    },
    /**
     * Tells every observer about `target`, watched or not: a browser may still deliver an entry
     * it queued before `unobserve`, and the code must not act on it twice.
     */
    deliver(target: Element, isIntersecting: boolean) {
      act(() => {
        for (const observer of observers) tell(observer, target, isIntersecting);
      });
    },
    reportAll(isIntersecting: boolean) {
      act(() => {
        for (const observer of observers)
          for (const target of [...observer.targets]) tell(observer, target, isIntersecting);
      });
    },
  };
}
