import type { AlertStatus, Severity, StopReason } from '../../realtime';
import type { Locale } from '../../store';
import type { LimitKind } from '../shared/metric-catalog';

/**
 * Every UI string, in English and Korean (the teams in the field reports are Korean). Server text
 * (alert titles, messages, close reasons) is shown as sent; only our own words are translated.
 */
export type Messages = {
  appTitle: string;
  toolbar: string;
  status: Record<'live' | 'connecting' | 'fallback' | 'offline', string>;
  attempt: (n: number) => string;
  renewing: string;
  nextTry: (seconds: number) => string;
  retryingNow: string;
  stopReason: Record<StopReason, string>;
  noNetwork: string;
  closedByApp: string;
  latency: (ms: number) => string;
  updatedAgo: (age: string) => string;
  noDataYet: string;
  reconnectNow: string;
  duration: (ms: number) => string;
  window: string;
  minutes: (n: number) => string;
  pause: string;
  resume: string;
  pausedNote: string;
  language: string;
  metrics: string;
  waitingForData: string;
  loadingChart: string;
  trendVs: (window: string) => string;
  trendSince: (time: string) => string;
  noTrend: string;
  limit: Record<LimitKind, (value: string) => string>;
  staleData: (time: string) => string;
  staleConnection: (time: string) => string;
  /**
   * The quiet data-problems line: refused or dropped input since the first problem. `shown` is
   * the count as the locale writes it (29,001); `count` chooses the plural.
   */
  dataProblemsSince: (count: number, time: string, shown?: string) => string;
  metricsIgnored: (count: number, shown?: string) => string;
  /** Kind -> what it means; a kind missing here is shown by its name. */
  dataProblemKinds: Readonly<Record<string, string>>;
  dataProblemLast: (detail: string, time: string) => string;
  alerts: string;
  noAlerts: string;
  noMatchingAlerts: string;
  severity: Record<Severity | 'all', string>;
  alertStatus: Record<AlertStatus | 'all', string>;
  pendingAck: string;
  severityFilter: string;
  statusFilter: string;
  countOf: (severity: string, n: number) => string;
  acknowledge: string;
  dismiss: string;
  by: (who: string) => string;
  history: string;
  moreAlerts: (n: number) => string;
  moreCritical: (n: number) => string;
  showAlerts: string;
  newCriticalAlert: (title: string) => string;
  newCriticalAlerts: (n: number) => string;
  newAlert: (title: string) => string;
  newAlerts: (n: number) => string;
  toastShortcutHint: (keys: string) => string;
  chartSummary: (name: string, latest: string, trend: string, limits: string) => string;
  chartNoData: (name: string) => string;
  trendWord: Record<'up' | 'down' | 'flat', string>;
  noLimits: string;
  toastRegion: string;
  backend: string;
  backendDemo: string;
  backendForeign: (host: string) => string;
  backendForeignDemo: (host: string) => string;
  backendRefused: Record<'not_http' | 'not_allowed', (value: string, host: string) => string>;
  storageProblem: (count: number) => string;
};

