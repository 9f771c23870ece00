// What a config change changed, for the connector's history (issue 11): keys added, removed or
// changed, sensitive values shown only as the mask (a change of a secret is still visible).
export interface ConfigChange {
  key: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

export function configChanges(
  before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>, sensitive: ReadonlySet<string>, mask: string,
): ConfigChange[] {
  const shown = (key: string, value: string) => (sensitive.has(key) ? mask : value);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: ConfigChange[] = [];
  for (const key of keys) {
    const was = before[key];
    const now = after[key];
    if (was === now) continue;
    if (was === undefined) out.push({ key, change: 'added', after: shown(key, now!) });
    else if (now === undefined) out.push({ key, change: 'removed', before: shown(key, was) });
    else out.push({ key, change: 'changed', before: shown(key, was), after: shown(key, now) });
  }
  return out;
}
