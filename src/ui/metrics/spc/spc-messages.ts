import type { Locale } from '../../../store';
import type { Capability } from './capability';
import type { Rule, Side } from './western-electric';

/** What a control chart and its toasts say, in the operator's language. */
export type SpcMessages = {
  /** Line labels on the chart: "UCL 13". The abbreviations are the trade's, in both languages. */
  line: (kind: 'cl' | 'ucl' | 'lcl' | 'usl' | 'lsl', value: string) => string;
  /** The panel's count over the visible window. */
  violations: (count: number) => string;
  /** "Rule 1: a point beyond a control limit". */
  rule: Readonly<Record<Rule, string>>;
  /** Short rule tag written beside a mark on the chart. */
  ruleTag: (rule: Rule) => string;
  side: Readonly<Record<Side, string>>;
  /** "Cp 1.33 · Cpk 1.10 (n = 120)". */
  capability: (cp: string | null, cpk: string, n: number) => string;
  capabilityMissing: Readonly<Record<Exclude<Capability['missing'], null>, (n: number) => string>>;
  toastTitle: (metric: string) => string;
  toastMessage: (rule: Rule, side: Side, value: string, at: string) => string;
};

const LINE = { cl: 'CL', ucl: 'UCL', lcl: 'LCL', usl: 'USL', lsl: 'LSL' } as const;

/** The rule in a toast's sentence, shorter than the panel's. */
const SPC_RULE_EN: Readonly<Record<Rule, string>> = {
  1: 'Rule 1: a point beyond a control limit',
  2: 'Rule 2: 2 of 3 points beyond 2σ',
  3: 'Rule 3: 4 of 5 points beyond 1σ',
  4: 'Rule 4: 8 points in a row',
};
const SPC_RULE_KO: Readonly<Record<Rule, string>> = {
  1: '규칙 1: 관리 한계 이탈',
  2: '규칙 2: 연속 3점 중 2점 2σ 밖',
  3: '규칙 3: 연속 5점 중 4점 1σ 밖',
  4: '규칙 4: 연속 8점 한쪽',
};

export const SPC_MESSAGES: Record<Locale, SpcMessages> = {
  en: {
    line: (kind, value) => `${LINE[kind]} ${value}`,
    violations: (count) =>
      count === 0
        ? 'In control: no rule violations'
        : `${count} rule violation${count === 1 ? '' : 's'}`,
    rule: {
      1: 'Rule 1: a point beyond a control limit',
      2: 'Rule 2: 2 of 3 points beyond 2σ on one side',
      3: 'Rule 3: 4 of 5 points beyond 1σ on one side',
      4: 'Rule 4: 8 points in a row on one side of the centre line',
    },
    ruleTag: (rule) => `R${rule}`,
    side: { above: 'above the centre line', below: 'below the centre line' },
    capability: (cp, cpk, n) => `${cp === null ? '' : `Cp ${cp} · `}Cpk ${cpk} (n = ${n})`,
    capabilityMissing: {
      'no-spec': () => '',
      'too-few': (n) => `Cp/Cpk: too few samples (n = ${n})`,
      'no-variation': (n) => `Cp/Cpk: no variation in the window (n = ${n})`,
    },
    toastTitle: (metric) => `${metric}: out of control`,
    toastMessage: (rule, side, value, at) =>
      `${SPC_RULE_EN[rule]}, ${side === 'above' ? 'above' : 'below'} the centre line (${value} at ${at}).`,
  },
  ko: {
    line: (kind, value) => `${LINE[kind]} ${value}`,
    violations: (count) => (count === 0 ? '관리 상태: 규칙 위반 없음' : `규칙 위반 ${count}건`),
    rule: {
      1: '규칙 1: 관리 한계를 벗어난 점',
      2: '규칙 2: 연속 3점 중 2점이 같은 쪽 2σ 밖',
      3: '규칙 3: 연속 5점 중 4점이 같은 쪽 1σ 밖',
      4: '규칙 4: 연속 8점이 중심선 한쪽',
    },
    ruleTag: (rule) => `R${rule}`,
    side: { above: '중심선 위', below: '중심선 아래' },
    capability: (cp, cpk, n) => `${cp === null ? '' : `Cp ${cp} · `}Cpk ${cpk} (표본 ${n}개)`,
    capabilityMissing: {
      'no-spec': () => '',
      'too-few': (n) => `Cp/Cpk: 표본 부족 (표본 ${n}개)`,
      'no-variation': (n) => `Cp/Cpk: 구간 내 변동 없음 (표본 ${n}개)`,
    },
    toastTitle: (metric) => `${metric}: 관리 이탈`,
    toastMessage: (rule, side, value, at) =>
      `${SPC_RULE_KO[rule]}, ${side === 'above' ? '중심선 위' : '중심선 아래'} (${at}, ${value}).`,
  },
};
