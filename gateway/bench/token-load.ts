import { randomUUID, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { DpopSigner } from './dpop-proofs';

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

function jws(signer: DpopSigner, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const sig = sign('sha256', Buffer.from(input), { key: signer.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64url(sig)}`;
}

export interface TokenLoad {
  clientId: string;
  /** Who the assertion is for: the gateway wants its issuer, oidc-provider its issuer too. */
  audience: string;
  tokenEndpoint: string;
  client: { signer: DpopSigner; kid: string };
  dpop: DpopSigner;
}

/**
 * `count` client_credentials requests as a FAPI 2.0 client sends them: each with its own
 * private_key_jwt assertion and its own DPoP proof (fresh jti both), signed before the load with
 * node:crypto so the load generator only sends. Written as [{ body, dpop }] for presigned-request.cjs.
 */
export function writeTokenRequests(file: string, load: TokenLoad, count: number): void {
  const now = Math.floor(Date.now() / 1000);
  const dpopHeader = { typ: 'dpop+jwt', alg: 'ES256', jwk: load.dpop.publicJwk };
  const items = new Array(count);
  for (let i = 0; i < count; i++) {
    const assertion = jws(
      load.client.signer,
      { alg: 'ES256', kid: load.client.kid },
      {
        iss: load.clientId,
        sub: load.clientId,
        aud: load.audience,
        jti: randomUUID(),
        iat: now,
        exp: now + 120,
      },
    );
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: load.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString();
    const dpop = jws(load.dpop, dpopHeader, {
      jti: randomUUID(),
      htm: 'POST',
      htu: load.tokenEndpoint,
      iat: now,
    });
    items[i] = { body, dpop };
  }
  writeFileSync(file, JSON.stringify(items));
}
