// A connector of a custom plugin: its keys are the plugin's own (no definitions to build a form
// from), so the config is edited as JSON, starting from the keys every custom connector needs.
import { useState } from 'preact/hooks';
import { navigate } from '../router.ts';
import type { Scope } from './shell.tsx';

export function CustomConnectorForm({ scope, pluginId }: { scope: Scope; pluginId: string }) {
  const { api, env, lkc } = scope;
  const start = { name: '', 'confluent.connector.type': 'CUSTOM', 'confluent.custom.plugin.id': pluginId, 'kafka.api.key': '', 'kafka.api.secret': '', 'tasks.max': '1' };
  const [text, setText] = useState(JSON.stringify(start, null, 2));
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const config = JSON.parse(text) as Record<string, string>;
      await api.create(env, lkc, config.name ?? '', config);
      navigate({ page: 'connector', env, lkc, name: config.name ?? '' });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="custom-title">
      <h1 id="custom-title">New connector of custom plugin {pluginId}</h1>
      <label for="custom-json">Config as JSON</label>
      <textarea id="custom-json" rows={14} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit">Create connector</button>
    </form>
  );
}
