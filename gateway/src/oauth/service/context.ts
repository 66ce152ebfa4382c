import type { ServiceContext } from '../../platform/context';
import type { OAuthServices } from '../context';

/** What an authorization-server verb gets: the request's service context and the server itself. */
export interface OAuthContext extends ServiceContext {
  oauth: OAuthServices;
}
