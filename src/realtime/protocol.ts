/**
 * The wire contract (docs/protocol.md) as types. Everything that crosses the wire is validated
 * into these shapes once, in `validate.ts`; the rest of the code trusts them.
 */

/** Largest frame the client accepts, in UTF-8 bytes. */
export const MAX_FRAME_BYTES = 1024 * 1024;

export type Sample = { name: string; ts: number; value: number; unit?: string };

export type Severity = 'info' | 'warning' | 'critical';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export type Alert = {
  id: string;
  severity: Severity;
  title: string;
  message: string;
  source?: string;
  ts: number;
  status: AlertStatus;
};

export type WelcomeMessage = {
  type: 'welcome';
  sessionId: string;
  epoch: string;
  seq: number;
  heartbeatMs: number;
  resumed: boolean;
};
export type MetricsMessage = { type: 'metrics'; seq: number; samples: Sample[] };
export type AlertMessage = { type: 'alert'; seq: number; alert: Alert };
export type AlertUpdateMessage = {
  type: 'alert_update';
  seq: number;
  id: string;
  status: AlertStatus;
  by?: string;
};
export type StatusMessage = {
  type: 'status';
  seq: number;
  level: 'info' | 'warning';
  message: string;
};
export type PingMessage = { type: 'ping'; ts: number };
export type PongMessage = { type: 'pong'; ts: number };
export type ErrorMessage = { type: 'error'; code: string; message: string };

// The catalogue (v1.1): what the metrics and topics are. Label maps come out of validation
// without a prototype (or as own properties only): a locale key is looked up with Object.hasOwn.
export type LocaleText = Readonly<Record<string, string>>;
export type OperatingLimits = { low?: number; high?: number; warnLow?: number; warnHigh?: number };
export type SpcLimits = { cl: number; ucl: number; lcl: number; usl?: number; lsl?: number };
export type MetricInfo = {
  name: string;
  label?: string;
  labels?: LocaleText;
  unit?: string;
  decimals?: number;
  limits?: OperatingLimits;
  spc?: SpcLimits;
  topic?: string;
  group?: string;
};
export type TopicInfo = { id: string; label?: string; labels?: LocaleText; default?: boolean };
export type Catalog = { metrics: MetricInfo[]; topics: TopicInfo[] };
export type CatalogMessage = { type: 'catalog'; seq: number } & Catalog;

/** Messages that carry `seq` and so belong to the ordered stream of an epoch. */
export type DataMessage =
  MetricsMessage | AlertMessage | AlertUpdateMessage | StatusMessage | CatalogMessage;

export type ServerMessage = WelcomeMessage | DataMessage | PingMessage | PongMessage | ErrorMessage;

export type ClientMessage =
  | { type: 'hello'; sessionId: string; epoch?: string; lastSeq?: number; topics: string[] }
  | { type: 'subscribe'; topics: string[] }
  | { type: 'unsubscribe'; topics: string[] }
  | { type: 'ack'; alertId: string }
  | { type: 'ping'; ts: number }
  | { type: 'pong'; ts: number };

/** What the application may ask the client to send; `hello` and heartbeats are the client's own. */
export type OutgoingMessage = Extract<ClientMessage, { type: 'subscribe' | 'unsubscribe' | 'ack' }>;

// HTTP bodies

export type SessionStartResponse = { sessionId: string; ttlMs: number };

export type ServerSnapshot = {
  epoch: string;
  seq: number;
  samples: Sample[];
  alerts: Alert[];
  /** v1.1; absent from a v1 server. */
  catalog?: Catalog;
};

export type PollResponse = { epoch: string; messages: ServerMessage[] };

export const DATA_MESSAGE_TYPES = [
  'metrics',
  'alert',
  'alert_update',
  'status',
  'catalog',
] as const;

export function isDataMessage(message: ServerMessage): message is DataMessage {
  return (DATA_MESSAGE_TYPES as readonly string[]).includes(message.type);
}

/** The WebSocket URL for a base URL: `http` -> `ws`, `https` -> `wss`, plus `/ws`. */
export function websocketUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** An absolute URL for an API path under the base URL (the base may carry a path prefix). */
export function apiUrl(baseUrl: string, path: string, query?: Record<string, string | number>) {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, String(value));
  return url.toString();
}
