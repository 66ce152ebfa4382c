import { eq } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../db/schema';
import { ManualClock } from '../platform/clock';
import type { SignatureCrypto } from '../platform/signatures';
import { nodeSignatureCrypto } from '../runtime/node-crypto';
import { createTestDatabase, createTestGateway, type TestGateway } from '../testing/harness';
import { clientAssertion, createTestApp, type TestApp, tokenRequest } from '../testing/oauth';
import { verifyDpopProof } from './dpop';
import { createDpopKey, makeDpopProof } from './dpop-testing';
import { ImportedKeyCache } from './key-cache';
import { DatabaseReplayCache } from './replay/database';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ runtime: 'node' });
});
afterAll(() => gw.close());

/** The real backing, counting its imports. */
function countingCrypto(): SignatureCrypto & { imports: number } {
  const counted = {
    ...nodeSignatureCrypto,
    imports: 0,
    importPublicKey(...args: Parameters<SignatureCrypto['importPublicKey']>) {
      counted.imports++;
      return nodeSignatureCrypto.importPublicKey(...args);
    },
  };
  return counted;
}

async function newKeyFor(app: TestApp): Promise<TestApp> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  // As the console or an RFC 7591 update (or another process) would: only the row changes.
  await gw.services.db
    .update(apps)
    .set({ jwks: { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] } })
    .where(eq(apps.id, app.id));
  return { ...app, signingKey: { privateKey, kid } };
}

const credentials = (app: TestApp) =>
  tokenRequest(gw, { ...app, dpop: false }, { grant_type: 'client_credentials' });

describe('imported keys are cached, and a changed key set is used at once', () => {
  it("a client's new key is used on the next assertion after its JWKS changes", async () => {
    const app = await createTestApp(gw, { fapi: true });
    await gw.services.db.update(apps).set({ dpopRequired: false }).where(eq(apps.id, app.id));
    expect((await credentials(app)).status).toBe(200);
    const renewed = await newKeyFor(app);
    expect((await credentials(renewed)).status).toBe(200);
  });

  it("a client's removed key is refused on the next assertion after its JWKS changes", async () => {
    const app = await createTestApp(gw, { fapi: true });
    await gw.services.db.update(apps).set({ dpopRequired: false }).where(eq(apps.id, app.id));
    expect((await credentials(app)).status).toBe(200);
    await newKeyFor(app);
    const old = await credentials(app);
    expect(old.status).toBe(401);
    expect(old.body.error).toBe('invalid_client');
  });

  it('a client assertion replayed on the Node backings is refused', async () => {
    const app = await createTestApp(gw, { fapi: true });
    await gw.services.db.update(apps).set({ dpopRequired: false }).where(eq(apps.id, app.id));
    const assertion = await clientAssertion(gw, app);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.id,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString();
    const send = () =>
      gw.client.request<{ error?: string }>('POST', '/oauth/token', {
        body: form,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    expect((await send()).status).toBe(200);
    const again = await send();
    expect(again.body.error).toBe('invalid_client');
  });

  it('a DPoP key is imported once per thumbprint, however many proofs it signs', async () => {
    const db = await createTestDatabase();
    const clock = new ManualClock('2026-11-22T10:00:00Z');
    const crypto = countingCrypto();
    const dpopKeys = new ImportedKeyCache(crypto);
    const verification = { replay: new DatabaseReplayCache(db.db), dpopKeys };
    const [a, b] = await Promise.all([createDpopKey(), createDpopKey('PS256')]);
    const url = 'https://api.tessera.test/v1/payments';
    const iat = Math.floor(clock.now().getTime() / 1000);
    for (const key of [a, a, a, b, b, a]) {
      const proof = await makeDpopProof({ key, htm: 'GET', htu: url, iat });
      await verifyDpopProof({ proof, method: 'GET', url, clock, verification });
    }
    expect(crypto.imports).toBe(2);
    db.close();
  });
});
