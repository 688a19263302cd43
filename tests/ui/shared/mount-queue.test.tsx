import { act, render, screen } from '@testing-library/react';
import { Suspense, use, useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { createMountQueue } from '../../../src/ui/shared/mount-queue';

/** Frames the test runs by hand. */
function manualFrames() {
  const waiting: (() => void)[] = [];
  return {
    frames: (callback: () => void) => {
      waiting.push(callback);
      return () => {
        const index = waiting.indexOf(callback);
        if (index !== -1) waiting.splice(index, 1);
      };
    },
    run() {
      for (const callback of waiting.splice(0)) callback();
    },
    pending: () => waiting.length,
  };
}

describe('createMountQueue', () => {
  it('lets mounts through one every other frame, oldest request first', () => {
    const clock = manualFrames();
    const queue = createMountQueue(clock.frames);
    const mounted: string[] = [];
    for (const name of ['a', 'b', 'c']) queue.request(() => mounted.push(name));
    expect(mounted).toEqual([]);
    const byFrame: string[][] = [];
    for (let frame = 0; frame < 6; frame++) {
      clock.run();
      byFrame.push([...mounted]);
    }
    // A frame that mounted is followed by one that rests.
    expect(byFrame).toEqual([
      ['a'],
      ['a'],
      ['a', 'b'],
      ['a', 'b'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
    // Nothing waiting: no frame asked for.
    expect(clock.pending()).toBe(0);
  });

  it('makes a request right after a mount wait out the rest frame', () => {
    const clock = manualFrames();
    const queue = createMountQueue(clock.frames);
    const mounted: string[] = [];
    queue.request(() => mounted.push('a'));
    clock.run();
    queue.request(() => mounted.push('b'));
    clock.run();
    expect(mounted).toEqual(['a']);
    clock.run();
    expect(mounted).toEqual(['a', 'b']);
  });

  it('mounts at once when it has rested already', () => {
    const clock = manualFrames();
    const queue = createMountQueue(clock.frames);
    const mounted: string[] = [];
    queue.request(() => mounted.push('a'));
    clock.run();
    clock.run();
    expect(clock.pending()).toBe(0);
    queue.request(() => mounted.push('b'));
    clock.run();
    expect(mounted).toEqual(['a', 'b']);
  });

  it('lets `perFrame` through a frame', () => {
    const clock = manualFrames();
    const queue = createMountQueue(clock.frames, 2);
    const mounted: number[] = [];
    for (let i = 0; i < 5; i++) queue.request(() => mounted.push(i));
    clock.run();
    expect(mounted).toEqual([0, 1]);
    clock.run();
    clock.run();
    expect(mounted).toEqual([0, 1, 2, 3]);
  });

  it('never mounts a cancelled request, and a cancel does not hold up the rest', () => {
    const clock = manualFrames();
    const queue = createMountQueue(clock.frames);
    const mounted: string[] = [];
    const cancelA = queue.request(() => mounted.push('a'));
    queue.request(() => mounted.push('b'));
    cancelA();
    clock.run();
    expect(mounted).toEqual(['b']);
  });

  it('drops everything waiting on clear', () => {
    const clock = manualFrames();
    const queue = createMountQueue(clock.frames);
    const mounted: string[] = [];
    queue.request(() => mounted.push('a'));
    queue.clear();
    clock.run();
    expect(mounted).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('lets each mount through in a transition, so React renders it in slices', () => {
    const clock = manualFrames();
    const inTransition: string[] = [];
    let current: string | null = null;
    const queue = createMountQueue(clock.frames, 1, (work) => {
      current = 'transition';
      work();
      current = null;
    });
    for (const name of ['a', 'b']) queue.request(() => inTransition.push(`${name} in ${current}`));
    for (let frame = 0; frame < 4; frame++) clock.run();
    expect(inTransition).toEqual(['a in transition', 'b in transition']);
  });

  it('mounts in a React transition by default: what is on screen stays while the mount waits', async () => {
    const clock = manualFrames();
    const queue = createMountQueue(clock.frames);
    const never = new Promise<string>(() => {});
    function Chart() {
      return <p>{use(never)}</p>;
    }
    function Panel() {
      const [seen, setSeen] = useState(false);
      useEffect(() => queue.request(() => setSeen(true)), []);
      return seen ? <Chart /> : <p>placeholder</p>;
    }
    render(
      <Suspense fallback={<p>loading</p>}>
        <Panel />
      </Suspense>,
    );
    await act(async () => clock.run());
    // Outside a transition React would put the fallback in place of what was shown.
    expect(screen.getByText('placeholder')).toBeInTheDocument();
    expect(screen.queryByText('loading')).toBeNull();
  });
});
