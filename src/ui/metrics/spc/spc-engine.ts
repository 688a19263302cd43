/**
 * Everything SPC that a dashboard without control charts never needs, in one chunk loaded on
 * demand (`useSpcEngine`): the rules, capability, the run watch and the words for them. The
 * first load stays small; a backend that describes an `spc` metric brings this in.
 */
export { controlWindow, NO_CONTROL_WINDOW, violatedRules } from './control-window';
export { SpcRunWatch } from './run-watch';
export { SPC_MESSAGES } from './spc-messages';
// The verdict under a control chart's header: shown only once this chunk has loaded anyway.
export { ControlChartSummary } from '../ControlChartSummary';
