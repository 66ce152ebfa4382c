import { randomBytes } from 'node:crypto';

/** Everything the app reads from its environment; secrets never leave the server. */
export interface RidesConfig {
  /** The Tessera gateway (`TESSERA_BASE_URL`), e.g. http://127.0.0.1:8787. */
  baseUrl: string;
  clientId: string;
  /** private_key_jwt: the app's private signing key as a JWK (ES256), its public half registered. */
  privateJwk: JsonWebKey;
  /** The `kid` the public key is registered under in the app's JWKS. */
  keyId: string;
  /** The signing secret of an endpoint you registered yourself; unset: the app registers its own. */
  webhookSecret: string | undefined;
  /** Where riders' browsers and the gateway reach the app: redirect URIs and the webhook URL. */
  appUrl: string;
  port: number;
  host: string;
  /** What the dispatch system (drivers' app, trip service) sends to finish rides. */
  dispatchToken: string;
  dispatchTokenGenerated: boolean;
}

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): RidesConfig {
  const missing = ['TESSERA_BASE_URL', 'TESSERA_CLIENT_ID', 'TESSERA_PRIVATE_KEY', 'TESSERA_KEY_ID'].filter(
    (k) => !env[k],
  );
  if (missing.length)
    throw new ConfigError(
      `Set ${missing.join(', ')} (your app's client_id and the private key whose public half its JWKS holds; with a local gateway, \`npm run sandbox\` registers an app and sets them).`,
    );
  let privateJwk: JsonWebKey;
  try {
    privateJwk = JSON.parse(env.TESSERA_PRIVATE_KEY!) as JsonWebKey;
  } catch {
    throw new ConfigError(
      'TESSERA_PRIVATE_KEY must be a private JWK (JSON), e.g. {"kty":"EC","crv":"P-256",…}.',
    );
  }
  if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || !privateJwk.d)
    throw new ConfigError('TESSERA_PRIVATE_KEY must be an ES256 private key: kty EC, crv P-256, with d.');
  const appUrl = (env.APP_URL ?? `http://127.0.0.1:${env.PORT ?? '4100'}`).replace(/\/+$/, '');
  const url = new URL(appUrl);
  const port = Number(env.PORT ?? (url.port || (url.protocol === 'https:' ? 443 : 80)));
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError(`PORT ${env.PORT} is not a port.`);
  return {
    baseUrl: env.TESSERA_BASE_URL!.replace(/\/+$/, ''),
    clientId: env.TESSERA_CLIENT_ID!,
    privateJwk,
    keyId: env.TESSERA_KEY_ID!,
    webhookSecret: env.TESSERA_WEBHOOK_SECRET || undefined,
    appUrl,
    port,
    host: env.HOST ?? '127.0.0.1',
    dispatchToken: env.DISPATCH_TOKEN || randomBytes(18).toString('base64url'),
    dispatchTokenGenerated: !env.DISPATCH_TOKEN,
  };
}

/** The redirect URIs the app's registration must hold: linking, and the return from a limit offer. */
export const redirectUris = (appUrl: string) => [`${appUrl}/callback`, `${appUrl}/limit-offers/return`];
