// Where the signed-in key lives: sessionStorage only (gone with the tab), never localStorage,
// a cookie or a URL (issue 15). Sign-out removes it.
import type { Credentials } from './api/client.ts';

const KEY = 'cirrus.console.session';

export function loadCredentials(): Credentials | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Credentials>) : undefined;
    return parsed?.key && parsed.secret ? { key: parsed.key, secret: parsed.secret } : undefined;
  } catch {
    return undefined;
  }
}

export function saveCredentials(credentials: Credentials): void {
  sessionStorage.setItem(KEY, JSON.stringify(credentials));
}

export function forgetCredentials(): void {
  sessionStorage.removeItem(KEY);
}
