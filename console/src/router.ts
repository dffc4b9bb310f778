import { useEffect, useState } from 'preact/hooks';

export type Route = { page: 'queue' } | { page: 'ticket'; id: string } | { page: 'stats' } | { page: 'missing'; path: string };

/** Hash routes: #/queue, #/tickets/<id>, #/stats (the server serves one index.html). */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/queue';
  if (path === '/' || path === '/queue') return { page: 'queue' };
  if (path === '/stats') return { page: 'stats' };
  const m = /^\/tickets\/([^/]+)$/.exec(path);
  if (m) return { page: 'ticket', id: decodeURIComponent(m[1]!) };
  return { page: 'missing', path };
}

export const ticketHref = (id: string) => `#/tickets/${encodeURIComponent(id)}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
