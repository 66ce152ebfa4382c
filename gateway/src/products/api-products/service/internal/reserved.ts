/**
 * First path segments under /v1 that belong to the gateway itself, now or soon (merchant, credit
 * lines): a published product may not take one. A test holds this list to the app's routes.
 */
export const RESERVED_SEGMENTS: readonly string[] = [
  'balance',
  'balance-transactions',
  'consents',
  'credit-score',
  'credit-scores',
  'credit-lines',
  'developer',
  'events',
  'funds-confirmations',
  'health',
  'loan-offers',
  'loans',
  'merchant',
  'oauth',
  'payments',
  'payout-account',
  'payouts',
  'prequalifications',
  'products',
  'reports',
  'sandbox',
  'webhook-endpoints',
];
