// Who acts (users and service accounts), with which keys, holding which roles (iam/v2).

export type PrincipalKind = 'user' | 'service_account';

export interface Principal {
  id: string;
  organizationId: string;
  kind: PrincipalKind;
  displayName: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/** `cloud` keys reach the control-plane APIs; `kafka_cluster` keys belong in connector configs; `schema_registry` keys reach one registry. */
export type ApiKeyResourceKind = 'cloud' | 'kafka_cluster' | 'schema_registry';

export interface ApiKey {
  id: string;
  /** Keyed hash (HMAC-SHA256) of the secret; the secret itself is never kept. */
  secretHash: string;
  ownerId: string;
  resourceKind: ApiKeyResourceKind;
  /** The Kafka cluster `lkc-…` or Schema Registry `lsrc-…` of the key; null for cloud keys. */
  resourceId: string | null;
  displayName: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface RoleBinding {
  id: string;
  principalId: string;
  roleName: string;
  crnPattern: string;
  createdAt: string;
}
