// Failed logins per client address (issue 7.10). The per-key limiter (rate-limit.ts) runs after
// authentication, so requests with a wrong secret were never limited: each cost a key lookup and
// an HMAC, and left an audit record. This runs before authentication, on the root context so
// every family inherits it: an address that had `max` 401s within the window gets 429 (rendered
// by the family: connect/v1 without a body, v2 with its envelope) with Retry-After, without an
// authentication attempt, until the window ends. Valid keys from other addresses are unaffected;
// from the blocked address they wait too (the address is all we know before authenticating).
import type { FastifyInstance } from 'fastify';
import { RateLimited } from '../../core/errors.ts';

export interface AuthFailureLimitSettings {
  /** Failed authentications allowed per window per address; 0 turns the limit off. */
  max: number;
  windowSeconds: number;
}

/** Beyond this many tracked addresses, expired windows are swept, then the oldest dropped. */
const MAX_TRACKED_ADDRESSES = 100_000;

interface Window {
  failures: number;
  endsAt: number;
}

/** Fixed windows per address, opened by the first failure; the clock is a parameter. */
export class AuthFailureCounter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly settings: AuthFailureLimitSettings, private readonly now: () => number = Date.now) {}

  /** Seconds until `address` may try again, or undefined if it may try now. */
  blockedFor(address: string): number | undefined {
    const window = this.current(address);
    if (!window || window.failures < this.settings.max) return undefined;
    return Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000));
  }

  fail(address: string): void {
    const window = this.current(address);
    if (window) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= MAX_TRACKED_ADDRESSES) this.makeRoom();
    this.windows.set(address, { failures: 1, endsAt: this.now() + this.settings.windowSeconds * 1000 });
  }

  get trackedAddresses(): number {
    return this.windows.size;
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window && window.endsAt <= this.now()) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  private makeRoom(): void {
    const now = this.now();
    for (const [address, window] of this.windows) if (window.endsAt <= now) this.windows.delete(address);
    // Still full (a flood from very many addresses): forget the oldest windows first.
    for (const address of this.windows.keys()) {
      if (this.windows.size < MAX_TRACKED_ADDRESSES) break;
      this.windows.delete(address);
    }
  }
}

export function limitAuthFailures(app: FastifyInstance, settings: AuthFailureLimitSettings, now: () => number = Date.now): void {
  if (settings.max <= 0) return;
  const counter = new AuthFailureCounter(settings, now);
  // `done` rather than async: these run on every request (issue 13).
  app.addHook('onRequest', (request, reply, done) => {
    // Health checks are for load balancers and are never limited.
    if (request.routeOptions.config?.operation === 'cirrus.health') return done();
    const retryAfter = counter.blockedFor(request.ip);
    if (retryAfter === undefined) return done();
    // The headers the per-key limiter sends with its 429 (CONTRACT §5.5), for this budget.
    reply.header('X-RateLimit-Limit', String(settings.max)).header('X-RateLimit-Remaining', '0').header('X-RateLimit-Reset', String(retryAfter));
    done(new RateLimited(retryAfter));
  });
  // Counted before the answer goes out, so a client that waits for each answer sees the limit
  // exactly at `max`.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode === 401) counter.fail(request.ip);
    done(null, payload);
  });
}
