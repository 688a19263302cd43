import { describe, expect, it } from 'vitest';
import { closePolicy, describeCloseCode } from '../../src/realtime';

describe('close-code policy', () => {
  it.each([1000, 1001, 1005, 1006, 1011, 1012, 4000, 4100, 4499, 3000])(
    'reconnects with plain backoff on %i',
    (code) => {
      expect(closePolicy(code)).toEqual({ action: 'reconnect', floorMs: 0 });
    },
  );

  it('renews the session on 1008', () => {
    expect(closePolicy(1008)).toEqual({ action: 'renew' });
  });

  it('waits at least 5 s on 1013 and 10 s on 4429', () => {
    expect(closePolicy(1013)).toEqual({ action: 'reconnect', floorMs: 5_000 });
    expect(closePolicy(4429)).toEqual({ action: 'reconnect', floorMs: 10_000 });
  });

  it.each([1002, 1003, 1007, 1009, 1010])('reconnects only once on protocol error %i', (code) => {
    expect(closePolicy(code).action).toBe('reconnect-once');
  });

  it('stops on 4401 and on fatal application codes', () => {
    expect(closePolicy(4401)).toEqual({ action: 'stop', reason: 'unauthorized' });
    expect(closePolicy(4500)).toEqual({ action: 'stop', reason: 'application_error' });
    expect(closePolicy(4999)).toEqual({ action: 'stop', reason: 'application_error' });
  });

  it('describes codes in words an operator understands', () => {
    expect(describeCloseCode(1008)).toBe('session invalid or expired');
    expect(describeCloseCode(4000)).toBe('no heartbeat from the server');
    expect(describeCloseCode(1007)).toBe('protocol or data error');
  });
});
