import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isoCell, toCsv } from '../../../src/ui/export/csv';

/** Reads CSV back as a spreadsheet would see the cells. */
const cells = (csv: string) =>
  Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: false }).data.slice(0, -1);

describe('toCsv', () => {
  it('writes a header and rows, each record ending in CRLF', () => {
    expect(toCsv(['a', 'b'], [['x', 1]])).toBe('a,b\r\nx,1\r\n');
  });

  it('quotes a field with a comma, a quote or a line break, doubling the quotes', () => {
    const csv = toCsv(['text'], [['one, two'], ['say "hi"'], ['line\nbreak'], ['cr\r\nlf']]);
    expect(csv).toBe('text\r\n"one, two"\r\n"say ""hi"""\r\n"line\nbreak"\r\n"cr\r\nlf"\r\n');
    expect(cells(csv)).toEqual([
      ['text'],
      ['one, two'],
      ['say "hi"'],
      ['line\nbreak'],
      ['cr\r\nlf'],
    ]);
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const csv = toCsv(
      ['title'],
      hostile.map((text) => [text]),
    );
    const read = cells(csv)
      .slice(1)
      .map((row) => row[0]);
    expect(read).toEqual(hostile.map((text) => `'${text}`));
    for (const cell of read) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leaves numbers as numbers, negative ones too, and empties non-finite ones', () => {
    expect(toCsv(['v'], [[-3.5], [0], [Number.NaN], [Number.POSITIVE_INFINITY], [null]])).toBe(
      'v\r\n-3.5\r\n0\r\n\r\n\r\n\r\n',
    );
  });

  it('keeps unicode text as it is', () => {
    const csv = toCsv(['제목', 'emoji'], [['냉동 컨테이너 온도 상승', '🔥 ünïcødé']]);
    expect(cells(csv)).toEqual([
      ['제목', 'emoji'],
      ['냉동 컨테이너 온도 상승', '🔥 ünïcødé'],
    ]);
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });
});

describe('isoCell', () => {
  it('writes UTC ISO time, and nothing for a time no date can hold', () => {
    expect(isoCell(Date.UTC(2026, 11, 2, 10, 42, 10))).toBe('2026-12-02T10:42:10.000Z');
    expect(isoCell(Number.NaN)).toBe('');
    expect(isoCell(1e20)).toBe('');
  });
});
