/// <reference lib="webworker" />
// The SharedWorker entry: one realtime engine for every tab of this browser that names this
// worker (one name per backend), each tab on its own port.
import { createRealtimeClient } from './client';
import { SharedEngineHub } from './shared-hub';
import type { HubPort } from './shared-protocol';

const hub = new SharedEngineHub({ createClient: createRealtimeClient });

(self as unknown as { onconnect: ((event: MessageEvent) => void) | null }).onconnect = (event) => {
  for (const port of event.ports) hub.connect(port as unknown as HubPort);
};
