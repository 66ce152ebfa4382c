import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../platform/clock';
import type { SignatureCrypto } from '../platform/signatures';
import { nodeSignatureCrypto } from '../runtime/node-crypto';
import { createTestDatabase, type TestDatabase } from '../testing/harness';
import { accessTokenHash } from './checks/dpop-ath';
import { DpopNonces, verifyDpopProof } from './dpop';
import { createDpopKey, type DpopKey, makeDpopProof } from './dpop-testing';
import { OAuthError } from './errors';
import { ImportedKeyCache } from './key-cache';
import { DbKeyStore } from './keys';
import { EmbeddedReplayCache } from './replay/embedded';
import { MemoryReplaySet } from './replay/memory';
import { AccessTokenVerifier, issueAccessToken } from './tokens';

const URL_ = 'https://api.tessera.test/v1/consents/csn_1';
const clock = new ManualClock('2026-11-22T10:00:00Z');
const iat = () => Math.floor(clock.now().getTime() / 1000);
let database: TestDatabase;
let a: DpopKey;
let b: DpopKey;
beforeAll(async () => {
  [database, a, b] = await Promise.all([createTestDatabase(), createDpopKey(), createDpopKey()]);
});
afterAll(() => database.close());

/** The real Node backing, counting its digests. */
function countingCrypto(): SignatureCrypto & { digests: number } {
  const counted = {
    ...nodeSignatureCrypto,
    digests: 0,
    sha256(data: Uint8Array) {
      counted.digests++;
      return nodeSignatureCrypto.sha256(data);
    },
  };
  return counted;
}

async function verifier(crypto: SignatureCrypto) {
  const replay = await EmbeddedReplayCache.open((await createTestDatabase()).db, clock, crypto);
  const verification = { replay, dpopKeys: new ImportedKeyCache(crypto) };
  return (proof: string, extra: { accessToken?: string; accessTokenHash?: string } = {}) =>
    verifyDpopProof({ proof, method: 'GET', url: URL_, clock, verification, ...extra });
}

const refusedBy = (rule: string) => (e: unknown) => e instanceof OAuthError && e.rule === rule;

describe('a DPoP proof costs one signature check: what repeats is worked out once', () => {
  it('a proof header is decoded, checked and thumbprinted once per client key, however many proofs it signs', async () => {
    const crypto = countingCrypto();
    const verify = await verifier(crypto);
    for (const key of [a, a, a, b, b, a])
      await verify(await makeDpopProof({ key, htm: 'GET', htu: URL_, iat: iat() }));
    // One thumbprint per key; the replay cache hashes nothing until it saves.
    expect(crypto.digests).toBe(2);
  });

  it('a remembered header does not vouch for a signature: a proof with a known header signed by another key is refused', async () => {
    const verify = await verifier(nodeSignatureCrypto);
    const genuine = await makeDpopProof({ key: a, htm: 'GET', htu: URL_, iat: iat() });
    await verify(genuine);
    // a's header (so a's key and thumbprint), b's payload and signature.
    const forged = await makeDpopProof({ key: b, htm: 'GET', htu: URL_, iat: iat() });
    const [header] = genuine.split('.');
    const [, payload, signature] = forged.split('.');
    await expect(verify(`${header}.${payload}.${signature}`)).rejects.toSatisfy(refusedBy('dpop.signature'));
  });

  it('a header refused once is refused again: only headers of verified proofs are remembered', async () => {
    const verify = await verifier(nodeSignatureCrypto);
    const typo = { header: { typ: 'jwt' } };
    for (let i = 0; i < 2; i++) {
      const proof = await makeDpopProof({ key: a, htm: 'GET', htu: URL_, iat: iat(), overrides: typo });
      await expect(verify(proof)).rejects.toSatisfy(refusedBy('dpop.typ'));
    }
  });

  it("ath is compared with the token's hash the caller computed once, and a proof for another token is refused", async () => {
    const crypto = countingCrypto();
    const verify = await verifier(crypto);
    const token = 'the-access-token';
    const hash = await accessTokenHash(token);
    await verify(await makeDpopProof({ key: a, htm: 'GET', htu: URL_, iat: iat(), accessToken: token }), {
      accessToken: token,
      accessTokenHash: hash,
    });
    const other = await makeDpopProof({ key: a, htm: 'GET', htu: URL_, iat: iat(), accessToken: 'another' });
    await expect(verify(other, { accessToken: token, accessTokenHash: hash })).rejects.toSatisfy(
      refusedBy('dpop.ath'),
    );
    expect(crypto.digests).toBe(1);
  });

  it("the access-token verifier hashes a token's ath once, however many requests bring it", async () => {
    const crypto = countingCrypto();
    const issuer = {
      issuer: 'https://api.tessera.test',
      audience: 'https://api.tessera.test',
      clock,
      crypto,
    };
    const t = { ...issuer, keys: new DbKeyStore(database.db, clock) };
    const { token } = await issueAccessToken(t, {
      sub: 'app_1',
      clientId: 'app_1',
      scopes: [],
      grantId: 'g',
    });
    const tokens = new AccessTokenVerifier(t);
    expect(tokens.accessTokenHash(token)).toBeUndefined();
    await tokens.verify(token);
    for (let i = 0; i < 3; i++) expect(tokens.accessTokenHash(token)).toBe(await accessTokenHash(token));
    expect(crypto.digests).toBe(1);
  });

  it('the embedded replay cache hashes a value only when it saves it, and still refuses it after a restart', async () => {
    const db = await createTestDatabase();
    const crypto = countingCrypto();
    const set = new MemoryReplaySet(clock, crypto);
    const once = {
      kind: 'dpop' as const,
      value: 'jkt.jti-1',
      expiresAt: new Date(clock.now().getTime() + 60_000),
      acceptableFrom: clock.now(),
    };
    expect(set.use(once)).toBe('first_use');
    expect(set.use(once)).toBe('replay');
    expect(crypto.digests).toBe(0);
    const first = await EmbeddedReplayCache.open(db.db, clock, crypto);
    expect(await first.use(once)).toBe('first_use');
    await first.close();
    const second = await EmbeddedReplayCache.open(db.db, clock, crypto);
    expect(await second.use(once)).toBe('replay');
    db.close();
  });

  it("a DPoP nonce's HMAC is computed once per window, not once per request", async () => {
    const sign = vi.spyOn(crypto.subtle, 'sign');
    try {
      const nonces = new DpopNonces({ secret: 'n'.repeat(32), clock });
      const nonce = await nonces.issue();
      for (let i = 0; i < 5; i++) expect(await nonces.isValid(nonce)).toBe(true);
      expect(await nonces.isValid(`${nonce}x`)).toBe(false);
      expect(sign).toHaveBeenCalledTimes(1);
      clock.advance(5 * 60_000);
      expect(await nonces.isValid(nonce)).toBe(true);
      clock.advance(5 * 60_000);
      expect(await nonces.isValid(nonce)).toBe(false);
    } finally {
      sign.mockRestore();
    }
  });
});
