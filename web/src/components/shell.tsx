// The signed-in frame: environment and cluster pickers, navigation, sign-out, and the page.
// What the key may do decides what is offered (issue 15): a key that cannot read the cluster's
// plugins (Operator: status only) sees no configs and no create button.
import { useEffect } from 'preact/hooks';
import type { CirrusApi } from '../api/client.ts';
import { useLoad } from '../hooks.ts';
import { navigate, onLinkClick, pathOf, useRoute, type Route } from '../router.ts';
import { ConnectorList } from '../pages/connector-list.tsx';
import { ConnectorPage } from '../pages/connector-page.tsx';
import { CreateConnector } from '../pages/create-connector.tsx';
import { PluginsPage } from '../pages/plugins-page.tsx';
import { AdminPage } from '../pages/admin-page.tsx';

export interface Scope {
  api: CirrusApi;
  env: string;
  lkc: string;
  /**
   * May read configs and plugins, and so operate and create: in the role table (core/rbac.ts)
   * every role that reads also operates; only Operator sees statuses alone.
   */
  canRead: boolean;
  /** An OrganizationAdmin: may list service accounts (iam/v2 is the organization's). */
  isAdmin: boolean;
}

export function Shell({ api, keyId, onSignOut }: { api: CirrusApi; keyId: string; onSignOut: () => void }) {
  const route = useRoute();
  const envs = useLoad(() => api.environments(), []);
  const env = route.env ?? envs.data?.data[0]?.id;
  const clusters = useLoad(() => (env ? api.clusters(env) : Promise.resolve({ data: [] })), [env]);
  const lkc = route.page === 'home' ? clusters.data?.data.find((c) => !c.spec.environment || c.spec.environment.id === env)?.id : route.lkc;
  useEffect(() => {
    if (route.page === 'home' && env && lkc) navigate({ page: 'connectors', env, lkc }, true);
  }, [route.page, env, lkc]);
  // A new page takes the focus to its heading, so keyboard and screen-reader users start there.
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [pathOf(route)]);
  // 403 on the plugin list: this key may see statuses only.
  const access = useLoad(() => (env && lkc ? api.plugins(env, lkc).then(() => true) : Promise.resolve(undefined)), [env, lkc]);
  const canRead = access.data === true;
  const admin = useLoad(() => api.serviceAccounts().then(() => true, () => false), []);
  const scope: Scope | undefined = env && lkc && (access.data !== undefined || access.error) ? { api, env, lkc, canRead, isAdmin: admin.data === true } : undefined;
  return (
    <div class="shell">
      <header>
        <a class="brand" href="/console/" onClick={onLinkClick({ page: 'home' })}>Cirrus</a>
        <label for="env-picker">Environment</label>
        <select id="env-picker" value={env ?? ''} onChange={(e) => navigate({ page: 'home', env: e.currentTarget.value })}>
          {envs.data?.data.map((e) => <option key={e.id} value={e.id}>{e.display_name} ({e.id})</option>)}
        </select>
        <label for="cluster-picker">Cluster</label>
        <select id="cluster-picker" value={lkc ?? ''} onChange={(e) => env && navigate({ page: 'connectors', env, lkc: e.currentTarget.value })}>
          {clusters.data?.data.map((c) => <option key={c.id} value={c.id}>{c.spec.display_name} ({c.id})</option>)}
        </select>
        <span class="who">Key {keyId}</span>
        <button type="button" onClick={onSignOut}>Sign out</button>
      </header>
      {scope && <Nav scope={scope} />}
      <main id="main">
        {envs.error && <p class="error" role="alert">{envs.error}</p>}
        {scope ? <Page route={route} scope={scope} /> : <p aria-live="polite">Loading…</p>}
      </main>
    </div>
  );
}

function Nav({ scope }: { scope: Scope }) {
  const { env, lkc } = scope;
  return (
    <nav aria-label="Sections">
      <a href={pathOf({ page: 'connectors', env, lkc })} onClick={onLinkClick({ page: 'connectors', env, lkc })}>Connectors</a>
      {scope.canRead && <a href={pathOf({ page: 'new', env, lkc })} onClick={onLinkClick({ page: 'new', env, lkc })}>New connector</a>}
      {scope.canRead && <a href={pathOf({ page: 'plugins', env, lkc })} onClick={onLinkClick({ page: 'plugins', env, lkc })}>Custom plugins</a>}
      {scope.isAdmin && <a href={pathOf({ page: 'admin', env, lkc })} onClick={onLinkClick({ page: 'admin', env, lkc })}>Administration</a>}
    </nav>
  );
}

function Page({ route, scope }: { route: Route; scope: Scope }) {
  switch (route.page) {
    case 'connector': return <ConnectorPage scope={scope} name={route.name} />;
    case 'new': return scope.canRead ? <CreateConnector scope={scope} plugin={route.plugin} /> : <p>This key may not create connectors.</p>;
    case 'plugins': return <PluginsPage scope={scope} />;
    case 'admin': return scope.isAdmin ? <AdminPage scope={scope} /> : <p>Only OrganizationAdmins administer the organization.</p>;
    default: return <ConnectorList scope={scope} />;
  }
}
