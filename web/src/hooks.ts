// Small hooks shared by pages: load once, or keep refreshing on an interval.
import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data?: T;
  error?: string;
  status?: number;
  reload: () => void;
}

/** Runs `load` now, again whenever `deps` change, and every `everyMs` when given. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], everyMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; status?: number }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const run = () => load().then(
      (data) => { if (live) setState({ data }); },
      (err: Error & { status?: number }) => { if (live) setState((s) => ({ ...s, error: err.message, status: err.status })); },
    );
    void run();
    const timer = everyMs ? setInterval(run, everyMs) : undefined;
    return () => { live = false; if (timer) clearInterval(timer); };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** Runs a mutation, then `reload`; its error is kept for the form to show. */
export function useMutation(reload: () => void) {
  const [error, setError] = useState('');
  const run = async (action: () => Promise<unknown>) => {
    setError('');
    try {
      await action();
      reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return { error, run };
}
