// API key secrets are high-entropy random strings, so a fast keyed hash (HMAC-SHA256) is the
// right tool: a slow password hash (bcrypt) per request would buy nothing but latency.
import { createHmac, timingSafeEqual } from 'node:crypto';

export class ApiKeySecrets {
  constructor(private readonly hashKey: Buffer) {}

  hash(secret: string): string {
    return createHmac('sha256', this.hashKey).update(secret, 'utf8').digest('base64');
  }

  matches(secret: string, storedHash: string): boolean {
    const actual = Buffer.from(this.hash(secret), 'base64');
    const expected = Buffer.from(storedHash, 'base64');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
