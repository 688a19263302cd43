import { describe, expect, it } from 'vitest';
import { chooseShareRoute, shareChoiceFrom } from '../../src/app/sharing/share-mode';

const ALL = { sharedWorker: true, locks: true, broadcastChannel: true };

describe('choosing how the tabs share a connection', () => {
  it('prefers a SharedWorker, then Web Locks with BroadcastChannel, then each tab its own', () => {
    expect(chooseShareRoute('auto', ALL)).toBe('shared-worker');
    expect(chooseShareRoute('auto', { ...ALL, sharedWorker: false })).toBe('web-locks');
    expect(chooseShareRoute('auto', { ...ALL, sharedWorker: false, broadcastChannel: false })).toBe(
      'tab',
    );
    expect(
      chooseShareRoute('auto', { sharedWorker: false, locks: false, broadcastChannel: true }),
    ).toBe('tab');
  });

  it('keeps one connection per tab with ?share=off, whatever the browser offers', () => {
    expect(shareChoiceFrom('?api=http://x&share=off')).toBe('off');
    expect(chooseShareRoute(shareChoiceFrom('?share=off'), ALL)).toBe('tab');
    expect(shareChoiceFrom('?share=yes')).toBe('auto');
    expect(shareChoiceFrom('')).toBe('auto');
  });
});
