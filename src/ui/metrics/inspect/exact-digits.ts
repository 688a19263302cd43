/** Most fraction digits an inspected value is shown with: beyond, it is float noise. */
const MAX_DIGITS = 6;

/**
 * Fraction digits that show an inspected value as the store holds it: never fewer than the panel
 * shows (`atLeast`, from the catalogue's `decimals` or the series), never rounding away digits
 * the sample has. Inspecting is reading an exact past value; the panel's 1-decimal "4.0" for a
 * sample of 3.96 would misquote it.
 */
export function exactDigits(value: number, atLeast: number): number {
  if (!Number.isFinite(value)) return atLeast;
  // Rounded first, so float noise (4.8999999999 for 4.9) does not count as digits.
  const text = String(Number(Math.abs(value).toFixed(MAX_DIGITS)));
  // Exponent notation: huge values, where the panel's own format is the readable one.
  if (text.includes('e')) return atLeast;
  const dot = text.indexOf('.');
  const own = dot === -1 ? 0 : text.length - dot - 1;
  return Math.max(atLeast, Math.min(MAX_DIGITS, own));
}
