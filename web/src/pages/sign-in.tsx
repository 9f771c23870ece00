// Sign-in with a cloud API key: checked with one real call before it is kept (in sessionStorage).
import { useState } from 'preact/hooks';
import { ApiError, CirrusApi, type Credentials } from '../api/client.ts';

export function SignIn({ onSignedIn }: { onSignedIn: (c: Credentials) => void }) {
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await new CirrusApi({ key, secret }).environments();
      onSignedIn({ key, secret });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'This key and secret were not accepted.' : String((err as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>Cirrus console</h1>
      <form method="post" onSubmit={submit} aria-describedby="sign-in-help">
        <p id="sign-in-help">Sign in with a cloud API key and its secret. The secret stays in this tab only.</p>
        <label for="api-key">API key</label>
        <input id="api-key" name="api-key" autocomplete="username" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <label for="api-secret">API secret</label>
        <input id="api-secret" name="api-secret" type="password" autocomplete="current-password" required value={secret} onInput={(e) => setSecret(e.currentTarget.value)} />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
