// Offsets: what the engine last reported, an edit (PATCH of the listed partitions) or a reset
// (DELETE), and the request's progress, polled until APPLIED or FAILED. The connector stops
// briefly while Cirrus applies it (CONTRACT §1.9); the page says so before asking.
import { useEffect, useState } from 'preact/hooks';
import type { Offset, OffsetsRequestStatus } from '../api/types.ts';
import { useLoad } from '../hooks.ts';
import type { Scope } from './shell.tsx';

const POLL_MS = 1000;

export function ConnectorOffsets({ scope, name }: { scope: Scope; name: string }) {
  const { api, env, lkc } = scope;
  const current = useLoad(() => api.offsets(env, lkc, name), [env, lkc, name]);
  const [text, setText] = useState<string | undefined>();
  const [request, setRequest] = useState<OffsetsRequestStatus | undefined>();
  const [polling, setPolling] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void api.offsetsStatus(env, lkc, name).then((s) => {
      setRequest(s);
      if (s.status.phase !== 'PENDING') { setPolling(false); current.reload(); }
    }, (err: Error) => { setError(err.message); setPolling(false); }), POLL_MS);
    return () => clearInterval(timer);
  }, [polling]);
  const send = async (type: 'PATCH' | 'DELETE') => {
    setError('');
    setConfirmReset(false);
    try {
      const offsets = type === 'PATCH' ? JSON.parse(text ?? '[]') as Offset[] : undefined;
      await api.requestOffsets(env, lkc, name, type, offsets);
      setRequest(undefined);
      setPolling(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const shown = text ?? JSON.stringify(current.data?.offsets ?? [], null, 2);
  return (
    <section class="offsets" aria-labelledby="offsets-title">
      <h2 id="offsets-title">Offsets</h2>
      {current.error && <p class="error" role="alert">{current.error}</p>}
      {current.data && <p class="muted">Observed at {current.data.metadata.observed_at}. Changing them stops the connector briefly.</p>}
      <label for="offsets-json">Offsets as JSON (partition and offset per entry)</label>
      <textarea id="offsets-json" rows={8} value={shown} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="button" disabled={polling} onClick={() => send('PATCH')}>Apply offsets</button>
      <button type="button" class="danger" disabled={polling} onClick={() => setConfirmReset(true)}>Reset offsets</button>
      {confirmReset && (
        <div class="confirm" role="alertdialog" aria-labelledby="reset-text">
          <p id="reset-text">Reset every offset of {name}? It starts again as a new connector would.</p>
          <button type="button" class="danger" onClick={() => send('DELETE')} ref={(el) => el?.focus()}>Yes, reset</button>
          <button type="button" onClick={() => setConfirmReset(false)}>Cancel</button>
        </div>
      )}
      <p role="status" class="offsets-progress">
        {polling && !request && 'Request sent; waiting for the engine…'}
        {request && `${request.request.type} request: ${request.status.phase}${request.status.message ? ` (${request.status.message})` : ''}`}
      </p>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
