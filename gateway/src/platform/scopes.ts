/** Every OAuth scope the platform grants, with what it lets an app do (shown on consent pages). */
export const SCOPES = {
  'payments:write': 'Initiate payments from the customer’s account to the app’s merchant account',
  'payments:read': 'Read payments and refunds the app made',
  'funds:confirm': 'Ask whether an amount is available in the customer’s account (never the balance)',
  'credit_score:read': 'Read the customer’s credit score or band for a stated purpose',
  'credit:prequalify': 'Check which credit the customer prequalifies for (soft inquiry)',
  'credit:offers': 'Request checkout credit offers for the customer',
  'loans:write': 'Originate and manage loans the customer accepted',
  'loans:read': 'Read the customer’s loans made through the app',
  'credit_lines:write': 'Open and draw on the customer’s credit line',
  'credit_lines:read': 'Read the customer’s credit line and limit offers',
  'consents:read': 'Read this consent (an app token: every consent the app holds)',
  'consents:write': 'Revoke this consent (an app token: any consent the app holds)',
  'events:read': 'Read the app’s events',
  'webhooks:manage': 'Manage the app’s webhook endpoints',
  'balance:read': 'Read the app’s merchant balance, balance transactions and settlement reports',
  'payouts:read': 'Read the app’s payouts',
  'payouts:write': 'Pay out the app’s available balance to its registered bank account',
} as const;
export type Scope = keyof typeof SCOPES;
