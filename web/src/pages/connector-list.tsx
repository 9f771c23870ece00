// The cluster's connectors with state (refreshed on its own), type, plugin, tasks and the first
// line of any error; filtered by text and state, in the browser (the list API has no filter).
import { useMemo, useState } from 'preact/hooks';
import type { ConnectorExpansion } from '../api/types.ts';
import type { Scope } from '../components/shell.tsx';
import { StateBadge } from '../components/state-badge.tsx';
import { useLoad } from '../hooks.ts';
import { onLinkClick, pathOf } from '../router.ts';

export const REFRESH_MS = 5000;

interface Row {
  name: string;
  state: string;
  type: string;
  plugin: string;
  tasks: number;
  error: string;
}

export function pluginOf(config: Record<string, string> | undefined): string {
  if (!config) return '';
  return config['connector.class'] ?? config['confluent.custom.plugin.id'] ?? '';
}

function rowsOf(list: Record<string, ConnectorExpansion>): Row[] {
  return Object.entries(list).map(([name, c]) => ({
    name,
    state: c.status?.connector.state ?? '',
    type: c.status?.type ?? c.info?.type ?? '',
    plugin: pluginOf(c.info?.config),
    tasks: c.status?.tasks?.length ?? c.info?.tasks?.length ?? 0,
    error: (c.status?.connector.trace || c.status?.tasks?.find((t) => t.msg)?.msg || '').split('\n')[0] ?? '',
  })).sort((a, b) => a.name.localeCompare(b.name));
}

export function ConnectorList({ scope }: { scope: Scope }) {
  const { api, env, lkc, canRead } = scope;
  const expand = canRead ? ['id', 'info', 'status'] : ['id', 'status'];
  const list = useLoad(() => api.connectors(env, lkc, expand), [env, lkc, canRead], REFRESH_MS);
  const [text, setText] = useState('');
  const [state, setState] = useState('');
  const rows = useMemo(() => (list.data ? rowsOf(list.data) : []), [list.data]);
  const needle = text.trim().toLowerCase();
  const shown = rows.filter((r) => (!state || r.state === state) && (!needle || `${r.name} ${r.plugin} ${r.type}`.toLowerCase().includes(needle)));
  return (
    <section aria-labelledby="connectors-title">
      <div class="title-row">
        <h1 id="connectors-title">Connectors</h1>
        {canRead && <a class="button" href={pathOf({ page: 'new', env, lkc })} onClick={onLinkClick({ page: 'new', env, lkc })}>Create connector</a>}
      </div>
      <div class="filters" role="search">
        <label for="connector-search">Search</label>
        <input id="connector-search" type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="name, plugin or type" />
        <label for="state-filter">State</label>
        <select id="state-filter" value={state} onChange={(e) => setState(e.currentTarget.value)}>
          <option value="">Any</option>
          {['PROVISIONING', 'RUNNING', 'DEGRADED', 'PAUSED', 'FAILED'].map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </div>
      {list.error && <p class="error" role="alert">{list.error}</p>}
      {!list.data && !list.error && <p aria-live="polite">Loading connectors…</p>}
      {list.data && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Connectors table">
          <table class="connectors" aria-describedby="connector-count">
            <caption id="connector-count">{shown.length} of {rows.length} connectors, refreshed every {REFRESH_MS / 1000} s</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">State</th><th scope="col">Type</th><th scope="col">Plugin</th><th scope="col">Tasks</th><th scope="col">Error</th></tr></thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.name} data-connector={r.name}>
                  <th scope="row"><a href={pathOf({ page: 'connector', env, lkc, name: r.name })} onClick={onLinkClick({ page: 'connector', env, lkc, name: r.name })}>{r.name}</a></th>
                  <td><StateBadge state={r.state} /></td>
                  <td>{r.type}</td>
                  <td>{r.plugin}</td>
                  <td>{r.tasks}</td>
                  <td class="error-line">{r.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
