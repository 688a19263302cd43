import { describe, expect, it, vi } from 'vitest';
import { fakeViewport } from '../../support/fake-viewport';
import { createNearViewWatcher, NEAR_VIEW_MARGIN } from '../../../src/ui/shared/near-view';

describe('createNearViewWatcher', () => {
  it('watches many elements with one observer, with a margin of a screen', () => {
    const fake = fakeViewport();
    const watcher = createNearViewWatcher(fake.Observer);
    const elements = [1, 2, 3].map(() => document.createElement('div'));
    for (const element of elements) watcher.watch(element, () => {});
    expect(fake.observers).toHaveLength(1);
    expect(fake.observers[0]!.options).toEqual({ rootMargin: NEAR_VIEW_MARGIN });
    expect(fake.observers[0]!.targets.size).toBe(3);
  });

  it('tells an element once, when it first comes near, and stops watching it', () => {
    const fake = fakeViewport();
    const watcher = createNearViewWatcher(fake.Observer);
    const element = document.createElement('div');
    const onNear = vi.fn();
    watcher.watch(element, onNear);
    fake.report(element, false);
    expect(onNear).not.toHaveBeenCalled();
    fake.report(element, true);
    fake.deliver(element, true);
    expect(onNear).toHaveBeenCalledTimes(1);
    expect(fake.observers[0]!.targets.has(element)).toBe(false);
  });

  it('forgets an element whose watch was cancelled', () => {
    const fake = fakeViewport();
    const watcher = createNearViewWatcher(fake.Observer);
    const element = document.createElement('div');
    const onNear = vi.fn();
    const cancel = watcher.watch(element, onNear);
    cancel();
    fake.deliver(element, true);
    expect(onNear).not.toHaveBeenCalled();
    expect(fake.observers[0]!.targets.size).toBe(0);
  });

  it('counts everything as near where there is no IntersectionObserver', () => {
    const watcher = createNearViewWatcher(null);
    const onNear = vi.fn();
    watcher.watch(document.createElement('div'), onNear);
    expect(onNear).toHaveBeenCalledTimes(1);
  });
});
