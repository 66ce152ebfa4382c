import { type JWTPayload, SignJWT } from 'jose';
import { signCompactJws } from '../platform/jws';
import type { ImportedKey, SignatureCrypto } from '../platform/signatures';
import type { SigningKey } from './keys';

/** Each signer imported once into the runtime's crypto; a new signer (rotation) is a new key. */
const importedSigners = new WeakMap<SigningKey, Promise<ImportedKey>>();

/**
 * A JWT signed by the authorization server's current key: with the runtime's crypto when it has
 * its own (node:crypto signs in a third of jose's time), with jose and WebCrypto otherwise.
 */
export function signJwt(
  crypto: SignatureCrypto | undefined,
  signer: SigningKey,
  header: { typ: string },
  claims: JWTPayload,
): Promise<string> {
  const protectedHeader = { alg: signer.alg, typ: header.typ, kid: signer.kid };
  if (!crypto || !signer.privateJwk)
    return new SignJWT(claims).setProtectedHeader(protectedHeader).sign(signer.key);
  let key = importedSigners.get(signer);
  if (!key) {
    key = crypto.importPrivateKey(signer.privateJwk, signer.alg);
    importedSigners.set(signer, key);
  }
  return key.then((k) => signCompactJws(crypto, protectedHeader, claims, k));
}
