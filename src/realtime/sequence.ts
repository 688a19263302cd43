/**
 * The ordering rules of the stream: one epoch, `seq` rising by exactly one. Pure functions:
 * `classifySeq` says what to do with a message (apply, drop as a duplicate, resync over a gap),
 * `needsResync` whether a `welcome` lets the client resume; the stream (`stream.ts`) acts on both.
 */
export type StreamPosition = { epoch: string | null; lastSeq: number | null };

export type SeqVerdict = 'apply' | 'duplicate' | 'gap';

export function classifySeq(position: StreamPosition, seq: number): SeqVerdict {
  if (position.lastSeq === null) return 'gap';
  if (seq <= position.lastSeq) return 'duplicate';
  if (seq === position.lastSeq + 1) return 'apply';
  return 'gap';
}

/** Whether a welcome lets the client continue from where it is, or it must fetch a snapshot. */
export function needsResync(
  position: StreamPosition,
  welcome: { epoch: string; resumed: boolean },
): boolean {
  return position.epoch === null || position.epoch !== welcome.epoch || !welcome.resumed;
}
