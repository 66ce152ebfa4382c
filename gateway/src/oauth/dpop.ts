import { base64url, type JWK } from 'jose';
import type { Database } from '../db/client';
import { type Clock, MINUTE_MS, systemClock } from '../platform/clock';
import { timingSafeEqual } from '../platform/crypto';
import { webSignatureCrypto } from '../platform/signatures';
import { checkAlg, type DpopAlgorithm } from './checks/dpop-alg';
import { checkAth } from './checks/dpop-ath';
import { checkFormat } from './checks/dpop-format';
import { checkHtm } from './checks/dpop-htm';
import { checkHtu } from './checks/dpop-htu';
import { checkIat, DPOP_IAT_WINDOW, type IatWindow } from './checks/dpop-iat';
import { checkJkt } from './checks/dpop-jkt';
import { checkJti } from './checks/dpop-jti';
import { checkJwk } from './checks/dpop-jwk';
import { checkNonce, type NonceSource } from './checks/dpop-nonce';
import { checkReplay } from './checks/dpop-replay';
import { checkSignature } from './checks/dpop-signature';
import { checkSingleProof } from './checks/dpop-single-proof';
import { checkTyp } from './checks/dpop-typ';
import { ImportedKeyCache, jwkThumbprint } from './key-cache';
import type { CheckedProofHeader } from './proof-headers';
import { DatabaseReplayCache } from './replay/database';
import type { ReplayCache } from './replay/types';

/** What a deployment verifies proofs with: its replay cache and its imported-key cache (and crypto). */
export interface ProofVerification {
  replay: ReplayCache;
  dpopKeys: ImportedKeyCache;
}

/** For callers that bring only a database (tests of the checks): WebCrypto, keys cached here. */
const defaultKeys = new ImportedKeyCache(webSignatureCrypto);

export interface DpopProofInput {
  /** The raw DPoP header value, as received (undefined when absent). */
  proof: string | undefined;
  /** The request method, e.g. `POST`. */
  method: string;
  /** The public URL of the request as the client addressed it (behind a proxy, not the internal one). */
  url: string;
  /** At a resource server: the token from `Authorization: DPoP <token>`, which `ath` must hash. */
  accessToken?: string;
  /** base64url(SHA-256) of accessToken, when the caller has it already (the verifier's cache). */
  accessTokenHash?: string;
  /** The thumbprint the key must have: the token's cnf.jkt, or PAR's / the code's dpop_jkt. */
  expectedJkt?: string;
  /** The deployment's caches (OAuthServices.verification); without them, seen_jtis in `db`. */
  verification?: ProofVerification;
  db?: Database;
  clock: Clock;
  nonces?: DpopNonces;
  requireNonce?: boolean;
  iatWindow?: IatWindow;
}

export interface VerifiedDpopProof {
  /** RFC 7638 SHA-256 thumbprint of the proof key: what cnf.jkt holds. */
  jkt: string;
  jwk: JWK;
  jti: string;
}

/**
 * RFC 9449 §4.3 with FAPI 2.0's algorithms. Cheap structural and claim checks come first, then
 * the signature, then the nonce, and the replay cache last, so a proof refused for any other
 * reason does not use up its jti. Throws OAuthError (`invalid_dpop_proof` or `use_dpop_nonce`).
 */