const en: Messages = {
  appTitle: 'Pulseboard',
  toolbar: 'View controls',
  status: { live: 'Live', connecting: 'Connecting', fallback: 'HTTP fallback', offline: 'Offline' },
  attempt: (n) => `attempt ${n}`,
  renewing: 'renewing session',
  nextTry: (s) => `next try in ${s} s`,
  retryingNow: 'retrying now',
  stopReason: {
    unauthorized: 'not authorised',
    session_unrenewable: 'session could not be renewed',
    protocol_error: 'protocol error',
    application_error: 'stopped by the server',
  },
  noNetwork: 'no network',
  closedByApp: 'disconnected',
  latency: (ms) => `round trip ${ms} ms`,
  updatedAgo: (age) => `updated ${age} ago`,
  noDataYet: 'no data yet',
  reconnectNow: 'Reconnect now',
  duration: (ms) =>
    ms < 60_000
      ? `${Math.floor(ms / 1000)} s`
      : ms < 3_600_000
        ? `${Math.floor(ms / 60_000)} min`
        : `${Math.floor(ms / 3_600_000)} h`,
  window: 'Window',
  minutes: (n) => `${n} min`,
  pause: 'Pause',
  resume: 'Resume',
  pausedNote: 'Paused: charts are frozen, data keeps arriving.',
  language: 'Language',
  metrics: 'Metrics',
  waitingForData: 'Waiting for data…',
  loadingChart: 'Loading chart…',
  trendVs: (w) => `vs ${w} ago`,
  trendSince: (time) => `since ${time}`,
  noTrend: 'no trend yet',
  limit: {
    max: (v) => `max ${v}`,
    min: (v) => `min ${v}`,
    ucl: (v) => `UCL ${v}`,
    lcl: (v) => `LCL ${v}`,
  },
  staleData: (t) => `No new data since ${t}`,
  staleConnection: (t) => `Not live: last data ${t}`,
  dataProblemsSince: (n, t, shown = String(n)) =>
    `${shown} ${n === 1 ? 'problem' : 'problems'} with incoming data since ${t}`,
  metricsIgnored: (n, shown = String(n)) =>
    `${shown} ${n === 1 ? 'metric' : 'metrics'} ignored: too many distinct names`,
  dataProblemKinds: {
    invalid_json: 'Frame that is not JSON',
    oversized: 'Frame too large',
    unknown_type: 'Unknown message type',
    invalid_shape: 'Malformed message',
    binary: 'Binary frame',
    truncated: 'Cut short to a limit',
    sequence_gap: 'Missed messages (resynced)',
    server_error: 'Error reported by the server',
    http_error: 'HTTP request failed',
    http_oversized: 'HTTP response too large',
    heartbeat_clamped: 'Heartbeat interval out of range (clamped)',
    id_too_long: 'Id or metric name too long (refused)',
    too_many_items: 'Too many items in one message (excess refused)',
    ttl_clamped: 'Session lifetime out of range (clamped)',
    buffer_overflow: 'Too much data held at once (dropped, resynced)',
    outbox_overflow: 'Outgoing queue full (oldest dropped)',
    websocket_unavailable: 'WebSocket unavailable',
    event_failed: 'Message that could not be applied',
    item_failed: 'Sample or alert that could not be applied',
    sample_future: 'Sample stamped more than 5 minutes ahead',
    sample_too_old: 'Sample older than the longest chart window',
    sample_out_of_order: "Sample older than its series' newest point",
    series_limit: 'Metric beyond the limit of distinct names',
    alert_evicted: 'Unresolved alert dropped: too many alerts',
  },
  dataProblemLast: (detail, t) => `latest at ${t}: ${detail}`,
  alerts: 'Alerts',
  noAlerts: 'No alerts.',
  noMatchingAlerts: 'No alerts match the filters.',
  severity: { all: 'All', critical: 'Critical', warning: 'Warning', info: 'Info' },
  alertStatus: { all: 'All', open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' },
  pendingAck: 'sending…',
  severityFilter: 'Severity',
  statusFilter: 'Status',
  countOf: (s, n) => `${s}: ${n}`,
  acknowledge: 'Acknowledge',
  dismiss: 'Dismiss',
  by: (who) => `by ${who}`,
  history: 'History',
  moreAlerts: (n) => `+${n} more ${n === 1 ? 'alert' : 'alerts'}`,
  moreCritical: (n) => `${n} critical`,
  showAlerts: 'Show all',
  newCriticalAlert: (title) => `New critical alert: ${title}`,
  newCriticalAlerts: (n) => `${n} new critical alerts`,
  newAlert: (title) => `New alert: ${title}`,
  newAlerts: (n) => `${n} new alerts`,
  toastShortcutHint: (keys) => `${keys}: jump to the newest critical alert, again to go back`,
  chartSummary: (name, latest, trend, limits) =>
    `${name} chart. Latest ${latest}. ${trend}. Limits: ${limits}.`,
  chartNoData: (name) => `${name} chart: no data yet.`,
  trendWord: { up: 'Rising', down: 'Falling', flat: 'Steady' },
  noLimits: 'none',
  toastRegion: 'Alert notifications',
  backend: 'Backend',
  backendDemo: 'demo backend (in page)',
  backendForeign: (host) => `Not this deployment's backend: ${host}`,
  backendForeignDemo: (host) => `Not this page's own backend: ${host}`,
  backendRefused: {
    not_http: (value, host) => `Ignored ?api=${value}: not an http(s) URL. Staying on ${host}.`,
    not_allowed: (value, host) =>
      `Refused ?api=${value}: not a backend this deployment allows. Staying on ${host}.`,
  },
  storageProblem: (n) =>
    `Could not save to browser storage (${n}×): acknowledgements are still sent, but this browser may forget them after a reload.`,
};

const ko: Messages = {
  appTitle: 'Pulseboard',
  toolbar: '보기 설정',
  status: {
    live: '실시간',
    connecting: '연결 중',
    fallback: 'HTTP 대체 연결',
    offline: '오프라인',
  },
  attempt: (n) => `${n}번째 시도`,
  renewing: '세션 갱신 중',
  nextTry: (s) => `${s}초 후 재시도`,
  retryingNow: '지금 재시도 중',
  stopReason: {
    unauthorized: '권한 없음',
    session_unrenewable: '세션을 갱신할 수 없음',
    protocol_error: '프로토콜 오류',
    application_error: '서버가 연결을 종료함',
  },
  noNetwork: '네트워크 연결 없음',
  closedByApp: '연결 해제됨',
  latency: (ms) => `왕복 ${ms} ms`,
  updatedAgo: (age) => `${age} 전 업데이트`,
  noDataYet: '아직 데이터 없음',
  reconnectNow: '지금 다시 연결',
  duration: (ms) =>
    ms < 60_000
      ? `${Math.floor(ms / 1000)}초`
      : ms < 3_600_000
        ? `${Math.floor(ms / 60_000)}분`
        : `${Math.floor(ms / 3_600_000)}시간`,
  window: '시간 범위',
  minutes: (n) => `${n}분`,
  pause: '일시정지',
  resume: '재개',
  pausedNote: '일시정지됨: 차트는 멈췄지만 데이터는 계속 수신 중입니다.',
  language: '언어',
  metrics: '지표',
  waitingForData: '데이터 대기 중…',
  loadingChart: '차트 불러오는 중…',
  trendVs: (w) => `${w} 전 대비`,
  trendSince: (time) => `${time} 대비`,
  noTrend: '추세 없음',
  limit: {
    max: (v) => `최대 ${v}`,
    min: (v) => `최소 ${v}`,
    ucl: (v) => `UCL ${v}`,
    lcl: (v) => `LCL ${v}`,
  },
  staleData: (t) => `${t} 이후 새 데이터 없음`,
  staleConnection: (t) => `연결 끊김: 마지막 데이터 ${t}`,
  dataProblemsSince: (n, t, shown = String(n)) => `${t} 이후 수신 데이터 문제 ${shown}건`,
  metricsIgnored: (n, shown = String(n)) => `지표 ${shown}개 무시됨: 고유 이름이 너무 많음`,
  dataProblemKinds: {
    invalid_json: 'JSON이 아닌 프레임',
    oversized: '너무 큰 프레임',
    unknown_type: '알 수 없는 메시지 유형',
    invalid_shape: '형식이 잘못된 메시지',
    binary: '바이너리 프레임',
    truncated: '한도에 맞게 잘림',
    sequence_gap: '누락된 메시지 (재동기화함)',
    server_error: '서버가 보고한 오류',
    http_error: 'HTTP 요청 실패',
    http_oversized: '너무 큰 HTTP 응답',
    heartbeat_clamped: '범위를 벗어난 하트비트 간격 (조정함)',
    id_too_long: '너무 긴 ID 또는 지표 이름 (거부함)',
    too_many_items: '한 메시지의 항목이 너무 많음 (초과분 거부)',
    ttl_clamped: '범위를 벗어난 세션 유효 시간 (조정함)',
    buffer_overflow: '한 번에 보관할 데이터가 너무 많음 (삭제 후 재동기화)',
    outbox_overflow: '송신 대기열 가득 참 (가장 오래된 항목 삭제)',
    websocket_unavailable: 'WebSocket 사용 불가',
    event_failed: '적용할 수 없는 메시지',
    item_failed: '적용할 수 없는 샘플 또는 알림',
    sample_future: '5분 넘게 앞선 시각의 샘플',
    sample_too_old: '가장 긴 차트 범위보다 오래된 샘플',
    sample_out_of_order: '시리즈의 최신 값보다 오래된 샘플',
    series_limit: '고유 이름 한도를 넘은 지표',
    alert_evicted: '해결되지 않은 알림 삭제됨: 알림이 너무 많음',
  },
  dataProblemLast: (detail, t) => `최근 ${t}: ${detail}`,
  alerts: '알림',
  noAlerts: '알림이 없습니다.',
  noMatchingAlerts: '조건에 맞는 알림이 없습니다.',
  severity: { all: '전체', critical: '심각', warning: '경고', info: '정보' },
  alertStatus: { all: '전체', open: '미확인', acknowledged: '확인됨', resolved: '해결됨' },
  pendingAck: '전송 중…',
  severityFilter: '심각도',
  statusFilter: '상태',
  countOf: (s, n) => `${s}: ${n}`,
  acknowledge: '확인',
  dismiss: '닫기',
  by: (who) => `${who}`,
  history: '이력',
  moreAlerts: (n) => `알림 ${n}건 더 있음`,
  moreCritical: (n) => `심각 ${n}건`,
  showAlerts: '모두 보기',
  newCriticalAlert: (title) => `새 심각 알림: ${title}`,
  newCriticalAlerts: (n) => `새 심각 알림 ${n}건`,
  newAlert: (title) => `새 알림: ${title}`,
  newAlerts: (n) => `새 알림 ${n}건`,
  toastShortcutHint: (keys) => `${keys}: 최신 심각 알림으로 이동, 다시 누르면 돌아가기`,
  chartSummary: (name, latest, trend, limits) =>
    `${name} 차트. 최근 값 ${latest}. ${trend}. 한계: ${limits}.`,
  chartNoData: (name) => `${name} 차트: 아직 데이터 없음.`,
  trendWord: { up: '상승', down: '하락', flat: '변화 없음' },
  noLimits: '없음',
  toastRegion: '알림 팝업',
  backend: '백엔드',
  backendDemo: '데모 백엔드 (페이지 내장)',
  backendForeign: (host) => `이 배포의 백엔드가 아닙니다: ${host}`,
  backendForeignDemo: (host) => `이 페이지의 자체 백엔드가 아닙니다: ${host}`,
  backendRefused: {
    not_http: (value, host) =>
      `?api=${value} 무시됨: http(s) URL이 아닙니다. ${host}에 계속 연결합니다.`,
    not_allowed: (value, host) =>
      `?api=${value} 거부됨: 이 배포가 허용하지 않는 백엔드입니다. ${host}에 계속 연결합니다.`,
  },
  storageProblem: (n) =>
    `브라우저 저장소에 저장하지 못했습니다 (${n}회): 확인은 서버로 전송되지만, 새로 고침 후 이 브라우저가 기록을 잊을 수 있습니다.`,
};

export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, ko };

export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ko: '한국어' };

/** The first of the browser's languages we speak; English otherwise. */
export function pickLocale(languages: readonly string[] | undefined): Locale {
  for (const language of languages ?? []) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'en';
}
