import { describe, expect, it } from 'vitest';
import type { MachineEvent } from '../../src/realtime/machine-types';
import { ATTEMPT, frame, given, NOW, step } from './machine-table';

const data = { type: 'metrics', seq: 4, samples: [] };
const held = { message: data, size: 50 };

describe('connection machine: frames', () => {
  it('passes data on a welcomed socket to the stream', () => {
    const result = step(given('live'), frame(data));
    expect(result.effects).toEqual([{ type: 'ingest', held }]);
    expect(result.context.lastFrameAt).toBe(NOW);
  });

  it('holds data that comes before its socket is welcomed', () => {
    expect(step(given('connecting'), frame(data)).effects).toEqual([{ type: 'hold', held }]);
  });

  it('holds data that comes on a probe until the probe is welcomed', () => {
    const result = step(given('polling', { probing: true }), frame(data, { role: 'probe' }));
    expect(result.effects).toEqual([{ type: 'hold', held }]);
  });

  it('counts a frame that validation refused, and stays live', () => {
    const bad: MachineEvent = {
      type: 'frame',
      attemptId: ATTEMPT,
      role: 'main',
      size: 8,
      frame: { ok: false, kind: 'invalid_json', detail: 'frame is not valid JSON' },
    };
    const result = step(given('live'), bad);
    expect(result.context).toMatchObject({ state: 'live', lastFrameAt: NOW });
    expect(result.effects).toEqual([
      { type: 'error', kind: 'invalid_json', detail: 'frame is not valid JSON' },
    ]);
  });

  it('counts what validation cut inside an accepted frame, then uses the frame', () => {
    const cut: MachineEvent = {
      type: 'frame',
      attemptId: ATTEMPT,
      role: 'main',
      size: 50,
      frame: {
        ok: true,
        legacy: false,
        message: data as never,
        rejected: [{ ok: false, kind: 'invalid_shape', detail: '2 bad samples', count: 2 }],
      },
    };
    expect(step(given('live'), cut).effects).toEqual([
      { type: 'error', kind: 'invalid_shape', detail: '2 bad samples', count: 2 },
      { type: 'ingest', held },
    ]);
  });

  it('counts a server error message without dropping the line', () => {
    const result = step(given('live'), frame({ type: 'error', code: 'E_LAG', message: 'lagging' }));
    expect(result.context.state).toBe('live');
    expect(result.effects).toEqual([
      { type: 'error', kind: 'server_error', detail: 'E_LAG: lagging' },
    ]);
  });
});
