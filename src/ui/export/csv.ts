import Papa from 'papaparse';

/** A CSV cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/**
 * Characters a spreadsheet reads as the start of a formula (=, +, -, @) or that it strips before
 * looking for one (tab, carriage return). Text starting with one gets a leading apostrophe, so
 * `=HYPERLINK(...)` in an alert title from an untrusted backend stays text. Numbers are not
 * touched: -3.5 stays a number.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV (papaparse's `unparse`): CRLF after every record, a field quoted when it holds a comma, a
 * quote, a line break or edge spaces, quotes doubled inside. Non-finite numbers become empty
 * cells: "NaN" is nothing a spreadsheet can use.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const clean = (cell: CsvCell): string | number =>
    typeof cell === 'number' ? (Number.isFinite(cell) ? cell : '') : (cell ?? '');
  const csv = Papa.unparse(
    {
      fields: [...header],
      data: rows.map((row) => row.map(clean)),
    },
    { newline: '\r\n', escapeFormulae: FORMULA_START, header: true },
  );
  // Every record ends with CRLF, the last one too (papaparse ends only a header-only file so).
  return rows.length === 0 && csv.endsWith('\r\n') ? csv : `${csv}\r\n`;
}

/** An ISO 8601 UTC time for a CSV cell; an empty cell for a time no Date can hold. */
export function isoCell(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
