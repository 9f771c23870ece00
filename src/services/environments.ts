// Environments (org/v2). One that still holds clusters cannot be deleted (409).
import { randomBytes } from 'node:crypto';
import { Conflict, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Store } from '../store/database.ts';
import { findEnvironment, insertEnvironment, withOperation } from '../store/identity.ts';
import type { Environment } from '../store/schema.ts';
import * as topology from '../store/topology.ts';
import { oneOf, requiredText } from '../core/validation.ts';

export interface EnvironmentInput {
  displayName?: unknown;
  /** `stream_governance_config.package`. */
  streamGovernancePackage?: unknown;
}

const PACKAGES = ['ESSENTIALS', 'ADVANCED'] as const;
const PACKAGE_POINTER = '/stream_governance_config/package';

export class EnvironmentService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  list(organizationId: string): Promise<Environment[]> {
    return topology.listEnvironments(this.db, organizationId);
  }

  async get(organizationId: string, id: string): Promise<Environment> {
    const row = await findEnvironment(this.db, id);
    if (!row || row.organization_id !== organizationId) throw new NotFound(`Environment ${id} was not found`);
    return row;
  }

  async create(organizationId: string, input: EnvironmentInput, actor: string): Promise<Environment> {
    const at = this.now().toISOString();
    const row: Environment = {
      id: newId('environment', randomBytes), organization_id: organizationId,
      display_name: requiredText(input.displayName, '/display_name', 64),
      stream_governance_package: input.streamGovernancePackage === undefined ? 'ESSENTIALS' : oneOf(input.streamGovernancePackage, PACKAGES, PACKAGE_POINTER),
      created_at: at, updated_at: at,
    };
    await withOperation(this.db, { operation: 'org.environment.create', resourceId: row.id, actor, at }, (tx) => insertEnvironment(tx, row));
    return row;
  }

  async update(organizationId: string, id: string, input: EnvironmentInput, actor: string): Promise<Environment> {
    const row = await this.get(organizationId, id);
    const changes = {
      display_name: input.displayName === undefined ? row.display_name : requiredText(input.displayName, '/display_name', 64),
      stream_governance_package: input.streamGovernancePackage === undefined ? row.stream_governance_package : oneOf(input.streamGovernancePackage, PACKAGES, PACKAGE_POINTER),
      updated_at: this.now().toISOString(),
    };
    await withOperation(this.db, { operation: 'org.environment.update', resourceId: id, actor, at: changes.updated_at },
      (tx) => topology.updateEnvironment(tx, id, changes));
    return { ...row, ...changes };
  }

  async delete(organizationId: string, id: string, actor: string): Promise<void> {
    await this.get(organizationId, id);
    if ((await topology.listClusters(this.db, id)).length > 0) throw new Conflict(`Environment ${id} still has Kafka clusters; delete them first`);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'org.environment.delete', resourceId: id, actor, at }, (tx) => topology.deleteEnvironment(tx, id));
  }
}

