// Environments (org/v2). One that still holds clusters cannot be deleted (409).
import { randomBytes } from 'node:crypto';
import { Conflict, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Environment, StreamGovernancePackage } from '../core/organization.ts';
import { oneOf, requiredText } from '../core/validation.ts';
import { countClusters } from '../store/clusters.ts';
import type { Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import { deleteRegistry } from '../store/schema-registry.ts';
import { registryIdOf } from '../core/schema-registry/ids.ts';
import * as repo from '../store/organizations.ts';

/** What create and PATCH take, as their schemas let it through (strings; values checked here). */
export interface EnvironmentInput {
  displayName?: string;
  /** `stream_governance_config.package`. */
  streamGovernancePackage?: string;
}

const PACKAGES: readonly StreamGovernancePackage[] = ['ESSENTIALS', 'ADVANCED'];
const PACKAGE_POINTER = '/stream_governance_config/package';

export class EnvironmentService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  list(organizationId: string): Promise<Environment[]> {
    return repo.listEnvironments(this.db, organizationId);
  }

  async get(organizationId: string, id: string): Promise<Environment> {
    const env = await repo.findEnvironment(this.db, id);
    if (!env || env.organizationId !== organizationId) throw new NotFound(`Environment ${id} was not found`);
    return env;
  }

  async create(organizationId: string, input: EnvironmentInput, actor: string): Promise<Environment> {
    const at = this.now().toISOString();
    const env: Environment = {
      id: newId('environment', randomBytes), organizationId,
      displayName: requiredText(input.displayName, '/display_name', 64),
      streamGovernancePackage: input.streamGovernancePackage === undefined ? 'ESSENTIALS' : oneOf(input.streamGovernancePackage, PACKAGES, PACKAGE_POINTER),
      createdAt: at, updatedAt: at,
    };
    await withOperation(this.db, { operation: 'org.environment.create', resourceId: env.id, actor, at }, (tx) => repo.insertEnvironment(tx, env));
    return env;
  }

  async update(organizationId: string, id: string, input: EnvironmentInput, actor: string): Promise<Environment> {
    const env = await this.get(organizationId, id);
    const changes = {
      displayName: input.displayName === undefined ? env.displayName : requiredText(input.displayName, '/display_name', 64),
      streamGovernancePackage: input.streamGovernancePackage === undefined ? env.streamGovernancePackage : oneOf(input.streamGovernancePackage, PACKAGES, PACKAGE_POINTER),
      updatedAt: this.now().toISOString(),
    };
    await withOperation(this.db, { operation: 'org.environment.update', resourceId: id, actor, at: changes.updatedAt },
      (tx) => repo.updateEnvironment(tx, id, changes));
    return { ...env, ...changes };
  }

  async delete(organizationId: string, id: string, actor: string): Promise<void> {
    await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'org.environment.delete', resourceId: id, actor, at }, async (tx) => {
      if (await countClusters(tx, id) > 0) throw new Conflict(`Environment ${id} still has Kafka clusters; delete them first`);
      // Its Schema Registry goes with it (issue 14): schemas, settings and the registry's keys.
      await deleteRegistry(tx, registryIdOf(id));
      await repo.deleteEnvironment(tx, id);
    });
  }
}
