/**
 * WebCrypto's key types as the consumer's own type environment names them. `CryptoKey` is a DOM
 * lib global that Node-only projects (lib ES20xx with @types/node 20) do not have, while every
 * environment the SDK runs in types `globalThis.crypto`: reaching the key type through it lets a
 * partner compile with or without the DOM lib.
 */
export type WebCryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

/** A public and private key, as `crypto.subtle.generateKey` makes them for ECDSA or RSA-PSS. */
export interface WebCryptoKeyPair {
  privateKey: WebCryptoKey;
  publicKey: WebCryptoKey;
}
