// Connector names (CONTRACT §6.1): up to 64 code points of letters, digits, marks, spaces and
// `. , & _ + | [ ] -`. Decoded from the path by RFC 3986 rules, so `+` stays `+`.
import { InvalidRequest } from './errors.ts';

const NAME = /^[\p{L}\p{N}\p{M} .,&_+|[\]-]+$/u;
export const MAX_NAME_CODE_POINTS = 64;

export function connectorNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'The connector name must not be empty';
  if ([...name].length > MAX_NAME_CODE_POINTS) return `The connector name must be at most ${MAX_NAME_CODE_POINTS} characters`;
  if (!NAME.test(name)) return 'The connector name may contain only letters, digits, spaces and . , & _ + | [ ] -';
  return undefined;
}

export function assertConnectorName(name: string): void {
  const problem = connectorNameProblem(name);
  if (problem) throw new InvalidRequest(problem);
}
