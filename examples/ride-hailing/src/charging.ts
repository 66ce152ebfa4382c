import {
  ApiError,
  ConnectionError,
  type CreditLineDraw,
  type CustomerSession,
  TesseraError,
} from '@tessera/sdk';
import type { Bank } from './bank.ts';
import { endedBy, endLink } from './link-state.ts';
import { formatMoney } from './money.ts';
import type { Money, Receipt, Ride, Store } from './store.ts';

/** The link no longer works: the rider is told why, and the bank is not asked again. */
export class LinkInactiveError extends Error {}

/** The bank could not be reached or answered 5xx: nothing is stored, a retry is safe. */
export class TryAgainError extends Error {}

/**
 * Charging a finished ride with no rider present: a payment under the standing consent; when the
 * deposit is short (the payment fails `insufficient_funds`) a draw on the credit line instead.
 *
 * The payment's own failure decides, not a funds confirmation first: a confirmation is one more
 * request per ride and answers for a moment that has passed by the time the payment runs, while a
 * failed payment moves no money and says exactly why. Every bank call carries an Idempotency-Key
 * made from the ride id, so a finish retried after a timeout or a crash replays the bank's first
 * answer instead of charging again; a finish already answered returns its stored receipt.
 */
export class Charging {
  readonly #bank: Bank;
  readonly #store: Store;
  /** A second finish of a ride while the first is still charging waits for the first's answer. */
  readonly #inFlight = new Map<string, Promise<Receipt>>();

  constructor(bank: Bank, store: Store) {
    this.#bank = bank;
    this.#store = store;
  }

  finish(ride: Ride, fare: Money): Promise<Receipt> {
    if (ride.receipt) return Promise.resolve(ride.receipt);
    let running = this.#inFlight.get(ride.id);
    if (!running) {
      running = this.#charge(ride, fare).finally(() => this.#inFlight.delete(ride.id));
      this.#inFlight.set(ride.id, running);
    }
    return running;
  }

  async #charge(ride: Ride, fare: Money): Promise<Receipt> {
    const rider = this.#store.rider(ride.riderId)!;
    const link = rider.link;
    if (link?.status !== 'active')
      throw new LinkInactiveError(link?.message ?? 'Link your bank before riding: rides are charged to it.');
    const session = this.#bank.session(link);
    try {
      const receipt = await this.#pay(session, ride, fare, link.lineId);
      ride.status = 'finished';
      ride.receipt = receipt;
      return receipt;
    } catch (err) {
      const ended = endedBy(err);
      if (ended) {
        endLink(rider, ended);
        throw new LinkInactiveError(link.message!);
      }
      if (err instanceof ConnectionError || err instanceof ApiError)
        throw new TryAgainError(`The bank did not answer (${err.code}); finish the ride again to retry.`);
      throw err;
    }
  }

  async #pay(session: CustomerSession, ride: Ride, fare: Money, lineId: string | null): Promise<Receipt> {
    const payment = await session.payments.create(
      { amount: fare, description: `Ride ${ride.from} → ${ride.to}`, reference: ride.id },
      { idempotencyKey: `${ride.id}-payment` },
    );
    const base = { ride: ride.id, fare, payment: payment.id, finished_at: new Date().toISOString() };
    if (payment.status === 'succeeded')
      return {
        ...base,
        status: 'paid',
        method: 'bank_payment',
        draw: null,
        instant_boost: null,
        message: `Paid ${formatMoney(fare)} from your bank account.`,
      };
    if (payment.failure_code !== 'insufficient_funds' || !lineId)
      return {
        ...base,
        status: 'unpaid',
        method: null,
        draw: null,
        instant_boost: null,
        message: `Not paid: ${payment.failure_message ?? payment.failure_code}.`,
      };
    const draw = await this.#draw(session, lineId, ride, fare);
    if (typeof draw === 'string')
      return { ...base, status: 'unpaid', method: null, draw: null, instant_boost: null, message: draw };
    if (draw.status !== 'approved')
      return {
        ...base,
        status: 'unpaid',
        method: null,
        draw: draw.id,
        instant_boost: null,
        message: `Your account was short and the bank declined the credit line: ${draw.reasons[0]?.text ?? 'no reason given'}.`,
      };
    const boost = draw.instant_boost;
    return {
      ...base,
      status: 'paid',
      method: 'credit_line',
      draw: draw.id,
      instant_boost: boost ? { from: boost.from as Money, to: boost.to as Money } : null,
      message: boost
        ? `Your account was short, so ${formatMoney(fare)} went on your credit line; your bank raised its limit from ${formatMoney(boost.from as Money)} to ${formatMoney(boost.to as Money)} to cover it.`
        : `Your account was short, so ${formatMoney(fare)} went on your credit line.`,
    };
  }

  /** The draw, or why the line could not take it (a closed line is a 4xx, not a decline). */
  async #draw(
    session: CustomerSession,
    lineId: string,
    ride: Ride,
    fare: Money,
  ): Promise<CreditLineDraw | string> {
    try {
      return await session.creditLines.draws.create(
        lineId,
        { amount: fare, order_reference: ride.id },
        { idempotencyKey: `${ride.id}-draw` },
      );
    } catch (err) {
      if (err instanceof TesseraError && err.code === 'credit_line_closed')
        return 'Your account was short and your credit line is closed.';
      throw err;
    }
  }
}
