// connect/v1 custom connector plugins and runtimes (CONTRACT §2.1): under the connect/v1 prefix
// but in the v2 conventions, so each resource is a v2-style family of its own prefix (one 404
// renderer per prefix is all Fastify allows, and /connect/v1 already has connect/v1's).
import type { FastifyInstance } from 'fastify';
import { apiFamily, V2, type FamilyGuards } from '../../family.ts';
import type { CustomPluginDeps } from './context.ts';
import createCustomPlugin from './create.ts';
import deleteCustomPlugin from './delete.ts';
import listCustomPlugins from './list.ts';
import readCustomPlugin from './read.ts';
import listRuntimes from './runtimes.ts';
import updateCustomPlugin from './update.ts';
import { PLUGINS_PREFIX, RUNTIMES_PREFIX } from './wire.ts';

export async function registerCustomPlugins(app: FastifyInstance, guards: FamilyGuards, deps: CustomPluginDeps): Promise<void> {
  const plugins = [listCustomPlugins, createCustomPlugin, readCustomPlugin, updateCustomPlugin, deleteCustomPlugin];
  await app.register(apiFamily(V2, guards, deps, plugins), { prefix: PLUGINS_PREFIX });
  await app.register(apiFamily(V2, guards, deps, [listRuntimes]), { prefix: RUNTIMES_PREFIX });
}
