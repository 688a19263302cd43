/// <reference lib="webworker" />
// The Web Worker entry: the realtime engine, off the page's main thread.
import { hostRealtimeEngine } from './worker-host';

hostRealtimeEngine(self as unknown as Parameters<typeof hostRealtimeEngine>[0]);
