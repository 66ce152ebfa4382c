import { OAuthError } from '../errors';

/** The one way a DPoP check refuses: the wire code stays invalid_dpop_proof, `rule` names the check. */
export function refuse(rule: string, description: string): OAuthError {
  return new OAuthError('invalid_dpop_proof', description, { rule: `dpop.${rule}` });
}

/** A claim or header value as a developer would recognise it in the message. */
export function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
