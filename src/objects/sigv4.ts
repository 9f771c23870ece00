// The HMAC-SHA256 primitive that core/post-policy.ts takes as a parameter (C10), from node:crypto.
import { createHmac } from 'node:crypto';
import type { HmacSha256 } from '../core/post-policy.ts';

export const hmacSha256: HmacSha256 = (key, data) => createHmac('sha256', key).update(data, 'utf8').digest();
