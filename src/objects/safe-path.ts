// The one resolver every local object key passes (C13, supabase/storage's secure-path.ts): a key
// is a relative `/`-separated path of plain segments, so it can never name a file outside its
// bucket's folder, whatever a client or a stored row says.
import path from 'node:path';

export class UnsafeKey extends Error {
  constructor(readonly key: string, why: string) {
    super(`object key ${JSON.stringify(key)} ${why}`);
  }
}

/** Why `key` is not a safe object key, or undefined when it is. */
export function unsafeKeyReason(key: string): string | undefined {
  if (key === '') return 'is empty';
  if (key.length > 1024) return 'is longer than 1024 characters';
  if (key.includes('\0')) return 'contains NUL';
  if (key.includes('\\')) return 'contains a backslash';
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) return 'is absolute';
  const segments = key.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'has an empty, "." or ".." segment';
  if (segments.some((s) => s.startsWith('.'))) return 'has a segment starting with "." (reserved for the store)';
  return undefined;
}

/** The file of `key` under `root`; throws UnsafeKey for anything that could leave `root`. */
export function resolveObjectPath(root: string, key: string): string {
  const why = unsafeKeyReason(key);
  if (why) throw new UnsafeKey(key, why);
  const base = path.resolve(root);
  const full = path.resolve(base, ...key.split('/'));
  // Belt and braces: the checks above already rule this out.
  if (!full.startsWith(base + path.sep)) throw new UnsafeKey(key, 'leaves the bucket');
  return full;
}
