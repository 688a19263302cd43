import type { RealtimeClient } from '../../realtime';

/**
 * A closing tab runs no React cleanup: tell the shared engine now, so its topics go and its
 * count drops at once instead of after missed pings. A page kept in the back-forward cache may
 * come back; it is left to the pings, and rejoins when the hub says it was dropped.
 */
export function leaveOnPagehide(client: RealtimeClient, win: Window = window): RealtimeClient {
  const leave = (event: PageTransitionEvent) => {
    if (!event.persisted) client.dispose();
  };
  win.addEventListener('pagehide', leave);
  const dispose = client.dispose.bind(client);
  client.dispose = () => {
    win.removeEventListener('pagehide', leave);
    dispose();
  };
  return client;
}
