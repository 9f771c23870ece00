// One setting of a plugin: its control follows the definition (choices, boolean, password, text),
// its documentation and the server's errors are tied to it for screen readers.
import type { ConfigDefinition, ConfigValue } from '../api/types.ts';

interface Props {
  definition: ConfigDefinition;
  value: ConfigValue;
  current: string;
  showErrors: boolean;
  onChange: (value: string) => void;
}

export function ConfigField({ definition: d, value, current, showErrors, onChange }: Props) {
  const id = `field-${d.name}`;
  const errors = showErrors ? value.errors : [];
  const describedBy = [`${id}-doc`, errors.length ? `${id}-errors` : ''].filter(Boolean).join(' ');
  const common = {
    id, name: d.name, 'aria-describedby': describedBy, 'aria-invalid': errors.length > 0 ? 'true' as const : undefined,
    'aria-required': d.required ? 'true' as const : undefined,
  };
  const text = { value: current, placeholder: d.default_value, onInput: (e: { currentTarget: HTMLInputElement }) => onChange(e.currentTarget.value) };
  const choices = d.type === 'BOOLEAN' && !value.recommended_values.length ? ['true', 'false'] : value.recommended_values;
  return (
    <div class={`field${errors.length ? ' has-error' : ''}`} data-field={d.name}>
      <label for={id}>{d.display_name || d.name}{d.required && <span class="required" aria-hidden="true"> *</span>}{d.required && <span class="sr-only"> (required)</span>}</label>
      {choices.length > 0 ? (
        <select {...common} value={current} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{d.default_value ? `Default (${d.default_value})` : 'Choose…'}</option>
          {choices.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      ) : (
        d.type === 'PASSWORD'
          ? <input {...common} {...text} type="password" autocomplete="new-password" />
          : <input {...common} {...text} type="text" autocomplete="off" />
      )}
      <p class="doc" id={`${id}-doc`}>{d.documentation}{d.default_value ? ` Default: ${d.default_value}.` : ''}</p>
      {errors.length > 0 && <ul class="field-errors" id={`${id}-errors`}>{errors.map((e) => <li key={e}>{e}</li>)}</ul>}
    </div>
  );
}
