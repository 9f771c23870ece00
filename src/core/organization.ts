// The organization and its environments (org/v2), as the rest of Cirrus sees them.

export interface Organization {
  id: string;
  displayName: string;
  createdAt: string;
  updatedAt: string;
}

export type StreamGovernancePackage = 'ESSENTIALS' | 'ADVANCED';

export interface Environment {
  id: string;
  organizationId: string;
  displayName: string;
  streamGovernancePackage: StreamGovernancePackage;
  createdAt: string;
  updatedAt: string;
}
