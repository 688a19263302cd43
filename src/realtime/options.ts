import { DEFAULT_BACKOFF } from './backoff';
import type { RealtimeOptions } from './client';
import { DEFAULT_HEARTBEAT_MS, DEFAULT_HELD_BYTES, DEFAULT_HELD_MESSAGES } from './limits';
import type { MachineConfig } from './machine-types';

/**
 * Every default of `RealtimeOptions`, written once. The machine gets the part it decides with
 * (`machine`), the runner the rest.
 */
export const DEFAULT_OPTIONS = {
  topics: ['metrics', 'alerts'],
  outboxCapacity: 100,
  maxRenewals: 3,
  fallbackAfterFailures: 3,
  connectTimeoutMs: 10_000,
  probeIntervalMs: 60_000,
  longPollMs: 25_000,
  requestTimeoutMs: 10_000,
  minPollIntervalMs: 1_000,
  lineCheckMs: 5_000,
  resyncBufferLimit: DEFAULT_HELD_MESSAGES,
  resyncBufferBytes: DEFAULT_HELD_BYTES,
} as const;

export type ResolvedOptions = {
  baseUrl: string;
  topics: readonly string[];
  outboxCapacity: number;
  longPollMs: number;
  requestTimeoutMs: number;
  minPollIntervalMs: number;
  resyncBufferLimit: number;
  resyncBufferBytes: number;
  machine: MachineConfig;
};

export function resolveOptions(options: RealtimeOptions): ResolvedOptions {
  const pick = <K extends keyof typeof DEFAULT_OPTIONS>(key: K) =>
    (options[key] as (typeof DEFAULT_OPTIONS)[K] | undefined) ?? DEFAULT_OPTIONS[key];
  return {
    baseUrl: options.baseUrl,
    topics: pick('topics'),
    outboxCapacity: pick('outboxCapacity'),
    longPollMs: pick('longPollMs'),
    requestTimeoutMs: pick('requestTimeoutMs'),
    minPollIntervalMs: pick('minPollIntervalMs'),
    resyncBufferLimit: pick('resyncBufferLimit'),
    resyncBufferBytes: pick('resyncBufferBytes'),
    machine: {
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      maxRenewals: pick('maxRenewals'),
      fallbackAfterFailures: pick('fallbackAfterFailures'),
      connectTimeoutMs: pick('connectTimeoutMs'),
      probeIntervalMs: pick('probeIntervalMs'),
      lineCheckMs: pick('lineCheckMs'),
      heartbeatMs: DEFAULT_HEARTBEAT_MS,
    },
  };
}
