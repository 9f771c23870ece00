// Pause / resume / restart / delete. Delete and restart ask first, in the page (no window.confirm:
// a native dialog is hard to reach for some assistive tools and blocks the tab).
import { useState } from 'preact/hooks';
import type { ConnectorState } from '../api/types.ts';
import { navigate } from '../router.ts';
import type { Scope } from './shell.tsx';

type Action = 'pause' | 'resume' | 'restart' | 'delete';

export function ConnectorActions({ scope, name, state, onChanged }: { scope: Scope; name: string; state: ConnectorState; onChanged: () => void }) {
  const { api, env, lkc } = scope;
  const [confirming, setConfirming] = useState<Action | undefined>();
  const [message, setMessage] = useState('');
  const run = async (action: Action) => {
    setConfirming(undefined);
    setMessage(`${action[0]!.toUpperCase()}${action.slice(1)} requested…`);
    try {
      if (action === 'pause') await api.pause(env, lkc, name);
      if (action === 'resume') await api.resume(env, lkc, name);
      if (action === 'restart') await api.restart(env, lkc, name);
      if (action === 'delete') {
        await api.remove(env, lkc, name);
        navigate({ page: 'connectors', env, lkc });
        return;
      }
      setMessage(`${action[0]!.toUpperCase()}${action.slice(1)} accepted.`);
      onChanged();
    } catch (err) {
      setMessage(`${action} failed: ${(err as Error).message}`);
    }
  };
  return (
    <div class="actions" role="group" aria-label="Connector actions">
      {state === 'PAUSED'
        ? <button type="button" onClick={() => run('resume')}>Resume</button>
        : <button type="button" onClick={() => run('pause')}>Pause</button>}
      <button type="button" onClick={() => setConfirming('restart')}>Restart</button>
      <button type="button" class="danger" onClick={() => setConfirming('delete')}>Delete</button>
      {confirming && (
        <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">{confirming === 'delete' ? `Delete connector ${name}? Its offsets and status are removed.` : `Restart connector ${name} and its tasks?`}</p>
          <button type="button" class={confirming === 'delete' ? 'danger' : ''} onClick={() => run(confirming)} ref={(el) => el?.focus()}>
            {confirming === 'delete' ? 'Yes, delete' : 'Yes, restart'}
          </button>
          <button type="button" onClick={() => setConfirming(undefined)}>Cancel</button>
        </div>
      )}
      <p class="muted" aria-live="polite">{message}</p>
    </div>
  );
}
