import { redirectUris } from './config.ts';

/** The app `npm run sandbox` registers in the local sandbox (found again by this name). */
export const SANDBOX_APP_NAME = 'Ride (example)';

export interface SandboxApp {
  clientId: string;
  privateJwk: JsonWebKey;
  keyId: string;
}

/**
 * What a developer does in the portal console, through the console's own API (the developer API,
 * with the developer token `npm start` wrote to sandbox.json): register the app for
 * private_key_jwt with a public key, and its redirect URIs. A new key pair each run, so no private
 * key is ever written to disk; the app's JWKS is replaced with the new public key. The app itself
 * (src/) talks to the bank through @tessera/sdk only.
 */
export async function registerSandboxApp(input: {
  gateway: string;
  developerApiToken: string;
  appUrl: string;
}): Promise<SandboxApp> {
  const keyId = `ride-${new Date().toISOString().slice(0, 19).replace(/\D/g, '')}`;
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const jwks = { keys: [{ kty, crv, x, y, kid: keyId, use: 'sig', alg: 'ES256' }] };
  const developer = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${input.gateway}${path}`, {
      method,
      headers: { Authorization: `Bearer ${input.developerApiToken}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${answer.code}: ${answer.detail}`);
    return answer;
  };
  const apps = (await developer('GET', '/v1/developer/apps?limit=100')) as {
    data: { id: string; name: string }[];
  };
  const existing = apps.data.find((a) => a.name === SANDBOX_APP_NAME);
  const registration = { redirect_uris: redirectUris(input.appUrl), jwks };
  const app = existing
    ? await developer('PATCH', `/v1/developer/apps/${existing.id}`, registration)
    : await developer('POST', '/v1/developer/apps', {
        name: SANDBOX_APP_NAME,
        token_endpoint_auth_method: 'private_key_jwt',
        ...registration,
      });
  return { clientId: app.id as string, privateJwk, keyId };
}
