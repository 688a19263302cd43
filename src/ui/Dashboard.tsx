import { Toaster } from 'react-hot-toast';
import { AlertList } from './AlertList';
import { AlertToasts } from './AlertToasts';
import { ConnectionBadge } from './ConnectionBadge';
import { MetricPanel } from './MetricPanel';
import { useDashboard } from './store-context';

/** The operator's screen. Reads the store only; the connection is owned by `useRealtimeConnection`. */
export function Dashboard({ notice }: { notice?: string | undefined }) {
  const names = useDashboard((s) => s.seriesNames);
  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__title">Pulseboard</h1>
        <ConnectionBadge />
      </header>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      <main className="app__main">
        <div className="metrics">
          {names.map((name) => (
            <MetricPanel key={name} name={name} />
          ))}
        </div>
        <AlertList />
      </main>
      <AlertToasts />
      <Toaster position="bottom-right" />
    </div>
  );
}
