import { Tessera, TesseraError } from '@tessera/sdk';
import { CURRENCY } from './catalog.ts';
import type { ShopConfig } from './config.ts';
import { applyLoan } from './loans.ts';
import type { Order, ShopSession, Store } from './store.ts';

/** A checkout the shopper may still come back from; the bank's pushed request lives shorter. */
const PENDING_MS = 15 * 60_000;

/** A callback the shop refuses: not from this browser's checkout, or not from the bank. */
export class CallbackError extends Error {}

/**
 * "Pay over time": a pushed authorization request with a `checkout_credit` detail, the bank's
 * hosted checkout (log in, pick a plan, sign), then the callback, the code and the loan.
 *
 * Each checkout gets a Tessera client of its own, and so a DPoP key of its own: the bank reads the
 * key as the customer's device, and one key acting for more than two customers is declined as
 * linked devices (`fraud_review`). The shop's app-level client never carries a customer's tokens.
 */
export class Checkouts {
  readonly #config: ShopConfig;
  readonly #store: Store;
  readonly #pending = new Map<string, Tessera>();

  constructor(config: ShopConfig, store: Store) {
    this.#config = config;
    this.#store = store;
  }

  get redirectUri(): string {
    return `${this.#config.shopUrl}/callback`;
  }

  /** Pushes the order to the bank and answers where to send the shopper. */
  async start(session: ShopSession, order: Order): Promise<string> {
    const customer = new Tessera({
      baseUrl: this.#config.baseUrl,
      clientId: this.#config.clientId,
      clientSecret: this.#config.clientSecret,
      redirectUri: this.redirectUri,
    });
    const { url, state, codeVerifier } = await customer.oauth.authorizationUrl({
      authorizationDetails: [
        { type: 'checkout_credit', amount: order.amount, currency: CURRENCY, order_reference: order.id },
      ],
    });
    session.checkout = { orderId: order.id, state, codeVerifier };
    this.#pending.set(order.id, customer);
    setTimeout(() => this.#pending.delete(order.id), PENDING_MS).unref();
    return url;
  }

  /**
   * The shopper is back from the bank: the callback must carry this browser's `state` and the
   * bank's `iss`; then the code becomes the customer's session, and the offer they signed a loan.
   */
  async complete(session: ShopSession, callbackUrl: string): Promise<Order> {
    const pending = session.checkout;
    const order = pending && this.#store.order(pending.orderId);
    const customer = order && this.#pending.get(order.id);
    if (!pending || !order || !customer)
      throw new CallbackError('No checkout is under way in this browser, or it has expired. Start again.');

    let code: string;
    try {
      ({ code } = await customer.oauth.parseCallback(callbackUrl, { state: pending.state }));
    } catch (err) {
      if (!(err instanceof TesseraError) || err.code === 'invalid_callback')
        throw new CallbackError(err instanceof Error ? err.message : 'The callback is not valid.');
      this.#finish(session, order);
      order.status = 'declined';
      order.problem =
        err.code === 'access_denied'
          ? 'The checkout was cancelled, or the bank could not offer credit for this order. Your cart is as you left it.'
          : `The bank answered ${err.code}: ${err.detail}`;
      return order;
    }
    this.#finish(session, order);

    try {
      const signed = await customer.oauth.exchangeCode({ code, codeVerifier: pending.codeVerifier });
      const detail = signed.authorizationDetails.find((d) => d.type === 'checkout_credit');
      const offer = detail && 'offer_id' in detail ? detail.offer_id : undefined;
      if (!offer) return this.#fail(order, 'The bank sent no signed offer with the consent.');
      // The key makes a retried request (a lost answer, a double click) return the same loan.
      const loan = await signed.loans.create({ offer }, { idempotencyKey: `${order.id}-loan` });
      applyLoan(order, loan);
      session.cart.clear();
    } catch (err) {
      if (!(err instanceof TesseraError)) throw err;
      return this.#fail(order, `The loan could not be made (${err.code}): ${err.detail}`);
    }
    return order;
  }

  #fail(order: Order, problem: string): Order {
    order.status = 'failed';
    order.problem = problem;
    return order;
  }

  #finish(session: ShopSession, order: Order): void {
    session.checkout = null;
    this.#pending.delete(order.id);
  }
}
