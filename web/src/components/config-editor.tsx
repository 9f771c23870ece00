// A connector's config: secrets arrive masked and stay masked; saving sends the whole config
// back with the mask where the user left a secret alone, which the API reads as "keep the stored
// secret" (CONTRACT §6.2), so the console never needs, sees or resends a secret it did not type.
// Which keys the server computes or refuses is the server's business: it answers with its error.
import { useEffect, useState } from 'preact/hooks';
import type { Scope } from './shell.tsx';

export const MASK = '****************';

export function ConfigEditor({ scope, name }: { scope: Scope; name: string }) {
  const { api, env, lkc } = scope;
  const [stored, setStored] = useState<Record<string, string> | undefined>();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const load = () => api.connector(env, lkc, name).then((c) => { setStored(c.config); setDraft(c.config); }, (err: Error) => setError(err.message));
  useEffect(() => { void load(); }, [env, lkc, name]);
  if (!stored) return error ? <p class="error" role="alert">{error}</p> : null;
  const changed = Object.keys(draft).filter((k) => draft[k] !== stored[k]);
  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    setMessage('Saving…');
    try {
      const saved = await api.putConfig(env, lkc, name, draft);
      setStored(saved.config);
      setDraft(saved.config);
      setMessage('Saved.');
    } catch (err) {
      setMessage('');
      setError((err as Error).message);
    }
  };
  const props = (key: string) => ({
    id: `config-${key}`, autocomplete: 'off', value: draft[key],
    onInput: (e: { currentTarget: HTMLInputElement }) => setDraft({ ...draft, [key]: e.currentTarget.value }),
  });
  return (
    <form class="config" onSubmit={save} aria-labelledby="config-title">
      <h2 id="config-title">Configuration</h2>
      <p class="muted">Secrets show as {MASK}; leave them as they are to keep them.</p>
      <div class="fields">
        {Object.keys(draft).sort().map((key) => {
          const secret = stored[key] === MASK;
          return (
            <div class="field" key={key}>
              <label for={`config-${key}`}>{key}</label>
              {secret
                ? <input {...props(key)} type="password" />
                : <input {...props(key)} type="text" />}
            </div>
          );
        })}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={changed.length === 0}>Save changes{changed.length ? ` (${changed.length})` : ''}</button>
      <span class="muted" aria-live="polite"> {message}</span>
    </form>
  );
}
