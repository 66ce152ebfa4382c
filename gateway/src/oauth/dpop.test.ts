import { base64url, exportJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seenJtis } from '../db/schema';
import { ManualClock } from '../platform/clock';
import { sha256Hex } from '../platform/crypto';
import { createTestDatabase, type TestDatabase } from '../testing/harness';
import { DPOP_CLOCK_SKEW_SECONDS, DPOP_MAX_AGE_SECONDS } from './checks/dpop-iat';
import { DPOP_NONCE_WINDOW_MS, DpopNonces, type DpopProofInput, verifyDpopProof } from './dpop';
import {
  createDpopKey,
  type DpopKey,
  type DpopProofOptions,
  makeDpopProof,
  unsignedJwt,
} from './dpop-testing';
import { OAuthError } from './errors';

const URL_ = 'https://api.tessera.test/v1/payments';
const TOKEN = 'at_example-access-token';
let database: TestDatabase;
let clock: ManualClock;
let key: DpopKey;
let otherKey: DpopKey;

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock('2026-11-22T10:00:00Z');
  [key, otherKey] = await Promise.all([createDpopKey(), createDpopKey()]);
});
afterAll(() => database.close());

const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
const proof = (opts: Partial<DpopProofOptions> = {}) =>
  makeDpopProof({ key, htm: 'POST', htu: URL_, iat: nowSeconds(), ...opts });
const verify = (proofValue: string | undefined, opts: Partial<DpopProofInput> = {}) =>
  verifyDpopProof({ proof: proofValue, method: 'POST', url: URL_, db: database.db, clock, ...opts });

async function refused(
  promise: Promise<unknown>,
  rule: string,
  error = 'invalid_dpop_proof',
): Promise<OAuthError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OAuthError);
  expect(err).toMatchObject({ error, rule, status: 400 });
  return err as OAuthError;
}

