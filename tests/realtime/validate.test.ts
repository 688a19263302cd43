import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, parseServerFrame } from '../../src/realtime';
import { clipText } from '../../src/realtime/item-tally';
import {
  MAX_MESSAGES_PER_POLL,
  MAX_SAMPLES_PER_MESSAGE,
  MAX_SNAPSHOT_ALERTS,
  MAX_SNAPSHOT_SAMPLES,
} from '../../src/realtime/limits';
import { toPollResponse, toSessionStart, toSnapshot } from '../../src/realtime/validate';

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

describe('what validation bounds', () => {
  const accepted = (frame: unknown) => {
    const result = parseServerFrame(JSON.stringify(frame));
    if (!result.ok) throw new Error(`expected the frame to be accepted: ${result.detail}`);
    return result;
  };
  const alert = { id: 'x', severity: 'info', title: 't', message: 'm', ts: 1, status: 'open' };

  it('cuts every text field to its limit, ending with "…", and counts the item once', () => {
    const long = 'z'.repeat(100_000);
    const status = accepted({ type: 'status', seq: 1, level: 'info', message: long });
    expect(status.message.type === 'status' && status.message.message).toBe(
      `${'z'.repeat(1_999)}…`,
    );
    expect(status.rejected).toEqual([
      {
        ok: false,
        kind: 'truncated',
        detail: 'status seq 1: text cut to fit (message over 2000 characters)',
      },
    ]);
    const update = accepted({
      type: 'alert_update',
      seq: 2,
      id: 'x',
      status: 'resolved',
      by: long,
    });
    expect(update.message.type === 'alert_update' && update.message.by).toHaveLength(200);
    const error = accepted({ type: 'error', code: long, message: long });
    expect(error.message).toMatchObject({ code: expect.stringMatching(/^z{99}…$/) });
    expect(error.rejected.map((r) => r.kind)).toEqual(['truncated']);
    const unit = accepted({
      type: 'metrics',
      seq: 3,
      samples: [{ name: 'a', ts: 1, value: 1, unit: long }],
    });
    expect(unit.message.type === 'metrics' && unit.message.samples[0]?.unit).toHaveLength(40);
  });

  it('leaves text at its limit as it is', () => {
    const title = 't'.repeat(300);
    const result = accepted({ type: 'alert', seq: 1, alert: { ...alert, title } });
    expect(result.message.type === 'alert' && result.message.alert.title).toBe(title);
    expect(result.rejected).toEqual([]);
  });

  it('never cuts an emoji in half', () => {
    const text = `${'a'.repeat(298)}😀😀`; // the first emoji straddles the cut
    expect(clipText(text, 300)).toBe(`${'a'.repeat(298)}…`);
    expect(clipText('short', 300)).toBe('short');
  });

  it('refuses over-long ids and names rather than cut two of them into one', () => {
    const long = 'n'.repeat(201);
    expect(kind(JSON.stringify({ type: 'alert', seq: 1, alert: { ...alert, id: long } }))).toBe(
      'id_too_long',
    );
    expect(kind(JSON.stringify({ type: 'alert_update', seq: 1, id: long, status: 'open' }))).toBe(
      'id_too_long',
    );
    const welcome = { type: 'welcome', sessionId: 's', epoch: 'e', seq: 0, resumed: false };
    expect(kind(JSON.stringify({ ...welcome, epoch: long }))).toBe('id_too_long');
    expect(kind(JSON.stringify({ ...welcome, sessionId: long }))).toBe('id_too_long');
    const metrics = accepted({
      type: 'metrics',
      seq: 1,
      samples: [
        { name: long, ts: 1, value: 1 },
        { name: 'n', ts: 1, value: 1 },
      ],
    });
    expect(metrics.message.type === 'metrics' && metrics.message.samples).toHaveLength(1);
    expect(metrics.rejected).toMatchObject([{ kind: 'id_too_long', count: 1 }]);
    expect(toSnapshot({ epoch: long, seq: 1 })).toBeNull();
    expect(toPollResponse({ epoch: long, messages: [] })).toBeNull();
    expect(toSessionStart({ sessionId: long })).toBeNull();
  });

  it('refuses the samples of a metrics message past its bound, unread', () => {
    const samples: unknown[] = Array.from({ length: MAX_SAMPLES_PER_MESSAGE }, (_, i) => ({
      name: 'a',
      ts: i,
      value: i,
    }));
    samples.push(...Array.from({ length: 5 }, () => ({ name: 'late', ts: 1, value: 1 })));
    const result = accepted({ type: 'metrics', seq: 1, samples });
    const kept = result.message.type === 'metrics' ? result.message.samples : [];
    expect(kept).toHaveLength(MAX_SAMPLES_PER_MESSAGE);
    expect(kept.some((sample) => sample.name === 'late')).toBe(false);
    expect(result.rejected).toMatchObject([{ kind: 'too_many_items', count: 5 }]);
  });

  it('takes the first messages of an over-full poll answer and leaves the rest for the next poll', () => {
    const messages = Array.from({ length: MAX_MESSAGES_PER_POLL + 3 }, (_, i) => ({
      type: 'status',
      seq: i + 1,
      level: 'info',
      message: 'm',
    }));
    const poll = toPollResponse({ epoch: 'e', messages });
    expect(poll?.value.messages).toHaveLength(MAX_MESSAGES_PER_POLL);
    expect(poll?.value.messages.at(-1)).toMatchObject({ seq: MAX_MESSAGES_PER_POLL });
    expect(poll?.rejected).toMatchObject([{ kind: 'too_many_items', count: 3 }]);
  });

  it('keeps the newest items of an over-full snapshot', () => {
    const samples = Array.from({ length: MAX_SNAPSHOT_SAMPLES + 2 }, (_, i) => ({
      name: 'a',
      ts: i,
      value: i,
    }));
    const alerts = Array.from({ length: MAX_SNAPSHOT_ALERTS + 1 }, (_, i) => ({
      ...alert,
      id: `a${i}`,
    }));
    const snapshot = toSnapshot({ epoch: 'e', seq: 1, samples, alerts });
    expect(snapshot?.value.samples).toHaveLength(MAX_SNAPSHOT_SAMPLES);
    expect(snapshot?.value.samples[0]?.ts).toBe(2);
    expect(snapshot?.value.alerts[0]?.id).toBe('a1');
    expect(snapshot?.rejected).toMatchObject([
      { kind: 'too_many_items', count: 2 },
      { kind: 'too_many_items', count: 1 },
    ]);
  });

  it('clamps a session ttl that no timer should ever be given', () => {
    expect(toSessionStart({ sessionId: 's' })).toEqual({
      value: { sessionId: 's', ttlMs: 3_600_000 },
      rejected: [],
    });
    expect(toSessionStart({ sessionId: 's', ttlMs: 1e12 })?.value.ttlMs).toBe(604_800_000);
    expect(toSessionStart({ sessionId: 's', ttlMs: 0 })?.value.ttlMs).toBe(1_000);
    const mistyped = toSessionStart({ sessionId: 's', ttlMs: 'forever' });
    expect(mistyped?.value.ttlMs).toBe(3_600_000);
    expect(mistyped?.rejected).toMatchObject([{ kind: 'ttl_clamped' }]);
  });

  it('refuses a welcome whose heartbeatMs is not a number', () => {
    const welcome = { type: 'welcome', sessionId: 's', epoch: 'e', seq: 0, resumed: false };
    expect(kind(JSON.stringify({ ...welcome, heartbeatMs: '15000' }))).toBe('invalid_shape');
  });
});

describe('frame validation under random input', () => {
  // 20,000 frames: about 1-2 s alone, but several times that on a 2-core machine that is busy.
  it('never throws, whatever the bytes', { timeout: 20_000 }, () => {
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
