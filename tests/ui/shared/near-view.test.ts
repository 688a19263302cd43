import { describe, expect, it, vi } from 'vitest';
import { createNearViewWatcher, NEAR_VIEW_MARGIN } from '../../../src/ui/shared/near-view';

function fakeObserver() {
  const created: {
    callback: IntersectionObserverCallback;
    options: unknown;
    targets: Set<Element>;
  }[] = [];
  class Observer {
    readonly targets = new Set<Element>();
    constructor(
      readonly callback: IntersectionObserverCallback,
      readonly options: unknown,
    ) {
      created.push(this);
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
  const report = (target: Element, isIntersecting: boolean) =>
    created[0]!.callback(
      [{ target, isIntersecting } as unknown as IntersectionObserverEntry],
      {} as IntersectionObserver,
    );
  return { Observer: Observer as unknown as typeof IntersectionObserver, created, report };
}

describe('createNearViewWatcher', () => {
  it('watches many elements with one observer, with a margin of a screen', () => {
    const fake = fakeObserver();
    const watcher = createNearViewWatcher(fake.Observer);
    const elements = [1, 2, 3].map(() => document.createElement('div'));
    for (const element of elements) watcher.watch(element, () => {});
    expect(fake.created).toHaveLength(1);
    expect(fake.created[0]!.options).toEqual({ rootMargin: NEAR_VIEW_MARGIN });
    expect(fake.created[0]!.targets.size).toBe(3);
  });

  it('tells an element once, when it first comes near, and stops watching it', () => {
    const fake = fakeObserver();
    const watcher = createNearViewWatcher(fake.Observer);
    const element = document.createElement('div');
    const onNear = vi.fn();
    watcher.watch(element, onNear);
    fake.report(element, false);
    expect(onNear).not.toHaveBeenCalled();
    fake.report(element, true);
    fake.report(element, true);
    expect(onNear).toHaveBeenCalledTimes(1);
    expect(fake.created[0]!.targets.has(element)).toBe(false);
  });

  it('forgets an element whose watch was cancelled', () => {
    const fake = fakeObserver();
    const watcher = createNearViewWatcher(fake.Observer);
    const element = document.createElement('div');
    const onNear = vi.fn();
    const cancel = watcher.watch(element, onNear);
    cancel();
    fake.report(element, true);
    expect(onNear).not.toHaveBeenCalled();
    expect(fake.created[0]!.targets.size).toBe(0);
  });

  it('counts everything as near where there is no IntersectionObserver', () => {
    const watcher = createNearViewWatcher(null);
    const onNear = vi.fn();
    watcher.watch(document.createElement('div'), onNear);
    expect(onNear).toHaveBeenCalledTimes(1);
  });
});
