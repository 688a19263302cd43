/**
 * Frames of a hostile backend (issue 11): `metrics` messages of just under a size, every sample
 * under a metric name never sent before. Names are long (about 90 characters, under the client's
 * 200) so a frame under 1 MiB carries fewer samples than the client keeps from one message
 * (10,000): every sample reaches the code that meets a new name, none is refused for the count.
 *
 * Building a 1 MiB string sample by sample costs the feed tens of milliseconds on a loaded
 * machine, time taken from the page it measures; so the frame is laid out once and each new one
 * is a copy with the names' numbers, the timestamps and the seq written in place.
 */

/** Just under the protocol's 1 MiB frame limit, so the client's size check lets every frame in. */
export const HOSTILE_FRAME_BYTES = 1024 * 1024 - 512;

const ID_DIGITS = 10;
const TS_DIGITS = 13; // Date.now() until the year 2286
const FILLER = 'x'.repeat(72);
/** Room left for the seq at the end of the frame (`,"seq":` and up to 16 digits and `}`). */
const SEQ_ROOM = 32;

export type HostileFrames = {
  /** The next frame (UTF-8 text in a Buffer) and how many new names it carries. */
  next(seq: number, ts: number): { data: Buffer; names: number };
  /** New names sent so far. */
  readonly names: number;
};

export function createHostileFrames(frameBytes = HOSTILE_FRAME_BYTES): HostileFrames {
  const idSlots: number[] = [];
  const tsSlots: number[] = [];
  let layout = '{"type":"metrics","samples":[';
  for (;;) {
    const head = `${idSlots.length === 0 ? '' : ','}{"name":"flood_`;
    const middle = `_${FILLER}","ts":`;
    const value = (idSlots.length % 10_000) / 100;
    const sample = `${head}${'0'.repeat(ID_DIGITS)}${middle}${'0'.repeat(TS_DIGITS)},"value":${value}}`;
    if (layout.length + sample.length + 1 + SEQ_ROOM > frameBytes) break;
    idSlots.push(layout.length + head.length);
    tsSlots.push(layout.length + head.length + ID_DIGITS + middle.length);
    layout += sample;
  }
  layout += ']';
  const template = Buffer.from(layout, 'latin1');
  let sent = 0;
  return {
    next(seq, ts) {
      const tail = Buffer.from(`,"seq":${seq}}`, 'latin1');
      const data = Buffer.allocUnsafe(template.length + tail.length);
      template.copy(data, 0);
      tail.copy(data, template.length);
      const stamp = String(Math.trunc(ts)).padStart(TS_DIGITS, '0').slice(-TS_DIGITS);
      for (let i = 0; i < idSlots.length; i++) {
        data.write((sent + i).toString(36).padStart(ID_DIGITS, '0'), idSlots[i]!, 'latin1');
        data.write(stamp, tsSlots[i]!, 'latin1');
      }
      sent += idSlots.length;
      return { data, names: idSlots.length };
    },
    get names() {
      return sent;
    },
  };
}
