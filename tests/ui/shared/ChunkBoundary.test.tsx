import { act, render, screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChunkBoundary } from '../../../src/ui/shared/ChunkBoundary';

afterEach(() => vi.restoreAllMocks());

describe('ChunkBoundary', () => {
  it('shows its fallback when a lazy chunk fails to load, and keeps the rest of the page', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Broken = lazy(() =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    );
    render(
      <main>
        <p>panels already shown</p>
        <ChunkBoundary fallback={<p>could not load</p>}>
          <Suspense fallback={<p>loading</p>}>
            <Broken />
          </Suspense>
        </ChunkBoundary>
      </main>,
    );
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.getByText('could not load')).toBeInTheDocument();
    expect(screen.getByText('panels already shown')).toBeInTheDocument();
    expect(console.warn).toHaveBeenCalledWith(
      '[pulseboard] a part of the dashboard could not load',
      expect.any(TypeError),
    );
  });
});
