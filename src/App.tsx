import { useEffect, useState, type ReactNode } from 'react';
import type { ClientFactory } from './app/client-factories';
import { backendHost } from './app/config';
import { syncOperatorAcrossTabs } from './app/sharing/operator-sync';
import {
  browserStorage,
  createOperatorStore,
  type DashboardStore,
  type OperatorStore,
} from './store';
import { LEGACY_OPERATOR_KEY, operatorKey, prefsKey } from './store/operator-persistence';
import { createLayoutStore, layoutKey, type LayoutStore } from './store/layout-store';
import { BackendProvider, type BackendView } from './ui/shared/backend-context';
import { Dashboard } from './ui/shell/Dashboard';
import { DashboardProviders } from './ui/shell/DashboardProviders';
import { defaultEnvironment, type UiEnvironment } from './ui/shared/environment';
import { useRealtimeConnection } from './ui/shell/use-realtime-connection';
import {
  createTopicChoiceStore,
  topicChoiceKey,
  type TopicChoiceStore,
} from './store/topic-choice';

export type AppProps = {
  store: DashboardStore;
  baseUrl: string;
  /** The backend as the operator is told (main.tsx passes the resolved config); by default, `baseUrl` as a backend of the page's own. */
  backend?: BackendView;
  notice?: string | undefined;
  createClient: ClientFactory;
  /** Tools shown beside the dashboard (the QA panel in mock mode). */
  tools?: ReactNode;
  /** What this operator did and chose; by default kept in localStorage across reloads, marks per backend origin. */
  operatorStore?: OperatorStore;
  /** Clock, frames, observers and UI configuration; the browser's by default. */
  environment?: UiEnvironment;
  /** The panel layout; by default kept in localStorage across reloads, per backend origin. */
  layoutStore?: LayoutStore;
  /** The topics this operator turned on or off; by default kept in localStorage, per backend origin. */
  topicChoice?: TopicChoiceStore;
};

export function App({
  store,
  baseUrl,
  backend,
  notice,
  createClient,
  tools,
  operatorStore,
  layoutStore,
  topicChoice,
  environment,
}: AppProps) {
  // Read before the connection starts: the first `hello` carries the remembered topics.
  const [topics] = useState(
    () =>
      topicChoice ??
      createTopicChoiceStore({ storage: browserStorage(), key: topicChoiceKey(originOf(baseUrl)) }),
  );
  useRealtimeConnection(store, baseUrl, createClient, undefined, topics);
  const [view] = useState<BackendView>(
    () =>
      backend ?? { mode: 'remote', host: backendHost(baseUrl), deployment: false, foreign: false },
  );
  const [operator] = useState(
    () =>
      operatorStore ??
      createOperatorStore({
        storage: browserStorage(),
        // Acks and dismissals belong to the backend they were made against.
        key: operatorKey(originOf(baseUrl)),
        // So are the operator's choices: what deserves a toast depends on the backend.
        prefsKey: prefsKey(originOf(baseUrl)),
        // Marks from before they were kept per backend most likely belong to the deployment's
        // own: a backend reached by a link does not inherit them.
        ...(view.foreign ? {} : { legacyKey: LEGACY_OPERATOR_KEY }),
      }),
  );
  // Marks made in another tab of this browser show here too; a store handed in is the caller's.
  useEffect(
    () =>
      operatorStore ? undefined : syncOperatorAcrossTabs(operator, operatorKey(originOf(baseUrl))),
    [operator, operatorStore, baseUrl],
  );
  const [env] = useState(() => environment ?? defaultEnvironment());
  const [layout] = useState(
    () =>
      layoutStore ??
      createLayoutStore({ storage: browserStorage(), key: layoutKey(originOf(baseUrl)) }),
  );
  return (
    <BackendProvider backend={view}>
      <DashboardProviders store={store} operator={operator} environment={env} topics={topics}>
        <Dashboard notice={notice} layout={layout} />
        {tools}
      </DashboardProviders>
    </BackendProvider>
  );
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
