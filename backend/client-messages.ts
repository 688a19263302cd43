import type { ClientMessage } from '../src/realtime/protocol';

/**
 * Validates what a client sent, because the reference server faces real sockets: a message of
 * the wrong shape must be refused with an error, never throw inside the server.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isTopics = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= 1_000 && v.every((topic) => isStr(topic) && topic.length <= 200);
const isTs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function toClientMessage(v: unknown): ClientMessage | null {
  if (!isObj(v) || !isStr(v.type)) return null;
  switch (v.type) {
    case 'hello': {
      if (!isStr(v.sessionId) || !isTopics(v.topics)) return null;
      if (v.epoch !== undefined && !isStr(v.epoch)) return null;
      if (v.lastSeq !== undefined && !(Number.isSafeInteger(v.lastSeq) && Number(v.lastSeq) >= 0))
        return null;
      return {
        type: 'hello',
        sessionId: v.sessionId,
        topics: v.topics,
        ...(isStr(v.epoch) ? { epoch: v.epoch } : {}),
        ...(typeof v.lastSeq === 'number' ? { lastSeq: v.lastSeq } : {}),
      };
    }
    case 'subscribe':
    case 'unsubscribe':
      return isTopics(v.topics) ? { type: v.type, topics: v.topics } : null;
    case 'ack':
      return isStr(v.alertId) ? { type: 'ack', alertId: v.alertId } : null;
    case 'ping':
    case 'pong':
      return isTs(v.ts) ? { type: v.type, ts: v.ts } : null;
    default:
      return null;
  }
}
