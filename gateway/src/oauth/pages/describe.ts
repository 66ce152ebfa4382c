import { formatMoney, isCurrency } from '../../platform/money';
import { SCOPES } from '../../platform/scopes';
import { type AuthorizationDetail, DETAIL_SCOPES } from '../authorization-details';
import type { AccessItem } from './parts';

export interface DescribeAccessInput {
  /** The app (OAuth client) asking. */
  appName: string;
  /** The partner's merchant account that payments go to. */
  merchantName: string;
  scopes: string[];
  details: AuthorizationDetail[];
  /**
   * Scopes outside the built-in catalogue (published API products) with the text their team
   * wrote for customers: shown as written. Scopes in neither are left out.
   */
  publishedScopes?: Record<string, string>;
}

const PERIOD_WORDS = { day: 'per day', week: 'per week', month: 'per month' } as const;

const PURPOSE_WORDS = {
  checkout_credit: 'to offer you credit at checkout',
  account_review: 'to review your account',
  customer_instruction: 'because you asked them to',
} as const;

function money(amount: number, currency: string): string {
  // The schema only admits supported currencies; the fallback keeps the page rendering regardless.
  return isCurrency(currency) ? formatMoney({ amount, currency }) : `${amount} ${currency} (minor units)`;
}

function describeDetail(detail: AuthorizationDetail, appName: string, merchantName: string): AccessItem {
  switch (detail.type) {
    case 'payment_initiation': {
      const reference = detail.reference ? [`Payment reference: ${detail.reference}`] : [];
      if ('instructed_amount' in detail) {
        const { amount, currency } = detail.instructed_amount;
        return {
          title: 'Make a payment',
          lines: [`Make one payment of ${money(amount, currency)} to ${merchantName}`, ...reference],
        };
      }
      const each = money(detail.max_amount_per_payment.amount, detail.max_amount_per_payment.currency);
      const per = money(detail.max_amount_per_period.amount, detail.max_amount_per_period.currency);
      return {
        title: 'Make regular payments',
        lines: [
          `Make payments to ${merchantName} of up to ${each} each and ${per} ${PERIOD_WORDS[detail.period]}`,
          ...reference,
        ],
      };
    }
    case 'credit_score':
      return {
        title: detail.detail === 'band' ? 'See your credit score band' : 'See your credit score',
        lines: [
          detail.detail === 'band'
            ? 'See your credit score band (for example "good"), not the score itself'
            : 'See your credit score and the main reasons behind it',
          `${appName} asks for it ${PURPOSE_WORDS[detail.purpose]}`,
          'Checking it does not affect your credit score',
        ],
      };
    case 'checkout_credit':
      return {
        title: 'Offer you credit for this order',
        lines: [
          `Offer you credit to pay for order ${detail.order_reference} (${money(detail.amount, detail.currency)}) over time, and, if you accept an offer, pay ${merchantName} for it`,
        ],
      };
    case 'credit_line':
      return {
        title: 'Use your credit line',
        lines: [
          `Draw up to ${money(detail.max_draw_amount.amount, detail.max_draw_amount.currency)} from your credit line`,
          ...(detail.instant_boost
            ? [
                'Ask us to raise your credit limit instantly when a purchase is up to 20% over what is available, if you qualify',
              ]
            : []),
        ],
      };
  }
}

/** A scope's description (written about "the customer" and "the app") addressed to the customer. */
export function scopeInWords(description: string, appName: string): string {
  return description
    .replaceAll('the customer prequalifies', 'you prequalify')
    .replaceAll('the customer’s', 'your')
    .replaceAll('the customer', 'you')
    .replaceAll('the app’s', `${appName}’s`)
    .replaceAll('the app', appName);
}

function isScope(scope: string): scope is keyof typeof SCOPES {
  return Object.hasOwn(SCOPES, scope);
}

/**
 * What an app may do, in plain words for the consent page: one item per authorization detail, then one
 * item for the scopes no detail covers. Never raw JSON or scope strings; unknown scopes are left out.
 */
export function describeAccess({
  appName,
  merchantName,
  scopes,
  details,
  publishedScopes = {},
}: DescribeAccessInput): AccessItem[] {
  const items = details.map((detail) => describeDetail(detail, appName, merchantName));
  const covered = new Set(details.flatMap((detail) => DETAIL_SCOPES[detail.type]));
  const unique = [...new Set(scopes)].filter((scope) => !covered.has(scope));
  const rest = unique.filter(isScope);
  const published = unique.filter((scope) => !isScope(scope) && Object.hasOwn(publishedScopes, scope));
  if (rest.length > 0 || published.length > 0) {
    items.push({
      title: 'Other access',
      lines: [
        ...rest.map((scope) => scopeInWords(SCOPES[scope], appName)),
        ...published.map((scope) => publishedScopes[scope]!),
      ],
    });
  }
  return items;
}
