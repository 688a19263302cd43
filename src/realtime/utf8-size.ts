/**
 * A string's size in UTF-8 bytes, as `TextEncoder` would encode it, without encoding it. Frames
 * near the 1 MiB limit are checked on every arrival; encoding one to learn its size allocated a
 * megabyte and took tens of milliseconds of the thread that also renders (with the page engine).
 */

/**
 * The exact size when it is at most `limit`; otherwise some size over `limit` (counting stops as
 * soon as it is passed: only "over or not" matters then).
 */
export function utf8SizeUpTo(text: string, limit: number): number {
  // Every UTF-16 unit is at least one byte.
  if (text.length > limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3; // the rest of the BMP, and a lone surrogate (encoded as U+FFFD)
  }
  return bytes;
}

/** Whether `text` is over `limit` bytes in UTF-8. */
export function exceedsUtf8(text: string, limit: number): boolean {
  // Every UTF-16 unit is at most three bytes (a surrogate pair, two units, is four).
  if (text.length * 3 <= limit) return false;
  return utf8SizeUpTo(text, limit) > limit;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
