import type { ReactNode } from 'react';
import type { DashboardStore, OperatorStore } from '../../store';
import { EnvironmentProvider, type UiEnvironment } from '../shared/environment';
import { OperatorProvider } from '../shared/operator-context';
import { RedrawProvider } from '../shared/redraw-context';
import { StoreProvider } from '../shared/store-context';
import type { TopicChoiceStore } from '../../store/topic-choice';
import { TopicChoiceProvider } from '../topics/topic-choice-context';

/** Everything the dashboard's components read: the server-fed store, the operator's store, the environment, the redraw pacing. */
export function DashboardProviders({
  store,
  operator,
  environment,
  topics,
  children,
}: {
  store: DashboardStore;
  operator: OperatorStore;
  environment: UiEnvironment;
  /** The operator's topics (App keeps them per backend); in memory when absent. */
  topics?: TopicChoiceStore | undefined;
  children: ReactNode;
}) {
  return (
    <EnvironmentProvider environment={environment}>
      <StoreProvider store={store}>
        <OperatorProvider store={operator}>
          <RedrawProvider>
            <TopicChoiceProvider store={topics}>{children}</TopicChoiceProvider>
          </RedrawProvider>
        </OperatorProvider>
      </StoreProvider>
    </EnvironmentProvider>
  );
}
