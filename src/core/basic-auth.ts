// Parsing of `Authorization: Basic base64(key:secret)` (CONTRACT §5.2). The scheme name is
// case-insensitive; anything else (no scheme, Bearer, bad base64, no colon) is no credential.

export interface BasicCredentials {
  key: string;
  secret: string;
}

export function parseBasicAuthorization(header: string | undefined): BasicCredentials | null {
  if (!header) return null;
  const match = /^basic[ \t]+([A-Za-z0-9+/=_-]+)[ \t]*$/i.exec(header.trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (secret.length === 0 || /[\u0000-\u001f]/.test(decoded)) return null;
  return { key, secret };
}
