// OrganizationAdmin pages (issue 15): service accounts, API keys (a new key's secret is shown
// once, with a copy button, and kept nowhere) and role bindings.
import { useState } from 'preact/hooks';
import type { ApiKey, ServiceAccount } from '../api/types.ts';
import { useLoad, useMutation, type Loaded } from '../hooks.ts';
import type { Scope } from './shell.tsx';

const ROLES = ['OrganizationAdmin', 'EnvironmentAdmin', 'CloudClusterAdmin', 'ConnectManager', 'Operator'];

/** The organization's service accounts, loaded once by the page: every section picks from them. */
type Accounts = Loaded<ServiceAccount[]>;

export function ServiceAccounts({ scope, accounts: list }: { scope: Scope; accounts: Accounts }) {
  const { error, run } = useMutation(list.reload);
  const [name, setName] = useState('');
  return (
    <section aria-labelledby="sa-title">
      <h2 id="sa-title">Service accounts</h2>
      <ul class="admin-list">
        {list.data?.map((sa) => (
          <li key={sa.id}>{sa.display_name} <span class="muted">{sa.id}</span>{' '}
            <button type="button" class="danger" aria-label={`Delete service account ${sa.display_name}`} onClick={() => run(() => scope.api.deleteServiceAccount(sa.id))}>Delete</button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); void run(() => scope.api.createServiceAccount(name, '')); setName(''); }}>
        <label for="sa-name">New service account name</label>
        <input id="sa-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit">Create service account</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

export function ApiKeys({ scope, accounts }: { scope: Scope; accounts: Accounts }) {
  const keys = useLoad(() => scope.api.apiKeys(), []);
  const { error, run } = useMutation(keys.reload);
  const [owner, setOwner] = useState('');
  const [resource, setResource] = useState('cloud');
  const [created, setCreated] = useState<ApiKey | undefined>();
  const [copied, setCopied] = useState('');
  const create = (e: Event) => {
    e.preventDefault();
    void run(async () => setCreated(await scope.api.createApiKey(owner || accounts.data?.[0]?.id || '', resource, 'console')));
  };
  const copy = async () => {
    await navigator.clipboard.writeText(created?.spec.secret ?? '');
    setCopied('Secret copied to the clipboard.');
  };
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <ul class="admin-list">
        {keys.data?.map((k) => (
          <li key={k.id}>{k.id} <span class="muted">owner {k.spec.owner.id}, {k.spec.resource?.id ?? 'cloud'}</span>{' '}
            <button type="button" class="danger" aria-label={`Delete API key ${k.id}`} onClick={() => run(() => scope.api.deleteApiKey(k.id))}>Delete</button>
          </li>
        ))}
      </ul>
      <form onSubmit={create}>
        <label for="key-owner">Owner</label>
        <select id="key-owner" value={owner || accounts.data?.[0]?.id || ''} onChange={(e) => setOwner(e.currentTarget.value)}>
          {accounts.data?.map((sa) => <option key={sa.id} value={sa.id}>{sa.display_name} ({sa.id})</option>)}
        </select>
        <label for="key-resource">Resource</label>
        <select id="key-resource" value={resource} onChange={(e) => setResource(e.currentTarget.value)}>
          <option value="cloud">Cloud (the APIs)</option>
          <option value={scope.lkc}>Kafka cluster {scope.lkc}</option>
        </select>
        <button type="submit">Create API key</button>
      </form>
      {created && (
        <div class="new-secret" role="region" aria-labelledby="new-key-title">
          <h3 id="new-key-title">New key {created.id}</h3>
          <p>Copy the secret now: it is shown only this once.</p>
          <label for="new-key-secret">Secret</label>
          <input id="new-key-secret" readOnly value={created.spec.secret ?? ''} />
          <button type="button" onClick={copy}>Copy secret</button>
          <button type="button" onClick={() => { setCreated(undefined); setCopied(''); }}>Done</button>
          <p role="status">{copied}</p>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

export function RoleBindings({ scope, organizationId, accounts }: { scope: Scope; organizationId: string; accounts: Accounts }) {
  const orgCrn = `crn://confluent.cloud/organization=${organizationId}`;
  const bindings = useLoad(() => scope.api.roleBindings(orgCrn), [orgCrn]);
  const { error, run } = useMutation(bindings.reload);
  const [principal, setPrincipal] = useState('');
  const [role, setRole] = useState('Operator');
  const [crn, setCrn] = useState(`${orgCrn}/environment=${scope.env}/cloud-cluster=${scope.lkc}`);
  const create = (e: Event) => {
    e.preventDefault();
    void run(() => scope.api.createRoleBinding(`User:${principal || accounts.data?.[0]?.id || ''}`, role, crn));
  };
  return (
    <section aria-labelledby="rb-title">
      <h2 id="rb-title">Role bindings</h2>
      <ul class="admin-list">
        {bindings.data?.map((b) => (
          <li key={b.id}>{b.principal} <strong>{b.role_name}</strong> <span class="muted">{b.crn_pattern}</span>{' '}
            <button type="button" class="danger" aria-label={`Delete role binding ${b.id}`} onClick={() => run(() => scope.api.deleteRoleBinding(b.id))}>Delete</button>
          </li>
        ))}
      </ul>
      <form onSubmit={create}>
        <label for="rb-principal">Service account</label>
        <select id="rb-principal" value={principal || accounts.data?.[0]?.id || ''} onChange={(e) => setPrincipal(e.currentTarget.value)}>
          {accounts.data?.map((sa) => <option key={sa.id} value={sa.id}>{sa.display_name} ({sa.id})</option>)}
        </select>
        <label for="rb-role">Role</label>
        <select id="rb-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <label for="rb-crn">On (CRN pattern)</label>
        <input id="rb-crn" value={crn} onInput={(e) => setCrn(e.currentTarget.value)} />
        <button type="submit">Create role binding</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
