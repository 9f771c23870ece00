// One API family (C2): its error and 404 renderer, authentication, the one authorization layer,
// then its routes. connect/v1 and the v2-style families (iam/v2, org/v2, cmk/v2) differ only in
// the renderer and in how a resource out of the caller's reach reads.
import type { FastifyInstance } from 'fastify';
import { renderConnectV1Error } from '../http/errors/connect-v1.ts';
import { useErrorFamily, type Renderer } from '../http/errors/render.ts';
import { renderMetricsError } from '../http/errors/metrics.ts';
import { renderV2Error } from '../http/errors/v2.ts';
import { authenticateRequests } from '../http/plugins/authenticate.ts';
import { authorizeRequests } from '../http/plugins/authorize.ts';
import type { Authenticator } from '../services/authenticator.ts';
import type { Authorizer } from '../services/authorizer.ts';

export interface FamilyGuards {
  authenticator: Authenticator;
  authorizer: Authorizer;
}

export interface FamilyStyle {
  render: Renderer;
  /** What a resource beyond the caller's bindings answers (it reads as missing). */
  notFoundMessage: string;
  /**
   * false: the family shares its prefix with another that answers unknown paths (Fastify keeps
   * one 404 handler per prefix): the connect/v1 custom-plugin routes, v2-style under /connect/v1.
   */
  ownsNotFound?: boolean;
}

export const CONNECT_V1: FamilyStyle = { render: renderConnectV1Error, notFoundMessage: 'account not found' };
export const V2: FamilyStyle = { render: renderV2Error, notFoundMessage: 'Not found' };
/** metrics/v2: its own envelope; it has no resource a caller could find missing (points are filtered). */
export const METRICS: FamilyStyle = { render: renderMetricsError, notFoundMessage: 'Not found' };
/** connect/v1's custom-plugin routes (CONTRACT §2.1): the v2 conventions, under /connect/v1. */
export const V2_UNDER_CONNECT_V1: FamilyStyle = { ...V2, ownsNotFound: false };

export type Route<D> = (context: FastifyInstance, deps: D) => Promise<void>;

export function apiFamily<D>(style: FamilyStyle, guards: FamilyGuards, deps: D, routes: Route<D>[]) {
  return async function family(context: FastifyInstance): Promise<void> {
    useErrorFamily(context, style.render, { notFound: style.ownsNotFound });
    authenticateRequests(context, guards.authenticator);
    authorizeRequests(context, guards.authorizer, style.notFoundMessage);
    for (const route of routes) await route(context, deps);
  };
}
