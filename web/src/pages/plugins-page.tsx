// Custom plugins: the organization's list, and an upload through the presigned-URL flow (ask for
// a grant, POST the signed form with the file, with progress, then register the plugin).
import { useState } from 'preact/hooks';
import { uploadForm } from '../api/client.ts';
import type { CustomPlugin } from '../api/types.ts';
import type { Scope } from '../components/shell.tsx';
import { useLoad } from '../hooks.ts';

export function PluginsPage({ scope }: { scope: Scope }) {
  const { api } = scope;
  const list = useLoad(() => api.customPlugins(), []);
  return (
    <section aria-labelledby="plugins-title">
      <h1 id="plugins-title">Custom plugins</h1>
      {list.error && <p class="error" role="alert">{list.error}</p>}
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Custom plugins table">
        <table>
          <caption>{list.data?.length ?? 0} custom plugins</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Class</th><th scope="col">Type</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {list.data?.map((p) => (
              <tr key={p.id} data-plugin={p.id}>
                <th scope="row">{p.display_name}</th><td>{p.id}</td><td>{p.connector_class}</td><td>{p.connector_type}</td>
                <td><PluginActions scope={scope} plugin={p} onChanged={list.reload} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <UploadForm scope={scope} onUploaded={list.reload} />
    </section>
  );
}

function UploadForm({ scope, onUploaded }: { scope: Scope; onUploaded: () => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [displayName, setDisplayName] = useState('');
  const [connectorClass, setConnectorClass] = useState('');
  const [type, setType] = useState<'SOURCE' | 'SINK'>('SOURCE');
  const [progress, setProgress] = useState<number | undefined>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return setError('Choose a ZIP or JAR file.');
    setError('');
    try {
      const grant = await scope.api.presign(file.name.toLowerCase().endsWith('.jar') ? 'JAR' : 'ZIP');
      setProgress(0);
      await uploadForm(grant, file, setProgress);
      setMessage('Uploaded; registering the plugin…');
      const plugin = await scope.api.createCustomPlugin({
        display_name: displayName, connector_class: connectorClass, connector_type: type,
        upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: grant.upload_id },
      });
      setMessage(`Registered ${plugin.display_name} (${plugin.id}).`);
      onUploaded();
    } catch (err) {
      setMessage('');
      setError((err as Error).message);
    }
  };
  return (
    <form class="upload" onSubmit={submit} aria-labelledby="upload-title">
      <h2 id="upload-title">Upload a plugin</h2>
      <label for="plugin-file">Plugin archive (ZIP or JAR)</label>
      <input id="plugin-file" type="file" accept=".zip,.jar" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
      <label for="plugin-name">Display name</label>
      <input id="plugin-name" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      <label for="plugin-class">Connector class</label>
      <input id="plugin-class" value={connectorClass} onInput={(e) => setConnectorClass(e.currentTarget.value)} />
      <label for="plugin-type">Connector type</label>
      <select id="plugin-type" value={type} onChange={(e) => setType(e.currentTarget.value as 'SOURCE' | 'SINK')}>
        <option value="SOURCE">Source</option>
        <option value="SINK">Sink</option>
      </select>
      {progress !== undefined && <label>Upload progress <progress max={1} value={progress}>{Math.round(progress * 100)}%</progress></label>}
      {error && <p class="error" role="alert">{error}</p>}
      <p class="muted" role="status">{message}</p>
      <button type="submit">Upload and register</button>
    </form>
  );
}

/** Rename (PATCH display_name) or delete (refused with 409 while a connector uses it). */
function PluginActions({ scope, plugin, onChanged }: { scope: Scope; plugin: CustomPlugin; onChanged: () => void }) {
  const [name, setName] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const attempt = async (action: () => Promise<unknown>) => {
    setError('');
    try {
      await action();
      setName(undefined);
      setConfirming(false);
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div>
      {name === undefined
        ? <button type="button" onClick={() => setName(plugin.display_name)} aria-label={`Rename ${plugin.display_name}`}>Rename</button>
        : (
          <form onSubmit={(e) => { e.preventDefault(); void attempt(() => scope.api.updateCustomPlugin(plugin.id, { display_name: name })); }}>
            <label for={`rename-${plugin.id}`}>New name of {plugin.id}</label>
            <input id={`rename-${plugin.id}`} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            <button type="submit">Save name</button>
          </form>
        )}
      {confirming
        ? <button type="button" class="danger" onClick={() => attempt(() => scope.api.deleteCustomPlugin(plugin.id))}>Yes, delete {plugin.display_name}</button>
        : <button type="button" class="danger" onClick={() => setConfirming(true)} aria-label={`Delete ${plugin.display_name}`}>Delete</button>}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
