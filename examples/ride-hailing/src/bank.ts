import { type CustomerSession, Tessera, type WebCryptoKey, type WebCryptoKeyPair } from '@tessera/sdk';
import type { RidesConfig } from './config.ts';
import type { Link } from './store.ts';

/**
 * The app's Tessera clients. All authenticate with private_key_jwt (the app's signing key); the
 * app-level one acts as the app (webhook endpoints, reading lines and limit offers), and each
 * rider's has that rider's own DPoP key: the bank reads a DPoP key as the customer's device, and
 * one key acting for more than two customers is declined as linked devices (`fraud_review`).
 */
export class Bank {
  readonly app: Tessera;
  readonly #config: RidesConfig;
  readonly #signingKey: WebCryptoKey;
  /** One client per link, so its DPoP nonces and the server metadata are fetched once. */
  readonly #riders = new WeakMap<WebCryptoKeyPair, Tessera>();

  private constructor(config: RidesConfig, signingKey: WebCryptoKey) {
    this.#config = config;
    this.#signingKey = signingKey;
    this.app = this.#client();
  }

  static async connect(config: RidesConfig): Promise<Bank> {
    const key = await crypto.subtle.importKey(
      'jwk',
      config.privateJwk,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    return new Bank(config, key);
  }

  /** A rider's own DPoP key, made when they link. Not extractable: it lives as long as the process. */
  static newDeviceKey(): Promise<WebCryptoKeyPair> {
    return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  }

  forKey(dpopKey: WebCryptoKeyPair): Tessera {
    let client = this.#riders.get(dpopKey);
    if (!client) {
      client = this.#client(dpopKey);
      this.#riders.set(dpopKey, client);
    }
    return client;
  }

  /**
   * The rider's session from the stored tokens, with no rider present: an expired access token is
   * refreshed with the stored refresh token, and the new tokens replace the stored ones.
   */
  session(link: Link): CustomerSession {
    return this.forKey(link.dpopKey).oauth.resumeSession(link.tokens, {
      onRefresh: (tokens) => {
        link.tokens = tokens;
      },
    });
  }

  #client(dpopKey?: WebCryptoKeyPair): Tessera {
    return new Tessera({
      baseUrl: this.#config.baseUrl,
      clientId: this.#config.clientId,
      privateKey: this.#signingKey,
      kid: this.#config.keyId,
      redirectUri: `${this.#config.appUrl}/callback`,
      ...(dpopKey ? { dpopKey } : {}),
    });
  }
}
