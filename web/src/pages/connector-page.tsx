// One connector: status with trace and tasks (refreshed on its own), actions, config, charts.
// A key that may only read statuses (Operator) gets the status and nothing else.
import type { Scope } from '../components/shell.tsx';
import { StateBadge } from '../components/state-badge.tsx';
import { ConnectorActions } from '../components/connector-actions.tsx';
import { ConfigEditor } from '../components/config-editor.tsx';
import { MetricsCharts } from '../components/metrics-charts.tsx';
import { ConnectorOffsets } from '../components/connector-offsets.tsx';
import { ConnectorHistory, ConnectorLogs } from '../components/connector-activity.tsx';
import { useLoad } from '../hooks.ts';
import { REFRESH_MS } from './connector-list.tsx';

const STATUS_REFRESH_MS = 2000;

export function ConnectorPage({ scope, name }: { scope: Scope; name: string }) {
  const { api, env, lkc, canRead } = scope;
  const status = useLoad(() => api.status(env, lkc, name), [env, lkc, name], STATUS_REFRESH_MS);
  // The connector's id (lcc-…) names its metrics; the list's `id` expansion is status-level.
  const ids = useLoad(() => api.connectors(env, lkc, ['id']), [env, lkc, name], REFRESH_MS * 6);
  const id = ids.data?.[name]?.id?.id;
  const s = status.data;
  return (
    <section aria-labelledby="connector-title">
      <h1 id="connector-title">{name}</h1>
      {status.error && <p class="error" role="alert">{status.error}</p>}
      {s && (
        <div class="status" aria-live="polite">
          <p>State: <StateBadge state={s.connector.state} /> <span class="muted">({s.type}{id ? `, ${id}` : ''})</span></p>
          {s.connector.trace && (
            <details>
              <summary>Error: {s.connector.trace.split('\n')[0]}</summary>
              <pre class="trace">{s.connector.trace}</pre>
            </details>
          )}
          <h2>Tasks</h2>
          {s.tasks?.length ? (
            <ul class="tasks">
              {s.tasks.map((t) => (
                <li key={t.id}>Task {t.id}: <StateBadge state={t.state} />{t.msg && <details><summary>Trace</summary><pre class="trace">{t.msg}</pre></details>}</li>
              ))}
            </ul>
          ) : <p class="muted">No tasks yet.</p>}
        </div>
      )}
      {s && canRead && <ConnectorActions scope={scope} name={name} state={s.connector.state} onChanged={status.reload} />}
      {canRead && <ConfigEditor scope={scope} name={name} />}
      {id && <MetricsCharts scope={scope} connectorId={id} type={s?.type ?? 'source'} />}
      {canRead && <ConnectorOffsets scope={scope} name={name} />}
      {canRead && <ConnectorHistory scope={scope} name={name} />}
      {canRead && <ConnectorLogs scope={scope} name={name} />}
    </section>
  );
}
