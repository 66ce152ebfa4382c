import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { problemResponses } from '../../platform/openapi';
import { ref } from '../../platform/openapi-wire';
import { MAX_PROOF_LENGTH } from '../checks/dpop-format';
import type { OAuthErrorCode } from '../errors';
import { OAuthErrorSchema } from './schemas';

export type Registry = OpenAPIHono<AppEnv>['openAPIRegistry'];
type RouteConfig = Parameters<Registry['registerPath']>[0];
export type Responses = RouteConfig['responses'];

/** A response header: short protocol values, so 512 characters bound them all. */
export const header = (description: string, example?: string, maxLength = 512) => ({
  description,
  schema: { type: 'string' as const, maxLength, ...(example ? { example } : {}) },
});

export const NO_STORE = { 'Cache-Control': header('Token and client data: never cached.', 'no-store') };
export const REQUEST_ID = {
  'Request-Id': header('This request’s id, for support.', 'req_6Yg1pQ0bKxZr2s9aT4wLm8eV', 128),
};

export const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' as const, minimum: 1 } },
};

export const DPOP_NONCE = {
  'DPoP-Nonce': header(
    'With use_dpop_nonce (RFC 9449 §8), when the gateway requires server nonces: put this value in the nonce claim of a new proof and retry.',
  ),
};

export const WWW_AUTHENTICATE = {
  'WWW-Authenticate': header('The authentication scheme to use (RFC 7235), e.g. `Basic realm="tessera"`.'),
};

/** One RFC 6749 error response, naming every `error` this operation answers with at this status. */
export function oauthError(codes: OAuthErrorCode[], headers: Record<string, unknown> = {}) {
  return {
    description: `RFC 6749 error: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    headers: { ...REQUEST_ID, ...NO_STORE, ...headers },
    content: { 'application/json': { schema: OAuthErrorSchema } },
    // The RFC 6749 `error` values, in the same list problem responses use for their codes.
    'x-error-codes': codes,
  };
}

/**
 * What every OAuth endpoint can also answer from the platform middleware in front of it: problem
 * details for a body over MAX_BODY_BYTES (body methods only) and for an unexpected error.
 */
export function platformProblems(opts: { body: boolean; rateLimited?: boolean }): Responses {
  const problems = problemResponses(
    ...(opts.body ? (['payload_too_large'] as const) : []),
    ...(opts.rateLimited ? (['rate_limited'] as const) : []),
  );
  if (opts.rateLimited && problems[429]) {
    (problems[429] as { headers?: unknown }).headers = {
      ...RETRY_AFTER,
      'RateLimit-Policy': ref('RateLimit-Policy'),
      RateLimit: ref('RateLimit'),
    };
  }
  return problems;
}

/** Client authentication at the token-like endpoints: HTTP Basic (sandbox) or private_key_jwt. */
export function registerClientAuthSchemes(registry: Registry): void {
  registry.registerComponent('securitySchemes', 'clientSecretBasic', {
    type: 'http',
    scheme: 'basic',
    description:
      'client_secret_basic (RFC 6749 §2.3.1), sandbox apps only: `Authorization: Basic base64(client_id:client_secret)`, both form-urlencoded first.',
  });
  registry.registerComponent('securitySchemes', 'initialAccessToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'RFC 7591 §3: the sandbox developer’s initial access token, from the console.',
  });
  registry.registerComponent('securitySchemes', 'registrationAccessToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'RFC 7592 §3: the registration_access_token returned when the client was registered.',
  });
}

/**
 * Who may call: HTTP Basic, or (the empty requirement) private_key_jwt, which OpenAPI cannot name
 * as a scheme because it travels in the form body as client_assertion.
 */
export const CLIENT_AUTH: Record<string, string[]>[] = [{ clientSecretBasic: [] }, {}];

export const CLIENT_AUTH_TEXT =
  'Client authentication: `private_key_jwt` (client_id, client_assertion_type and client_assertion in the form; required for live apps) or, for sandbox apps registered so, HTTP Basic `client_secret_basic`. Never both, and never client_secret in the body.';

export const DPOP_HEADER = {
  in: 'header' as const,
  name: 'DPoP',
  required: false,
  description:
    'RFC 9449 proof JWT (typ dpop+jwt, ES256 or PS256): htm POST, htu this endpoint’s URL on the issuer, a fresh jti, iat within 60 s. Required for apps registered with dpop_bound_access_tokens and for grants already bound to a key.',
  schema: { type: 'string' as const, maxLength: MAX_PROOF_LENGTH },
};
