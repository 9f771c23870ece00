// The organization's administration (OrganizationAdmin keys only; the shell offers it to keys
// that may list service accounts): identities and access, environments and clusters.
import { useState } from 'preact/hooks';
import { ApiKeys, RoleBindings, ServiceAccounts } from '../components/admin-identity.tsx';
import type { Scope } from '../components/shell.tsx';
import { useLoad, useMutation } from '../hooks.ts';
import { navigate } from '../router.ts';

export function AdminPage({ scope }: { scope: Scope }) {
  const org = useLoad(() => scope.api.organization(), []);
  const accounts = useLoad(() => scope.api.serviceAccounts(), []);
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      {org.data && <p class="muted">Organization {org.data.display_name} ({org.data.id})</p>}
      <ServiceAccounts scope={scope} accounts={accounts} />
      <ApiKeys scope={scope} accounts={accounts} />
      {org.data && <RoleBindings scope={scope} organizationId={org.data.id} accounts={accounts} />}
      <EnvironmentsAndClusters scope={scope} />
    </section>
  );
}

function EnvironmentsAndClusters({ scope }: { scope: Scope }) {
  const envs = useLoad(() => scope.api.environments(), []);
  const clusters = useLoad(() => scope.api.clusters(scope.env), [scope.env]);
  const [envName, setEnvName] = useState('');
  const [clusterName, setClusterName] = useState('');
  const envMutation = useMutation(envs.reload);
  const clusterMutation = useMutation(clusters.reload);
  return (
    <section aria-labelledby="envs-title">
      <h2 id="envs-title">Environments and clusters</h2>
      <ul class="admin-list">
        {envs.data?.data.map((e) => <li key={e.id}>{e.display_name} <span class="muted">{e.id}</span> <button type="button" onClick={() => navigate({ page: 'home', env: e.id })}>Open {e.display_name}</button></li>)}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); void envMutation.run(() => scope.api.createEnvironment(envName)); }}>
        <label for="env-name">New environment name</label>
        <input id="env-name" value={envName} onInput={(e) => setEnvName(e.currentTarget.value)} />
        <button type="submit">Create environment</button>
      </form>
      <h3>Clusters of {scope.env}</h3>
      <ul class="admin-list">
        {clusters.data?.data.map((c) => <li key={c.id}>{c.spec.display_name} <span class="muted">{c.id}</span></li>)}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); void clusterMutation.run(() => scope.api.createCluster(scope.env, clusterName)); }}>
        <label for="cluster-name">New cluster name</label>
        <input id="cluster-name" value={clusterName} onInput={(e) => setClusterName(e.currentTarget.value)} />
        <button type="submit">Create cluster</button>
      </form>
      {(envMutation.error || clusterMutation.error) && <p class="error" role="alert">{envMutation.error || clusterMutation.error}</p>}
    </section>
  );
}
