import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, parseServerFrame } from '../../src/realtime';
import { toPollResponse, toSnapshot } from '../../src/realtime/validate';

const kind = (data: unknown) => {
  const result = parseServerFrame(data);
  return result.ok ? 'ok' : result.kind;
};

describe('frame validation', () => {
  it('accepts every message of the protocol', () => {
    const frames = [
      { type: 'welcome', sessionId: 's', epoch: 'e', seq: 0, heartbeatMs: 1000, resumed: false },
      { type: 'metrics', seq: 1, samples: [{ name: 'a', ts: 1, value: 2, unit: '%' }] },
      {
        type: 'alert',
        seq: 2,
        alert: { id: 'x', severity: 'critical', title: 't', message: 'm', ts: 1, status: 'open' },
      },
      { type: 'alert_update', seq: 3, id: 'x', status: 'resolved', by: 'op' },
      { type: 'status', seq: 4, level: 'warning', message: 'degraded' },
      { type: 'ping', ts: 5 },
      { type: 'pong', ts: 5 },
      { type: 'error', code: 'E', message: 'bad' },
    ];
    for (const frame of frames) expect(kind(JSON.stringify(frame))).toBe('ok');
  });

  it('accepts the bare "ping" and "pong" of older servers', () => {
    const ping = parseServerFrame('ping');
    expect(ping.ok && ping.message.type === 'ping' && ping.legacy).toBe(true);
    const pong = parseServerFrame(' pong\n');
    expect(pong.ok && pong.message.type === 'pong' && pong.legacy).toBe(true);
  });

  it('defaults a missing heartbeatMs to 15 s', () => {
    const result = parseServerFrame(
      JSON.stringify({ type: 'welcome', sessionId: 's', epoch: 'e', seq: 0, resumed: true }),
    );
    expect(result.ok && result.message.type === 'welcome' && result.message.heartbeatMs).toBe(
      15_000,
    );
  });

  it('names what is wrong with a bad frame', () => {
    expect(kind('{nope')).toBe('invalid_json');
    expect(kind(new ArrayBuffer(4))).toBe('binary');
    expect(kind(JSON.stringify({ type: 'surprise' }))).toBe('unknown_type');
    expect(kind(JSON.stringify({ nope: 1 }))).toBe('invalid_shape');
    expect(kind('[1,2]')).toBe('invalid_shape');
    expect(kind('null')).toBe('invalid_shape');
    expect(kind(JSON.stringify({ type: 'metrics', seq: -1, samples: [] }))).toBe('invalid_shape');
    expect(kind(JSON.stringify({ type: 'metrics', seq: 1.5, samples: [] }))).toBe('invalid_shape');
    expect(kind(JSON.stringify({ type: 'metrics', seq: 1, samples: [{ name: 'a', ts: 1 }] }))).toBe(
      'invalid_shape',
    );
    expect(
      kind(JSON.stringify({ type: 'alert', seq: 1, alert: { id: 'x', severity: 'doom' } })),
    ).toBe('invalid_shape');
    expect(kind(JSON.stringify({ type: 'alert_update', seq: 1, id: 'x', status: 'gone' }))).toBe(
      'invalid_shape',
    );
  });

  it('rejects a frame over 1 MiB, counting UTF-8 bytes', () => {
    expect(kind(`"${'a'.repeat(MAX_FRAME_BYTES)}"`)).toBe('oversized');
    // 400k Hangul syllables are 1.2 MB in UTF-8 though only 400k JS characters.
    expect(
      kind(
        JSON.stringify({ type: 'status', seq: 1, level: 'info', message: '가'.repeat(400_000) }),
      ),
    ).toBe('oversized');
    expect(
      kind(
        JSON.stringify({ type: 'status', seq: 1, level: 'info', message: '가'.repeat(300_000) }),
      ),
    ).toBe('ok');
  });

  it('keeps text fields as plain strings, untouched', () => {
    const title = '<img src=x onerror=alert(1)>';
    const result = parseServerFrame(
      JSON.stringify({
        type: 'alert',
        seq: 1,
        alert: { id: 'x', severity: 'info', title, message: '', ts: 1, status: 'open' },
      }),
    );
    expect(result.ok && result.message.type === 'alert' && result.message.alert.title).toBe(title);
  });
});

describe('HTTP body validation', () => {
  it('drops a malformed item from a snapshot and keeps the rest', () => {
    const snapshot = toSnapshot({
      epoch: 'e',
      seq: 3,
      samples: [{ name: 'a', ts: 1, value: 1 }, { name: 'broken' }],
      alerts: [{ id: 'x' }],
    });
    expect(snapshot?.value.samples).toHaveLength(1);
    expect(snapshot?.value.alerts).toHaveLength(0);
    expect(snapshot?.rejected).toHaveLength(2);
  });

  it('rejects a snapshot with no epoch or seq', () => {
    expect(toSnapshot({ samples: [] })).toBeNull();
  });

  it('drops a malformed message from a poll and keeps the rest', () => {
    const poll = toPollResponse({
      epoch: 'e',
      messages: [{ type: 'metrics', seq: 1, samples: [] }, { type: 'mystery' }],
    });
    expect(poll?.value.messages).toHaveLength(1);
    expect(poll?.rejected[0]?.kind).toBe('unknown_type');
  });
});

describe('frame validation under random input', () => {
  it('never throws, whatever the bytes', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const alphabet = '{}[]":,0123456789.-eEtrufalsn \\u가😀typeseqmetricsping';
    const valid = JSON.stringify({
      type: 'metrics',
      seq: 1,
      samples: [{ name: 'a', ts: 1, value: 2 }],
    });
    for (let i = 0; i < 20_000; i++) {
      let text: string;
      if (random() < 0.5) {
        text = Array.from(
          { length: Math.floor(random() * 40) },
          () => alphabet[Math.floor(random() * alphabet.length)],
        ).join('');
      } else {
        // Mutate a valid frame: flip, drop or duplicate one character.
        const at = Math.floor(random() * valid.length);
        const ch = alphabet[Math.floor(random() * alphabet.length)]!;
        text =
          valid.slice(0, at) +
          (random() < 0.5 ? ch : '') +
          valid.slice(at + (random() < 0.5 ? 1 : 0));
      }
      expect(() => parseServerFrame(text)).not.toThrow();
    }
  });
});
