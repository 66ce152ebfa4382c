import { TesseraError } from '@tessera/sdk';
import { Bank } from './bank.ts';
import type { Rider, Store } from './store.ts';

/** What the rider allows once, for every ride: the bank shows both on one consent page. */
export const RIDE_LIMITS = {
  perRide: { amount: 15_000, currency: 'USD' },
  perWeek: { amount: 60_000, currency: 'USD' },
} as const;

export const LINK_DETAILS = [
  {
    type: 'payment_initiation' as const,
    max_amount_per_payment: RIDE_LIMITS.perRide,
    max_amount_per_period: RIDE_LIMITS.perWeek,
    period: 'week' as const,
    reference: 'RIDES',
  },
  { type: 'credit_line' as const, max_draw_amount: RIDE_LIMITS.perRide, instant_boost: true },
];

/** The bank's pushed request lives 10 minutes or less; a link not finished by then starts again. */
const PENDING_MS = 10 * 60_000;

/** A callback the app refuses: not a link this app started, expired, or not from the bank. */
export class CallbackError extends Error {}

/**
 * Linking once: one pushed authorization request (PAR, PKCE, DPoP, private_key_jwt) with both
 * details — the bank's credit-line page takes over the consent page and lists the standing payment
 * consent beside the line, so the rider approves both in one visit — then the callback redeems the
 * code for the rider's tokens, which stay on this server.
 */
export class Linking {
  readonly #bank: Bank;
  readonly #store: Store;

  constructor(bank: Bank, store: Store) {
    this.#bank = bank;
    this.#store = store;
  }

  /** Pushes the request and answers where to send the rider's browser. */
  async start(rider: Rider): Promise<string> {
    const dpopKey = await Bank.newDeviceKey();
    const { url, state, codeVerifier } = await this.#bank.forKey(dpopKey).oauth.authorizationUrl({
      scope: 'credit_lines:read payments:read',
      authorizationDetails: LINK_DETAILS,
    });
    this.#store.addPending({
      riderId: rider.id,
      state,
      codeVerifier,
      dpopKey,
      expiresAt: Date.now() + PENDING_MS,
    });
    return url;
  }

  /**
   * The rider is back from the bank. The `state` names the link under way (single use); the SDK
   * checks it and the bank's `iss`, and the code redeems only with the rider's DPoP key.
   */
  async complete(
    callbackUrl: string,
  ): Promise<{ rider: Rider; outcome: 'linked' | 'declined'; message: string }> {
    const state = new URL(callbackUrl).searchParams.get('state') ?? '';
    const pending = this.#store.takePending(state);
    const rider = pending && this.#store.rider(pending.riderId);
    if (!pending || !rider)
      throw new CallbackError(
        'No link is under way for this request, or it expired. Start again from the app.',
      );
    const client = this.#bank.forKey(pending.dpopKey);
    let code: string;
    try {
      ({ code } = await client.oauth.parseCallback(callbackUrl, { state }));
    } catch (err) {
      if (!(err instanceof TesseraError) || err.code === 'invalid_callback')
        throw new CallbackError(err instanceof Error ? err.message : 'The callback is not valid.');
      const message =
        err.code === 'access_denied'
          ? 'The bank was not linked: you cancelled, or the bank could not open a credit line for you.'
          : `The bank answered ${err.code}: ${err.detail}`;
      return { rider, outcome: 'declined', message };
    }
    const session = await client.oauth.exchangeCode({ code, codeVerifier: pending.codeVerifier });
    const line = session.authorizationDetails.find((d) => d.type === 'credit_line');
    rider.link = {
      status: 'active',
      consentId: session.consentId,
      lineId: line && 'line_id' in line ? (line.line_id ?? null) : null,
      tokens: session.toJSON(),
      dpopKey: pending.dpopKey,
      linkedAt: new Date().toISOString(),
      endedAt: null,
      message: null,
    };
    return {
      rider,
      outcome: 'linked',
      message:
        'Your bank is linked: rides are paid from your account, or on your credit line when it runs short.',
    };
  }
}
