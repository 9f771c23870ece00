// Create a connector: pick a plugin (managed, or a custom one uploaded to the organization),
// fill the form built from its validate definitions, then watch it come up on its own page.
import type { Scope } from '../components/shell.tsx';
import { ConfigForm } from '../components/config-form.tsx';
import { CustomConnectorForm } from '../components/custom-connector-form.tsx';
import { useLoad } from '../hooks.ts';
import { onLinkClick, pathOf } from '../router.ts';

export const CUSTOM_PREFIX = 'custom:';

export function CreateConnector({ scope, plugin }: { scope: Scope; plugin?: string }) {
  if (plugin?.startsWith(CUSTOM_PREFIX)) return <CustomConnectorForm scope={scope} pluginId={plugin.slice(CUSTOM_PREFIX.length)} />;
  if (plugin) return <ConfigForm scope={scope} plugin={plugin} />;
  return <PluginPicker scope={scope} />;
}

function PluginPicker({ scope }: { scope: Scope }) {
  const { api, env, lkc } = scope;
  const managed = useLoad(() => api.plugins(env, lkc), [env, lkc]);
  const custom = useLoad(() => api.customPlugins(), []);
  const link = (plugin: string, label: string, detail: string) => (
    <li key={plugin}>
      <a href={pathOf({ page: 'new', env, lkc, plugin })} onClick={onLinkClick({ page: 'new', env, lkc, plugin })}>{label}</a>
      <span class="muted"> {detail}</span>
    </li>
  );
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">Create a connector</h1>
      <h2>Managed plugins</h2>
      {managed.error && <p class="error" role="alert">{managed.error}</p>}
      <ul class="plugins">{managed.data?.map((p) => link(p.class, p.class, `${p.type}${p.version ? ` ${p.version}` : ''}`))}</ul>
      <h2>Custom plugins</h2>
      {custom.error && <p class="error" role="alert">{custom.error}</p>}
      {custom.data?.length === 0 && <p class="muted">None uploaded yet.</p>}
      <ul class="plugins">{custom.data?.map((p) => link(`${CUSTOM_PREFIX}${p.id}`, p.display_name, `${p.connector_type.toLowerCase()} ${p.connector_class} (${p.id})`))}</ul>
    </section>
  );
}
