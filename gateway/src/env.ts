import type { ConsentStatus } from './db/schema/consents';
import type { AppPrincipal, Services } from './platform/context';
import type { ApiError } from './platform/errors';

/**
 * What a request carries. Layers above the platform add their own variables by augmenting this
 * interface (oauth/context.ts declares `oauth`), so this file names no module above it.
 */
export interface AppVariables {
  requestId: string;
  services: Services;
  /** Set by the resource-server middleware on authenticated routes. */
  app?: AppPrincipal;
  customer?: { id: string };
  consent?: { id: string };
  /** The signed-in developer, on developer API routes. */
  developer?: { id: string; email: string; role: string };
  /**
   * The token's consent is no longer active, on a replayable route: only a stored answer of the
   * same app and consent may be given (runIdempotent); serviceContext() refuses with this.
   */
  inactiveConsent?: { refusal: ApiError; status: ConsentStatus };
  /** The operation usage is metered under, where the route path does not name it (published products). */
  operation?: string;
  /** The access token's claims, on authenticated routes. */
  token?: { scopes: string[]; jti: string; jkt: string | null };
}

/** Hono's typed environment for every router: no handler sees a bare Context. */
export interface AppEnv {
  Variables: AppVariables;
}