export async function verifyDpopProof(input: DpopProofInput): Promise<VerifiedDpopProof> {
  const proof = checkSingleProof(input.proof);
  const keys = input.verification?.dpopKeys ?? defaultKeys;
  const replay = input.verification?.replay ?? (input.db && new DatabaseReplayCache(input.db));
  if (!replay) throw new TypeError('verifyDpopProof needs a replay cache or a database');
  let known: CheckedProofHeader | undefined;
  const { header, payload, jws } = checkFormat(proof, (segment) => {
    known = keys.proofHeaders.get(segment);
    return known?.header;
  });
  // A known header passed typ, alg and jwk before, and would again: they depend on it alone.
  let alg: DpopAlgorithm;
  let jwk: JWK;
  if (known) ({ alg, jwk } = known);
  else {
    checkTyp(header.typ);
    alg = checkAlg(header.alg);
    jwk = checkJwk(header.jwk, alg);
  }
  checkHtm(payload.htm, input.method);
  checkHtu(payload.htu, input.url);
  const rememberUntil = checkIat(payload.iat, input.clock.now(), input.iatWindow ?? DPOP_IAT_WINDOW);
  const jti = checkJti(payload.jti);
  checkAth(payload.ath, input.accessToken, keys.crypto, input.accessTokenHash);
  const jkt = known?.jkt ?? jwkThumbprint(keys.crypto, jwk);
  checkJkt(jkt, input.expectedJkt);
  await checkSignature(jws, jwk, alg, keys, jkt);
  if (!known) keys.proofHeaders.remember(jws.headerSegment, { header, alg, jwk, jkt });
  if (input.requireNonce) {
    if (!input.nonces) throw new TypeError('requireNonce needs nonces to check against');
    await checkNonce(payload.nonce, input.nonces);
  }
  await checkReplay(replay, jkt, jti, payload.iat as number, rememberUntil);
  return { jkt, jwk, jti };
}

export const DPOP_NONCE_WINDOW_MS = 5 * MINUTE_MS;
const encoder = new TextEncoder();

/**
 * Server nonces (RFC 9449 §8–9) without storage, so every runtime instance accepts every other's:
 * an HMAC of the time-window counter, valid in the window it was issued and the next one (so a
 * nonce lives between one and two windows). Use a different secret for the authorization server
 * and each resource server: their nonces are independent (§9).
 */
export class DpopNonces implements NonceSource {
  readonly #secret: Uint8Array;
  readonly #clock: Clock;
  readonly #windowMs: number;
  #key: Promise<CryptoKey> | undefined;
  readonly #windows = new Map<number, Promise<string>>();

  constructor(opts: { secret: string | Uint8Array; clock?: Clock; windowMs?: number }) {
    this.#secret = typeof opts.secret === 'string' ? encoder.encode(opts.secret) : opts.secret;
    if (this.#secret.length < 32) throw new RangeError('a DPoP nonce secret needs at least 32 bytes');
    this.#clock = opts.clock ?? systemClock;
    this.#windowMs = opts.windowMs ?? DPOP_NONCE_WINDOW_MS;
  }

  issue(): Promise<string> {
    return this.#nonceFor(this.#currentWindow());
  }

  async isValid(nonce: string): Promise<boolean> {
    const counter = Number.parseInt(nonce.split('.')[0] ?? '', 36);
    const current = this.#currentWindow();
    if (counter !== current && counter !== current - 1) return false;
    return timingSafeEqual(nonce, await this.#nonceFor(counter));
  }

  #currentWindow(): number {
    return Math.floor(this.#clock.now().getTime() / this.#windowMs);
  }

  /**
   * The counter travels in the clear so checking a nonce costs one HMAC, and that HMAC is a pure
   * function of the counter: computed once per window (the current and the previous one are
   * kept), not once per request.
   */
  #nonceFor(counter: number): Promise<string> {
    let nonce = this.#windows.get(counter);
    if (!nonce) {
      nonce = this.#compute(counter);
      nonce.catch(() => this.#windows.delete(counter));
      this.#windows.set(counter, nonce);
      for (const k of this.#windows.keys()) if (k < counter - 1) this.#windows.delete(k);
    }
    return nonce;
  }

  async #compute(counter: number): Promise<string> {
    this.#key ??= crypto.subtle.importKey(
      'raw',
      this.#secret as BufferSource,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(`dpop-nonce.${counter}`));
    return `${counter.toString(36)}.${base64url.encode(new Uint8Array(mac))}`;
  }
}
