import { lazy, Suspense } from 'react';

// Toasts, announcements, notifications and SPC alerts, with react-hot-toast and its styling
// engine, are about 9 kB gzip that the first screen does not need: it is drawn before any alert
// could arrive. They are fetched right after it; an alert that arrived meanwhile is told then,
// as each part starts from what the stores hold.
const AlertNotices = lazy(() => import('./AlertNotices'));

export function LazyAlertNotices() {
  return (
    <Suspense fallback={null}>
      <AlertNotices />
    </Suspense>
  );
}