describe('DPoP RFC 9449', () => {
  describe('§4.3 a valid proof', () => {
    it('passes and yields the RFC 7638 SHA-256 thumbprint of its key', async () => {
      const { kty, crv, x, y } = key.publicJwk;
      const members = JSON.stringify({ crv, kty, x, y }); // RFC 7638 §3: required members, sorted, no spaces
      const expected = base64url.encode(
        new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(members))),
      );
      const result = await verify(await proof({ jti: 'valid-1' }));
      expect(result).toEqual({ jkt: expected, jwk: { kty, crv, x, y }, jti: 'valid-1' });
      expect(result.jkt).toBe(key.jkt);
    });

    it('passes with PS256 (FAPI 2.0) and with an access token it hashes in ath', async () => {
      const rsa = await createDpopKey('PS256');
      await expect(verify(await proof({ key: rsa }))).resolves.toMatchObject({ jkt: rsa.jkt });
      await expect(
        verify(await proof({ accessToken: TOKEN }), { accessToken: TOKEN }),
      ).resolves.toBeDefined();
    });

    it('passes when the key matches the expected jkt (cnf.jkt or dpop_jkt)', async () => {
      await expect(verify(await proof(), { expectedJkt: key.jkt })).resolves.toBeDefined();
    });
  });

  describe('§4.3 the DPoP header', () => {
    it('is required', async () => {
      await refused(verify(undefined), 'dpop.missing');
      await refused(verify(''), 'dpop.missing');
    });

    it('holds exactly one proof', async () => {
      await refused(verify(`${await proof()}, ${await proof()}`), 'dpop.single');
    });

    it('holds a compact JWT', async () => {
      await refused(verify('not-a-jwt'), 'dpop.format');
      await refused(verify('e30.bm90LWpzb24.c2ln'), 'dpop.format');
    });
  });

  describe('§4.3 the JOSE header', () => {
    it('refuses a typ other than dpop+jwt', async () => {
      await refused(verify(await proof({ overrides: { header: { typ: 'JWT' } } })), 'dpop.typ');
      await refused(verify(await proof({ overrides: { header: { typ: undefined } } })), 'dpop.typ');
    });

    it('refuses alg none', async () => {
      const payload = { jti: 'none-1', htm: 'POST', htu: URL_, iat: nowSeconds() };
      await refused(
        verify(unsignedJwt({ typ: 'dpop+jwt', alg: 'none', jwk: key.publicJwk }, payload)),
        'dpop.alg',
      );
    });

    it('refuses HS256 (a MAC proves no key possession)', async () => {
      const hs = await new SignJWT({ jti: 'hs-1', htm: 'POST', htu: URL_, iat: nowSeconds() })
        .setProtectedHeader({ typ: 'dpop+jwt', alg: 'HS256', jwk: key.publicJwk })
        .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
      await refused(verify(hs), 'dpop.alg');
    });

    it('refuses a missing jwk, a private key, a symmetric key and a key of the wrong type', async () => {
      await refused(verify(await proof({ overrides: { header: { jwk: undefined } } })), 'dpop.jwk');
      const privateJwk = await exportJWK(key.privateKey);
      const err = await refused(
        verify(await proof({ overrides: { header: { jwk: privateJwk } } })),
        'dpop.jwk',
      );
      expect(err.description).toContain('d');
      const oct = { kty: 'oct', k: 'c2VjcmV0' };
      await refused(verify(await proof({ overrides: { header: { jwk: oct } } })), 'dpop.jwk');
      const rsa = await createDpopKey('PS256');
      await refused(verify(await proof({ overrides: { header: { jwk: rsa.publicJwk } } })), 'dpop.jwk');
    });

    it('refuses a proof not signed by the key in its jwk header', async () => {
      await refused(
        verify(await proof({ overrides: { header: { jwk: otherKey.publicJwk } } })),
        'dpop.signature',
      );
      const [head, , sig] = (await proof()).split('.');
      const forged = base64url.encode(
        JSON.stringify({ jti: 'forged', htm: 'POST', htu: URL_, iat: nowSeconds() }),
      );
      await refused(verify(`${head}.${forged}.${sig}`), 'dpop.signature');
    });

    it('refuses an RSA key under 2048 bits', async () => {
      // jose will not sign with one, and the key check refuses before any signature is computed.
      const params = {
        name: 'RSA-PSS',
        modulusLength: 1024,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      };
      const weak = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
      const header = { typ: 'dpop+jwt', alg: 'PS256', jwk: await exportJWK(weak.publicKey) };
      const payload = { jti: 'weak-1', htm: 'POST', htu: URL_, iat: nowSeconds() };
      await refused(verify(unsignedJwt(header, payload, 'c2ln')), 'dpop.jwk');
    });
  });

  describe('§4.3 the claims', () => {
    it('refuses an htm other than the request method', async () => {
      await refused(verify(await proof({ htm: 'GET' })), 'dpop.htm');
      await refused(verify(await proof({ htm: 'post' })), 'dpop.htm');
    });

    it('refuses an htu for another path or another host', async () => {
      await refused(verify(await proof({ htu: 'https://api.tessera.test/v1/refunds' })), 'dpop.htu');
      await refused(verify(await proof({ htu: 'https://evil.test/v1/payments' })), 'dpop.htu');
      await refused(verify(await proof({ htu: 'http://api.tessera.test/v1/payments' })), 'dpop.htu');
      await refused(verify(await proof({ overrides: { payload: { htu: undefined } } })), 'dpop.htu');
    });

    it('compares htu without query and fragment, after normalizing case and default port', async () => {
      await expect(verify(await proof(), { url: `${URL_}?limit=10#top` })).resolves.toBeDefined();
      const loud = 'HTTPS://API.Tessera.TEST:443/v1/payments?x=1';
      await expect(verify(await proof({ htu: loud }))).resolves.toBeDefined();
    });

    it(`accepts iat up to ${DPOP_MAX_AGE_SECONDS} s old and ${DPOP_CLOCK_SKEW_SECONDS} s ahead, no further`, async () => {
      const now = nowSeconds();
      await expect(verify(await proof({ iat: now - DPOP_MAX_AGE_SECONDS }))).resolves.toBeDefined();
      await expect(verify(await proof({ iat: now + DPOP_CLOCK_SKEW_SECONDS }))).resolves.toBeDefined();
      await refused(verify(await proof({ iat: now - DPOP_MAX_AGE_SECONDS - 1 })), 'dpop.iat');
      await refused(verify(await proof({ iat: now + DPOP_CLOCK_SKEW_SECONDS + 1 })), 'dpop.iat');
      await refused(verify(await proof({ overrides: { payload: { iat: String(now) } } })), 'dpop.iat');
    });

    it('refuses a missing or oversized jti', async () => {
      await refused(verify(await proof({ overrides: { payload: { jti: undefined } } })), 'dpop.jti');
      await refused(verify(await proof({ jti: 'j'.repeat(257) })), 'dpop.jti');
    });

    it('refuses a wrong ath, or none when an access token is presented', async () => {
      await refused(
        verify(await proof({ accessToken: 'another-token' }), { accessToken: TOKEN }),
        'dpop.ath',
      );
      await refused(verify(await proof(), { accessToken: TOKEN }), 'dpop.ath');
    });

    it('refuses a key other than the one the token or request is bound to', async () => {
      await refused(verify(await proof(), { expectedJkt: otherKey.jkt }), 'dpop.jkt');
    });
  });

  describe('§11.1 replay', () => {
    it('refuses the second use of a proof and remembers it until its iat window ends', async () => {
      const once = await proof({ jti: 'replay-1' });
      await verify(once);
      await refused(verify(once), 'dpop.replay');
      const hash = await sha256Hex(`${key.jkt}.replay-1`);
      const rows = await database.db.select().from(seenJtis);
      expect(rows.find((r) => r.jtiHash === hash)).toEqual({
        kind: 'dpop',
        jtiHash: hash,
        expiresAt: new Date((nowSeconds() + DPOP_MAX_AGE_SECONDS) * 1000),
      });
    });

    it('keeps jtis per key: the same jti from another key is another proof', async () => {
      await verify(await proof({ jti: 'shared-jti' }));
      await expect(verify(await proof({ key: otherKey, jti: 'shared-jti' }))).resolves.toBeDefined();
    });

    it('does not spend the jti of a proof refused for another reason', async () => {
      const p = await proof({ jti: 'not-burnt' });
      await refused(verify(p, { method: 'GET' }), 'dpop.htm');
      await refused(verify(p, { expectedJkt: otherKey.jkt }), 'dpop.jkt');
      await expect(verify(p)).resolves.toBeDefined();
    });
  });

  describe('§8 server nonces', () => {
    const secret = 'a-test-secret-of-at-least-32-bytes!!';

    it('answers use_dpop_nonce with a fresh nonce when the proof has none', async () => {
      const nonces = new DpopNonces({ secret, clock });
      const err = await refused(
        verify(await proof(), { nonces, requireNonce: true }),
        'dpop.nonce',
        'use_dpop_nonce',
      );
      const fresh = err.headers['DPoP-Nonce'];
      expect(fresh).toMatch(/^[\x21\x23-\x5b\x5d-\x7e]+$/); // RFC 9449 NQCHAR
      await expect(nonces.isValid(fresh!)).resolves.toBe(true);
    });

    it('accepts an issued nonce, still in the next window, and refuses it two windows later', async () => {
      const nonces = new DpopNonces({ secret, clock });
      const nonce = await nonces.issue();
      await expect(verify(await proof({ nonce }), { nonces, requireNonce: true })).resolves.toBeDefined();
      clock.advance(DPOP_NONCE_WINDOW_MS);
      await expect(verify(await proof({ nonce }), { nonces, requireNonce: true })).resolves.toBeDefined();
      clock.advance(DPOP_NONCE_WINDOW_MS);
      const err = await refused(
        verify(await proof({ nonce }), { nonces, requireNonce: true }),
        'dpop.nonce',
        'use_dpop_nonce',
      );
      expect(err.headers['DPoP-Nonce']).not.toBe(nonce);
    });

    it('refuses a nonce made with another secret, and short secrets', async () => {
      const nonces = new DpopNonces({ secret, clock });
      const foreign = await new DpopNonces({ secret: `${secret}-other`, clock }).issue();
      await refused(
        verify(await proof({ nonce: foreign }), { nonces, requireNonce: true }),
        'dpop.nonce',
        'use_dpop_nonce',
      );
      expect(() => new DpopNonces({ secret: 'short' })).toThrow(RangeError);
    });
  });
});
