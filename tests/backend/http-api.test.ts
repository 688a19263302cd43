import { describe, expect, it } from 'vitest';
import { MAX_POLL_CHARS } from '../../backend/http-api';
import { MockBackend } from '../../backend/mock-backend';

describe('backend: long poll', () => {
  it("keeps a poll answer under the client's 1 MiB body cap and sends the rest next time", async () => {
    const backend = new MockBackend();
    const { body } = backend.startSession() as { body: { sessionId: string } };
    // 40 messages of about 30,000 characters: 1.2 M characters in all, more than one answer.
    const samples = Array.from({ length: 600 }, (_, i) => ({ name: `m_${i}`, ts: 1, value: i }));
    for (let i = 0; i < 40; i++) backend.publishSamples(samples);
    const first = (await backend.poll(body.sessionId, 0, 0)).body as {
      messages: { seq: number }[];
    };
    const text = JSON.stringify(first);
    expect(new TextEncoder().encode(text).byteLength).toBeLessThan(1024 * 1024);
    expect(first.messages.length).toBeGreaterThan(0);
    expect(first.messages.length).toBeLessThan(40);
    const last = first.messages.at(-1)!.seq;
    const next = (await backend.poll(body.sessionId, last, 0)).body as {
      messages: { seq: number }[];
    };
    expect(next.messages[0]?.seq).toBe(last + 1);
    expect(JSON.stringify(next.messages).length).toBeLessThanOrEqual(MAX_POLL_CHARS + 2);
  });
});
