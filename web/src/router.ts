// Paths of the console (history API; the server answers the app for every /console/* path).
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

export type Route =
  | { page: 'home'; env?: string }
  | { page: 'connectors'; env: string; lkc: string }
  | { page: 'connector'; env: string; lkc: string; name: string }
  | { page: 'new'; env: string; lkc: string; plugin?: string }
  | { page: 'plugins'; env: string; lkc: string }
  | { page: 'admin'; env: string; lkc: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.slice(BASE.length).split('/').filter(Boolean).map(decodeURIComponent);
  const [env, lkc, section, rest] = parts;
  if (!env || !lkc) return { page: 'home', ...(env ? { env } : {}) };
  if (section === 'connectors' && rest) return { page: 'connector', env, lkc, name: rest };
  if (section === 'new') return { page: 'new', env, lkc, ...(rest ? { plugin: rest } : {}) };
  if (section === 'plugins') return { page: 'plugins', env, lkc };
  if (section === 'admin') return { page: 'admin', env, lkc };
  return { page: 'connectors', env, lkc };
}

export function pathOf(route: Route): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case 'home': return `${BASE}/${route.env ? `${e(route.env)}/` : ''}`;
    case 'connectors': return `${BASE}/${e(route.env)}/${e(route.lkc)}`;
    case 'connector': return `${BASE}/${e(route.env)}/${e(route.lkc)}/connectors/${e(route.name)}`;
    case 'new': return `${BASE}/${e(route.env)}/${e(route.lkc)}/new${route.plugin ? `/${e(route.plugin)}` : ''}`;
    case 'plugins': return `${BASE}/${e(route.env)}/${e(route.lkc)}/plugins`;
    case 'admin': return `${BASE}/${e(route.env)}/${e(route.lkc)}/admin`;
  }
}

export function navigate(route: Route, replace = false): void {
  if (replace) history.replaceState(null, '', pathOf(route));
  else history.pushState(null, '', pathOf(route));
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}

/** A link that navigates inside the app (keyboard and middle-click still work: it is an <a>). */
export function onLinkClick(route: Route) {
  return (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(route);
  };
}
