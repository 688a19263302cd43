import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_FRAME_BYTES } from '../../src/realtime';
import { connectClient, publishMetrics, type Harness } from './harness';

describe('realtime client: bad input', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('counts and drops bad frames by kind and stays live with nothing lost', async () => {
    h = connectClient();
    await h.advance(10);
    publishMetrics(h, 2);
    await h.advance(10);
    h.backend.sendRaw('{"type":"metrics",');
    h.backend.sendRaw(JSON.stringify({ type: 'teleport', seq: 3 }));
    h.backend.sendRaw(JSON.stringify({ type: 'metrics', seq: 3, samples: 'many' }));
    h.backend.sendRaw(`"${'x'.repeat(MAX_FRAME_BYTES + 10)}"`);
    await h.advance(10);
    publishMetrics(h, 1);
    await h.advance(10);
    const snap = h.client.getSnapshot();
    expect(snap.state).toBe('live');
    expect(snap.errors).toMatchObject({
      invalid_json: 1,
      unknown_type: 1,
      invalid_shape: 1,
      oversized: 1,
    });
    expect(snap.errorCount).toBe(4);
    expect(h.messages().map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('reports each bad frame as an error event that says what was wrong', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.sendRaw('not json');
    await h.advance(10);
    expect(h.events.filter((e) => e.type === 'error')).toEqual([
      { type: 'error', kind: 'invalid_json', detail: 'frame is not valid JSON' },
    ]);
  });

  it('counts a server error message without dropping the line', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.sendRaw(JSON.stringify({ type: 'error', code: 'E_LAG', message: 'feed lagging' }));
    await h.advance(10);
    expect(h.client.getSnapshot().errors.server_error).toBe(1);
    expect(h.state()).toBe('live');
  });

  it('keeps going when a listener throws', async () => {
    h = connectClient({ start: false });
    h.client.listen(() => {
      throw new Error('a broken view');
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    h.client.start();
    await h.advance(10);
    publishMetrics(h, 2);
    await h.advance(10);
    h.client.dispose();
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(h.messages().map((m) => m.seq)).toEqual([1, 2]);
  });
});
