import { randomBytes } from 'node:crypto';

/**
 * Orders, carts and checkouts, in memory. On purpose: the example is about the Tessera flow, and
 * what a checkout holds between the redirect and the callback (the PKCE verifier, the DPoP key of
 * the customer's session) is short-lived and never needs to outlive the process. A restart
 * forgets orders, not money: the loans and events stay at the bank (`tessera.loans.list`,
 * `tessera.events.list`). A real shop puts `Order` rows in its own database.
 */

export interface OrderLine {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
}

export interface Installment {
  number: number;
  dueDate: string;
  amount: number;
}

export interface OrderLoan {
  id: string;
  plan: string;
  apr: number;
  status: 'active' | 'paid_off' | 'refunded';
  schedule: Installment[];
}

export type OrderStatus =
  | 'awaiting_payment'
  | 'declined'
  | 'failed'
  | 'confirmed'
  | 'partially_refunded'
  | 'refunded'
  | 'paid_off';

/** A webhook the shop verified and applied (the bank's word on the order). */
export interface ReceivedEvent {
  id: string;
  type: string;
  receivedAt: string;
}

export interface Order {
  /** Also the `order_reference` the bank sees on its pages. */
  id: string;
  /** The browser session that placed it: only it sees the order page. */
  sessionId: string;
  lines: OrderLine[];
  amount: number;
  currency: 'USD';
  status: OrderStatus;
  /** Why a checkout did not complete, in words for the shopper. */
  problem: string | null;
  loan: OrderLoan | null;
  /** Refunded so far, minor units, as the bank last reported it. */
  amountRefunded: number;
  events: ReceivedEvent[];
  createdAt: string;
}

/** What a browser session holds: its cart, and the checkout under way. */
export interface ShopSession {
  id: string;
  cart: Map<string, number>;
  checkout: { orderId: string; state: string; codeVerifier: string } | null;
}

export class Store {
  readonly #orders = new Map<string, Order>();
  readonly #sessions = new Map<string, ShopSession>();
  /** Deliveries are at least once: an event id seen is not applied again. */
  readonly #seenEvents = new Set<string>();

  session(id: string | undefined): ShopSession {
    const found = id ? this.#sessions.get(id) : undefined;
    if (found) return found;
    const created: ShopSession = {
      id: randomBytes(24).toString('base64url'),
      cart: new Map(),
      checkout: null,
    };
    this.#sessions.set(created.id, created);
    return created;
  }

  createOrder(sessionId: string, lines: OrderLine[]): Order {
    const order: Order = {
      id: `ORD-${randomBytes(6).toString('hex').toUpperCase()}`,
      sessionId,
      lines,
      amount: lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0),
      currency: 'USD',
      status: 'awaiting_payment',
      problem: null,
      loan: null,
      amountRefunded: 0,
      events: [],
      createdAt: new Date().toISOString(),
    };
    this.#orders.set(order.id, order);
    return order;
  }

  order(id: string): Order | undefined {
    return this.#orders.get(id);
  }

  orderByLoan(loanId: string): Order | undefined {
    return [...this.#orders.values()].find((o) => o.loan?.id === loanId);
  }

  /** Newest first. */
  orders(): Order[] {
    return [...this.#orders.values()].reverse();
  }

  seen(eventId: string): boolean {
    return this.#seenEvents.has(eventId);
  }

  markSeen(eventId: string): void {
    this.#seenEvents.add(eventId);
  }
}
