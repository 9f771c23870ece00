// What the v2 families' handlers get: the services.
import type { ApiKeyService } from '../../services/api-keys.ts';
import type { Authorizer } from '../../services/authorizer.ts';
import type { ClusterService } from '../../services/clusters.ts';
import type { EnvironmentService } from '../../services/environments.ts';
import type { OrganizationService } from '../../services/organizations.ts';
import type { RoleBindingService } from '../../services/role-bindings.ts';
import type { ServiceAccountService } from '../../services/service-accounts.ts';
import type { Topology } from '../../services/topology.ts';

export interface V2Deps {
  serviceAccounts: ServiceAccountService;
  apiKeys: ApiKeyService;
  roleBindings: RoleBindingService;
  organizations: OrganizationService;
  environments: EnvironmentService;
  clusters: ClusterService;
  authorizer: Authorizer;
  topology: Topology;
}
