import { desc, eq, ne } from 'drizzle-orm';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Database } from '../db/client';
import { signingKeys } from '../db/schema';
import type { Clock } from '../platform/clock';
import { randomToken } from '../platform/ids';

export interface SigningKey {
  kid: string;
  alg: 'ES256';
  key: CryptoKey;
  /** The private JWK, so a runtime's own crypto (node:crypto) can import and sign with it. */
  privateJwk?: JWK;
}

/** Where the authorization server's keys live: the database here; a KMS could implement it too. */
export interface KeyStore {
  signingKey(): Promise<SigningKey>;
  /** Public JWKs of every key not retired: the JWKS, and what tokens are verified against. */
  publicKeys(): Promise<JWK[]>;
  rotate(): Promise<string>;
  retire(kid: string): Promise<void>;
}

const CACHE_MS = 60_000;

/**
 * Keys in the database, cached per process/isolate for a minute. Rotation: a new key becomes the
 * signer at once; older keys stay in the JWKS (status `retiring`) until retired, so tokens they
 * signed keep verifying until they expire.
 */
export class DbKeyStore implements KeyStore {
  #cache: { at: number; signer: SigningKey; publics: JWK[] } | null = null;
  #loading: Promise<{ signer: SigningKey; publics: JWK[] }> | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async signingKey(): Promise<SigningKey> {
    return (await this.#load()).signer;
  }

  async publicKeys(): Promise<JWK[]> {
    return (await this.#load()).publics;
  }

  async rotate(): Promise<string> {
    const kid = await this.#create();
    await this.db.update(signingKeys).set({ status: 'retiring' }).where(ne(signingKeys.kid, kid));
    this.#cache = null;
    return kid;
  }

  async retire(kid: string): Promise<void> {
    await this.db
      .update(signingKeys)
      .set({ status: 'retired', retiredAt: this.clock.now() })
      .where(eq(signingKeys.kid, kid));
    this.#cache = null;
  }

  async #load() {
    if (this.#cache && this.clock.now().getTime() - this.#cache.at < CACHE_MS) return this.#cache;
    this.#loading ??= this.#read().finally(() => {
      this.#loading = null;
    });
    const loaded = await this.#loading;
    this.#cache = { at: this.clock.now().getTime(), ...loaded };
    return loaded;
  }

  async #read(): Promise<{ signer: SigningKey; publics: JWK[] }> {
    let rows = await this.db
      .select()
      .from(signingKeys)
      .where(ne(signingKeys.status, 'retired'))
      .orderBy(desc(signingKeys.createdAt));
    if (!rows.some((r) => r.status === 'active')) {
      await this.#create();
      rows = await this.db
        .select()
        .from(signingKeys)
        .where(ne(signingKeys.status, 'retired'))
        .orderBy(desc(signingKeys.createdAt));
    }
    // Two instances may each create a first key at once; the newest signs, all verify.
    const active = rows.find((r) => r.status === 'active')!;
    const key = (await importJWK(active.privateJwk as JWK, 'ES256')) as CryptoKey;
    return {
      signer: { kid: active.kid, alg: 'ES256', key, privateJwk: active.privateJwk as JWK },
      publics: rows.map((r) => ({ ...(r.publicJwk as JWK), kid: r.kid, alg: r.alg, use: 'sig' })),
    };
  }

  async #create(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `k${this.clock.now().toISOString().slice(0, 10).replace(/-/g, '')}-${randomToken(8)}`;
    await this.db.insert(signingKeys).values({
      kid,
      alg: 'ES256',
      publicJwk: await exportJWK(publicKey),
      privateJwk: await exportJWK(privateKey),
      status: 'active',
      createdAt: this.clock.now(),
    });
    return kid;
  }
}
