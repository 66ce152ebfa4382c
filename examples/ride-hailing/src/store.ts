import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SessionSnapshot, WebCryptoKeyPair } from '@tessera/sdk';

export interface Money {
  amount: number;
  currency: 'USD';
}

/**
 * A rider's link to their bank: one consent holding the standing payment consent and the credit
 * line. `active` until the rider revokes it at the bank (`revoked`) or the bank stops honouring it
 * (`ended`); then the app never calls the bank for this link again.
 */
export interface Link {
  status: 'active' | 'revoked' | 'ended';
  consentId: string;
  lineId: string | null;
  /** The rider's tokens, stored server-side; replaced after every refresh. */
  tokens: SessionSnapshot;
  /** The DPoP key the tokens are bound to: the bank reads it as the rider's device. */
  dpopKey: WebCryptoKeyPair;
  linkedAt: string;
  endedAt: string | null;
  /** What the rider is told when the link no longer works. */
  message: string | null;
}

export interface Rider {
  id: string;
  name: string;
  /** sha256 of the rider's API key: the key itself is shown once, at sign-up. */
  keyHash: string;
  link: Link | null;
}

export interface Receipt {
  ride: string;
  fare: Money;
  status: 'paid' | 'unpaid';
  /** How it was paid: from the bank account (payment) or on the credit line (draw). */
  method: 'bank_payment' | 'credit_line' | null;
  payment: string | null;
  draw: string | null;
  /** Set when the bank raised the line at the point of purchase to cover the ride. */
  instant_boost: { from: Money; to: Money } | null;
  message: string;
  finished_at: string;
}

export interface Ride {
  id: string;
  riderId: string;
  from: string;
  to: string;
  status: 'requested' | 'finished';
  receipt: Receipt | null;
}

/** A link under way: kept between the push to the bank and the callback, found by `state`. */
export interface PendingLink {
  riderId: string;
  state: string;
  codeVerifier: string;
  dpopKey: WebCryptoKeyPair;
  expiresAt: number;
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * In memory: the subject is the Tessera flow. A real backend keeps these rows in its database,
 * with the tokens encrypted; a restart here forgets riders and links, not money (payments and
 * draws stay at the bank).
 */
export class Store {
  readonly #riders = new Map<string, Rider>();
  readonly #byKey = new Map<string, string>();
  readonly #rides = new Map<string, Ride>();
  readonly #pending = new Map<string, PendingLink>();
  /** Limit offers the bank announced by webhook (ids): what a real app would notify riders of. */
  readonly offerNotices = new Set<string>();

  addRider(name: string): { rider: Rider; apiKey: string } {
    const apiKey = `rk_${randomBytes(24).toString('base64url')}`;
    const rider: Rider = {
      id: `rdr_${randomUUID().slice(0, 8)}`,
      name,
      keyHash: hashKey(apiKey),
      link: null,
    };
    this.#riders.set(rider.id, rider);
    this.#byKey.set(rider.keyHash, rider.id);
    return { rider, apiKey };
  }

  riderByKey(apiKey: string): Rider | undefined {
    const id = this.#byKey.get(hashKey(apiKey));
    return id ? this.#riders.get(id) : undefined;
  }

  rider(id: string): Rider | undefined {
    return this.#riders.get(id);
  }

  riderByConsent(consentId: string): Rider | undefined {
    return [...this.#riders.values()].find((r) => r.link?.consentId === consentId);
  }

  addRide(riderId: string, from: string, to: string): Ride {
    const ride: Ride = {
      id: `RIDE-${randomUUID().slice(0, 8).toUpperCase()}`,
      riderId,
      from,
      to,
      status: 'requested',
      receipt: null,
    };
    this.#rides.set(ride.id, ride);
    return ride;
  }

  ride(id: string): Ride | undefined {
    return this.#rides.get(id);
  }

  addPending(link: PendingLink): void {
    for (const [state, p] of this.#pending) if (p.expiresAt < Date.now()) this.#pending.delete(state);
    this.#pending.set(link.state, link);
  }

  /** Single use: a callback takes its pending link whatever happens next. */
  takePending(state: string): PendingLink | undefined {
    const pending = this.#pending.get(state);
    this.#pending.delete(state);
    return pending && pending.expiresAt >= Date.now() ? pending : undefined;
  }
}
