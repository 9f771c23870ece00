// Every route names its operation (C3); logs, rate limits and RBAC key on these names.
export const OPERATIONS = {
  health: 'cirrus.health',
} as const;

export type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];
