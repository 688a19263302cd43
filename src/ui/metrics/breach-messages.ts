import type { Locale } from '../../store';

/** What a panel says about a value beyond a limit, in the operator's language. */
export type BreachMessages = {
  /** A limit's name before its value: "max", "warning high". Unknown kinds show as sent. */
  kind: ReadonlyMap<string, string>;
  /** "above max 8 °C since 10:42:10". */
  above: (limit: string, since: string) => string;
  below: (limit: string, since: string) => string;
};

export const BREACH_MESSAGES: Record<Locale, BreachMessages> = {
  en: {
    kind: new Map([
      ['max', 'max'],
      ['min', 'min'],
      ['high', 'high limit'],
      ['low', 'low limit'],
      ['warnHigh', 'warning high'],
      ['warnMax', 'warning high'],
      ['warnLow', 'warning low'],
      ['warnMin', 'warning low'],
      ['ucl', 'UCL'],
      ['lcl', 'LCL'],
    ]),
    above: (limit, since) => `above ${limit} since ${since}`,
    below: (limit, since) => `below ${limit} since ${since}`,
  },
  ko: {
    kind: new Map([
      ['max', '최대'],
      ['min', '최소'],
      ['high', '상한'],
      ['low', '하한'],
      ['warnHigh', '경고 상한'],
      ['warnMax', '경고 상한'],
      ['warnLow', '경고 하한'],
      ['warnMin', '경고 하한'],
      ['ucl', 'UCL'],
      ['lcl', 'LCL'],
    ]),
    above: (limit, since) => `${since}부터 ${limit} 초과`,
    below: (limit, since) => `${since}부터 ${limit} 미만`,
  },
};
