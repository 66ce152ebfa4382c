import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSignatureCrypto } from '../runtime/node-crypto';
import { type SignatureAlg, type SignatureCrypto, webSignatureCrypto } from './signatures';

const backings: SignatureCrypto[] = [webSignatureCrypto, nodeSignatureCrypto];
const data = new TextEncoder().encode('header.payload');
const pairs: Partial<Record<SignatureAlg, { privateJwk: JWK; publicJwk: JWK }>> = {};

beforeAll(async () => {
  for (const alg of ['ES256', 'PS256'] as const) {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    pairs[alg] = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  }
});

describe.each(['ES256', 'PS256'] as const)('%s: every backing reads what every other signs', (alg) => {
  it.each(
    backings.flatMap((signer) =>
      backings.map((verifier) => [signer.name, verifier.name, signer, verifier] as const),
    ),
  )('signed by %s, verified by %s', async (_s, _v, signer, verifier) => {
    const { privateJwk, publicJwk } = pairs[alg]!;
    const signature = await signer.sign(alg, await signer.importPrivateKey(privateJwk, alg), data);
    const key = await verifier.importPublicKey(publicJwk, alg);
    expect(await verifier.verify(alg, key, data, signature)).toBe(true);
    const tampered = signature.slice();
    tampered[5] = (tampered[5] ?? 0) ^ 1;
    expect(await verifier.verify(alg, key, data, tampered)).toBe(false);
    // A signature of the wrong length is refused, never thrown.
    expect(await verifier.verify(alg, key, data, signature.slice(1))).toBe(false);
  });
});

describe.each(backings)('the $name backing', (backing) => {
  it('refuses a PS256 signature one leading zero byte short (RFC 8017 §8.1.2: exactly k octets)', async () => {
    const { privateJwk, publicJwk } = pairs.PS256!;
    const signer = await nodeSignatureCrypto.importPrivateKey(privateJwk, 'PS256');
    let signature = await nodeSignatureCrypto.sign('PS256', signer, data);
    // PSS is salted: about one signature in 256 starts with a zero byte.
    for (let i = 0; signature[0] !== 0 && i < 5000; i++) {
      signature = await nodeSignatureCrypto.sign('PS256', signer, data);
    }
    expect(signature[0]).toBe(0);
    const key = await backing.importPublicKey(publicJwk, 'PS256');
    expect(await backing.verify('PS256', key, data, signature)).toBe(true);
    expect(await backing.verify('PS256', key, data, signature.slice(1))).toBe(false);
  });

  it('refuses to import a key for another algorithm', async () => {
    await expect(backing.importPublicKey(pairs.PS256!.publicJwk, 'ES256')).rejects.toThrow();
    await expect(backing.importPublicKey(pairs.ES256!.publicJwk, 'PS256')).rejects.toThrow();
  });

  it('refuses an EC point that is not on the curve', async () => {
    const { x } = pairs.ES256!.publicJwk;
    await expect(backing.importPublicKey({ ...pairs.ES256!.publicJwk, y: x }, 'ES256')).rejects.toThrow();
  });

  it('hashes SHA-256 as FIPS 180-4 says', () => {
    const hex = Buffer.from(backing.sha256(new TextEncoder().encode('abc'))).toString('hex');
    expect(hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
