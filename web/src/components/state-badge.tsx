// A connector or task state as text with a colour class (the text carries the meaning).
export function StateBadge({ state }: { state: string }) {
  return <span class={`state state-${state.toLowerCase() || 'unknown'}`}>{state || 'UNKNOWN'}</span>;
}
