import type { Scope } from '../../platform/scopes';

/**
 * The API products an app subscribes to (as with Apigee's API products): each grants the app a
 * set of OAuth scopes once its subscription is active in the app's mode. A scope may belong to
 * more than one product.
 */
export const PRODUCTS = {
  payments: {
    name: 'Payments',
    description:
      'Payments from a customer’s account to your merchant account under their consent, refunds, and funds confirmation.',
    scopes: ['payments:write', 'payments:read', 'funds:confirm'],
  },
  credit_scores: {
    name: 'Credit scores',
    description:
      'The customer’s credit score or band (scorecard-2026.1) for a stated purpose, with reasons when the consent allows.',
    scopes: ['credit_score:read'],
  },
  checkout_credit: {
    name: 'Checkout credit',
    description:
      'Pay-in-4 and installment offers at checkout, with disclosures, and the loans customers accept.',
    scopes: ['credit:prequalify', 'credit:offers', 'loans:write', 'loans:read'],
  },
  credit_lines: {
    name: 'Credit lines',
    description: 'Revolving credit lines: open, draw (with instant boost), and limit offers.',
    scopes: ['credit:prequalify', 'credit_lines:write', 'credit_lines:read'],
  },
  events: {
    name: 'Events and webhooks',
    description: 'The app’s events for 30 days, and webhook endpoints that receive them.',
    scopes: ['events:read', 'webhooks:manage'],
  },
} as const satisfies Record<string, { name: string; description: string; scopes: readonly Scope[] }>;

export type ProductId = keyof typeof PRODUCTS;
export const PRODUCT_IDS = Object.keys(PRODUCTS) as [ProductId, ...ProductId[]];

/**
 * Every app holds these, whatever it subscribes to: reading and giving up the consents it was
 * given, and its own merchant money (every app has a merchant account).
 */
export const BASE_SCOPES: readonly Scope[] = [
  'consents:read',
  'consents:write',
  'balance:read',
  'payouts:read',
  'payouts:write',
];

/** The app's scopes after adding these products: what it had, plus theirs, each once, sorted. */
export function scopesWith(current: readonly string[], products: readonly ProductId[]): string[] {
  const all = new Set<string>([...BASE_SCOPES, ...current]);
  for (const p of products) for (const s of PRODUCTS[p].scopes) all.add(s);
  return [...all].sort();
}
