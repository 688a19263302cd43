import { act, render, screen } from '@testing-library/react';
import { Suspense, use, useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeViewport } from '../../support/fake-viewport';
import { sendRelevance as relevance } from '../../support/relevance';
import {
  createNearViewWatcher,
  createRelevanceWatcher,
  NEAR_VIEW_MARGIN,
  nearViewWatcherFor,
  NearViewContext,
  useNearView,
} from '../../../src/ui/shared/near-view';

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

describe('createRelevanceWatcher', () => {
  it('tells an element once, when the browser stops skipping it, and stops listening', () => {
    const watcher = createRelevanceWatcher();
    const element = document.createElement('div');
    const onNear = vi.fn();
    watcher.watch(element, onNear);
    relevance(element, true);
    expect(onNear).not.toHaveBeenCalled();
    relevance(element, false);
    relevance(element, true);
    relevance(element, false);
    expect(onNear).toHaveBeenCalledTimes(1);
  });

  it('forgets an element whose watch was cancelled, and every element on disconnect', () => {
    const watcher = createRelevanceWatcher();
    const [cancelled, other] = [document.createElement('div'), document.createElement('div')];
    const onNear = vi.fn();
    watcher.watch(cancelled, onNear)();
    watcher.watch(other, onNear);
    watcher.disconnect();
    relevance(cancelled, false);
    relevance(other, false);
    expect(onNear).not.toHaveBeenCalled();
  });
});

describe('nearViewWatcherFor', () => {
  it('listens to the browser rather than observing where the browser sends relevance events', () => {
    const fake = fakeViewport();
    const watcher = nearViewWatcherFor({
      relevanceEvents: true,
      IntersectionObserver: fake.Observer,
    });
    const element = document.createElement('div');
    const onNear = vi.fn();
    watcher.watch(element, onNear);
    expect(fake.observers).toHaveLength(0);
    relevance(element, false);
    expect(onNear).toHaveBeenCalledTimes(1);
  });

  it('observes where the browser does not send them', () => {
    const fake = fakeViewport();
    const watcher = nearViewWatcherFor({
      relevanceEvents: false,
      IntersectionObserver: fake.Observer,
    });
    watcher.watch(document.createElement('div'), () => {});
    expect(fake.observers[0]!.targets.size).toBe(1);
  });
});

describe('useNearView', () => {
  it('turns near in a React transition: what is on screen stays while the full panel loads', async () => {
    const never = new Promise<string>(() => {});
    function FullPanel() {
      return <p>{use(never)}</p>;
    }
    function Placeholder() {
      const ref = useRef<HTMLElement | null>(null);
      const near = useNearView(ref, false);
      return near ? <FullPanel /> : <section ref={ref}>placeholder</section>;
    }
    render(
      <NearViewContext.Provider value={createRelevanceWatcher()}>
        <Suspense fallback={<p>loading</p>}>
          <Placeholder />
        </Suspense>
      </NearViewContext.Provider>,
    );
    await act(async () => {
      relevance(screen.getByText('placeholder'), false);
    });
    // Rendered there and then (outside a transition), the fallback would replace it.
    expect(screen.getByText('placeholder')).toBeInTheDocument();
    expect(screen.queryByText('loading')).toBeNull();
  });
});
