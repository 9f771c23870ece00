// A managed plugin's create form, built from its validate definitions (groups in order, display
// names, documentation, required marks, defaults, recommended values, PASSWORD inputs, visible
// keys) and validated through the same route as the user types. The browser holds no rule of its
// own: every error shown is one the server answered.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ValidationResult } from '../api/types.ts';
import { navigate } from '../router.ts';
import { ConfigField } from './config-field.tsx';
import type { Scope } from './shell.tsx';

const VALIDATE_DELAY_MS = 300;

export function ConfigForm({ scope, plugin }: { scope: Scope; plugin: string }) {
  const { api, env, lkc } = scope;
  const [values, setValues] = useState<Record<string, string>>({ 'connector.class': plugin });
  const [result, setResult] = useState<ValidationResult | undefined>();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [view, setView] = useState<'form' | 'json'>('form');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const validate = (config: Record<string, string>) => api.validate(env, lkc, plugin, config);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => validate(values).then((r) => live && setResult(r), (err: Error) => live && setError(err.message)), result ? VALIDATE_DELAY_MS : 0);
    return () => { live = false; clearTimeout(timer); };
  }, [values]);
  const setValue = (name: string, value: string) => {
    // An emptied field is an absent key: the plugin's default applies, as for a key never set.
    setValues((v) => {
      const next = { ...v, [name]: value };
      if (value === '') delete next[name];
      return next;
    });
    setTouched((t) => new Set(t).add(name));
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    const checked = await validate(values);
    setResult(checked);
    if (checked.error_count > 0) {
      setShowAll(true);
      setView('form');
      setMessage(`${checked.error_count} field${checked.error_count === 1 ? ' needs' : 's need'} attention.`);
      // After the errors render: the first field in error takes the focus.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setMessage('Creating…');
    try {
      const name = values.name ?? '';
      await api.create(env, lkc, name, values);
      navigate({ page: 'connector', env, lkc, name });
    } catch (err) {
      setMessage('');
      setError((err as Error).message);
    }
  };
  return (
    <form ref={formRef} class="create" onSubmit={submit} noValidate aria-labelledby="create-title">
      <h1 id="create-title">New {plugin} connector</h1>
      <fieldset class="view-toggle">
        <legend>Edit as</legend>
        <label><input type="radio" name="view" checked={view === 'form'} onChange={() => setView('form')} /> Form</label>
        <label><input type="radio" name="view" checked={view === 'json'} onChange={() => setView('json')} /> JSON</label>
      </fieldset>
      {!result && <p aria-live="polite">Loading the plugin's settings…</p>}
      {result && view === 'form' && <Groups result={result} values={values} shown={(n) => showAll || touched.has(n)} onChange={setValue} />}
      {view === 'json' && <JsonView values={values} onChange={setValues} />}
      {error && <p class="error" role="alert">{error}</p>}
      <p class="muted" role="status">{message}</p>
      <button type="submit">Create connector</button>
    </form>
  );
}

function Groups({ result, values, shown, onChange }: { result: ValidationResult; values: Record<string, string>; shown: (name: string) => boolean; onChange: (n: string, v: string) => void }) {
  return (
    <>
      {result.groups.map((group) => {
        const configs = result.configs
          .filter((c) => c.definition.group === group && c.value.visible !== false && c.definition.name !== 'connector.class')
          .sort((a, b) => a.definition.order - b.definition.order);
        if (!configs.length) return null;
        return (
          <fieldset class="group" key={group}>
            <legend>{group}</legend>
            {configs.map((c) => (
              <ConfigField key={c.definition.name} definition={c.definition} value={c.value} current={values[c.definition.name] ?? ''}
                showErrors={shown(c.definition.name)} onChange={(v) => onChange(c.definition.name, v)} />
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

function JsonView({ values, onChange }: { values: Record<string, string>; onChange: (v: Record<string, string>) => void }) {
  const [text, setText] = useState(JSON.stringify(values, null, 2));
  const [problem, setProblem] = useState('');
  const edit = (next: string) => {
    setText(next);
    try {
      const parsed = JSON.parse(next) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('The config is a JSON object of strings');
      onChange(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)])));
      setProblem('');
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <div class="json-view">
      <label for="config-json">Config as JSON</label>
      <textarea id="config-json" rows={16} value={text} aria-describedby="config-json-problem" onInput={(e) => edit(e.currentTarget.value)} />
      <p id="config-json-problem" class="error">{problem}</p>
    </div>
  );
}
