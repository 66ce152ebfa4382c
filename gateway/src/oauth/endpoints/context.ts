import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { serviceContext } from '../../platform/request';
import type { OAuthContext } from '../service/context';

export function oauthContext(c: Context<AppEnv>): OAuthContext {
  return { ...serviceContext(c), oauth: c.get('oauth') };
}
