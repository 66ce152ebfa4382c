import { describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock';
import { webSignatureCrypto } from '../platform/signatures';
import { testD1 } from '../testing/d1';
import { verifyDpopProof } from './dpop';
import { createDpopKey, makeDpopProof } from './dpop-testing';
import { OAuthError } from './errors';
import { ImportedKeyCache } from './key-cache';
import { DatabaseReplayCache } from './replay/database';

// Workers verify with WebCrypto and remember jtis in D1: the same rules as on Node.
describe('DPoP on Workers (WebCrypto, D1 replay cache)', () => {
  it('accepts a proof once, with its key imported once, and refuses the replay', async () => {
    const clock = new ManualClock('2026-11-22T10:00:00Z');
    const verification = {
      replay: new DatabaseReplayCache(testD1()),
      dpopKeys: new ImportedKeyCache(webSignatureCrypto),
    };
    const url = 'https://api.tessera.test/v1/payments';
    const iat = Math.floor(clock.now().getTime() / 1000);
    for (const alg of ['ES256', 'PS256'] as const) {
      const key = await createDpopKey(alg);
      const proof = await makeDpopProof({ key, htm: 'POST', htu: url, iat });
      const verify = () => verifyDpopProof({ proof, method: 'POST', url, clock, verification });
      await expect(verify()).resolves.toMatchObject({ jkt: key.jkt });
      const replay = await verify().catch((e: unknown) => e);
      expect(replay).toBeInstanceOf(OAuthError);
      expect(replay).toMatchObject({ rule: 'dpop.replay' });
      const fresh = await makeDpopProof({ key, htm: 'POST', htu: url, iat });
      await expect(
        verifyDpopProof({ proof: fresh, method: 'POST', url, clock, verification }),
      ).resolves.toBeDefined();
    }
    expect(verification.dpopKeys.size).toBe(2);
  });
});
