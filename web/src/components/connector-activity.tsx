// A connector's operation history (who changed what, when, with secrets masked) and its log
// lines from the pool's log, newest first, filtered by level and text on the server.
import { useState } from 'preact/hooks';
import { useLoad } from '../hooks.ts';
import type { Scope } from './shell.tsx';

export function ConnectorHistory({ scope, name }: { scope: Scope; name: string }) {
  const { api, env, lkc } = scope;
  const history = useLoad(() => api.history(env, lkc, name), [env, lkc, name], 10_000);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Operation history</h2>
      {history.error && <p class="error" role="alert">{history.error}</p>}
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Operation history table">
        <table class="history">
          <caption>{history.data?.length ?? 0} operations, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Operation</th><th scope="col">Who</th><th scope="col">Outcome</th><th scope="col">Changes</th></tr></thead>
          <tbody>
            {history.data?.map((op) => (
              <tr key={op.id}>
                <td>{op.at}</td><td>{op.operation}</td><td>{op.actor}</td><td>{op.outcome}</td>
                <td>{op.changes.map((c) => `${c.key} ${c.change}${c.after !== undefined ? ` → ${c.after}` : ''}`).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ConnectorLogs({ scope, name }: { scope: Scope; name: string }) {
  const { api, env, lkc } = scope;
  const [level, setLevel] = useState('');
  const [search, setSearch] = useState('');
  const logs = useLoad(() => api.logs(env, lkc, name, { level, search }), [env, lkc, name, level, search], 10_000);
  return (
    <section aria-labelledby="logs-title">
      <h2 id="logs-title">Logs</h2>
      <div class="filters">
        <label for="log-level">Level at least</label>
        <select id="log-level" value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
          <option value="">Any</option>
          {['DEBUG', 'INFO', 'WARN', 'ERROR'].map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
        <label for="log-search">Containing</label>
        <input id="log-search" type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      </div>
      {logs.error && <p class="error" role="alert">{logs.error}</p>}
      <pre class="logs" tabIndex={0} aria-label="Log lines, newest first">
        {logs.data?.length ? logs.data.map((l) => `${l.timestamp} ${l.level} ${l.context ?? ''} ${l.message}`).join('\n') : 'No lines.'}
      </pre>
    </section>
  );
}
