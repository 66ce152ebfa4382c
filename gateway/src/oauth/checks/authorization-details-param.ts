import { type AuthorizationDetail, AuthorizationDetails } from '../authorization-details';
import { OAuthError } from '../errors';

/** RFC 9396: a JSON array of typed objects, each valid for its type (amounts, currencies, purposes). */
export function parseAuthorizationDetails(raw: string | null): AuthorizationDetail[] {
  if (raw === null || raw === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new OAuthError('invalid_authorization_details', 'authorization_details must be a JSON array.', {
      rule: 'authorization_details.json',
    });
  }
  const parsed = AuthorizationDetails.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new OAuthError('invalid_authorization_details', `authorization_details${where}: ${issue.message}`, {
      rule: 'authorization_details.schema',
    });
  }
  return parsed.data;
}
