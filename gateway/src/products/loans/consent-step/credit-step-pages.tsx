import type { Child } from 'hono/jsx';
import { safeLogoUri } from '../../../oauth/pages/consent';
import { Layout } from '../../../oauth/pages/layout';
import { type AccessItem, AccessItems, FormError, HiddenFields } from '../../../oauth/pages/parts';
import { formatMoney, isCurrency } from '../../../platform/money';

/**
 * What the consent steps of the bank's credit products (the hosted checkout, opening a credit
 * line) have in common: the app's heading, what else the request asks for, the agree-or-cancel
 * and go-back forms, and the adverse action page of a decline. One set of markup, so both steps
 * read alike to a customer and to a screen reader.
 */

export interface CreditStepProps {
  app: { name: string; logoUri?: string | undefined };
  customerName: string;
  merchantName: string;
  /** Anything else the app asks for in the same request, in plain words. */
  otherItems: AccessItem[];
  /** Where the final decision posts (`decision=approve|deny`). */
  decisionAction: string;
  csrf: string;
  hidden: Record<string, string>;
  error?: string | undefined;
}

/** An amount as the customer reads it; a currency the bank does not know shows its minor units. */
export const moneyText = (amount: number, currency: string) =>
  isCurrency(currency) ? formatMoney({ amount, currency }) : `${amount} ${currency} (minor units)`;

export const aprText = (apr: number) => `${(apr * 100).toFixed(2)}%`;

/** The app's logo and the page's title, who is signed in, and the form's error when there is one. */
export function StepHeader({ props, title }: { props: CreditStepProps; title: string }) {
  const logo = safeLogoUri(props.app.logoUri);
  return (
    <>
      <div class="app-heading">
        {logo && <img class="app-logo" src={logo} alt={props.app.name} width="48" height="48" />}
        <h1>{title}</h1>
      </div>
      <p class="muted">Signed in as {props.customerName}.</p>
      <FormError error={props.error} />
    </>
  );
}

export function OtherAccess({ items }: { items: AccessItem[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h2>Also asked for</h2>
      <div class="card">
        <AccessItems items={items} />
      </div>
    </>
  );
}

/** The step's approve button and a cancel that needs no ticked box. */
export function AgreeOrCancel({ props, agree }: { props: CreditStepProps; agree: string }) {
  return (
    <div class="actions">
      <button class="button" type="submit" name="decision" value="approve">
        {agree}
      </button>
      <button class="button button-secondary" type="submit" name="decision" value="deny" formnovalidate>
        Cancel and go back to {props.app.name}
      </button>
    </div>
  );
}

export function DenyForm({ props, label }: { props: CreditStepProps; label: string }) {
  return (
    <form method="post" action={props.decisionAction}>
      <HiddenFields csrf={props.csrf} hidden={props.hidden} />
      <div class="actions">
        <button class="button button-secondary" type="submit" name="decision" value="deny">
          {label}
        </button>
      </div>
    </form>
  );
}

function LinesCard({ lines }: { lines: string[] }) {
  return (
    <div class="card">
      <ul class="lines">
        {lines.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Adverse action: why no credit was given, in plain words (see declineInWords), the score's key
 * factors, what the page's product says about the decision (children), and the way back.
 */
export function CreditDeclinedPage(
  props: CreditStepProps & {
    title: string;
    reasons: string[];
    factors: string[];
    /** What the decision was about, above the reasons (the order). */
    lead?: Child;
    children: Child;
  },
) {
  return (
    <Layout title={props.title}>
      <StepHeader props={{ ...props, error: undefined }} title={props.title} />
      {props.lead}
      <h2>Why</h2>
      <LinesCard lines={props.reasons} />
      {props.factors.length > 0 && (
        <>
          <h2>What affected your credit score most</h2>
          <LinesCard lines={props.factors} />
        </>
      )}
      {props.children}
      <DenyForm props={props} label={`Go back to ${props.app.name}`} />
    </Layout>
  );
}

/** Decline codes in the customer's words (the partner sees the engine's own texts). */
const DECLINE_WORDS: Record<string, string> = {
  credit_frozen: 'Your credit file is frozen. Lift the freeze from your account pages before you apply.',
  credit_risk: 'Your credit history does not meet our lending criteria at the moment.',
  amount_above_limit: 'The order is more than the credit we can offer you now.',
  amount_below_minimum: 'The order is less than the smallest amount we can lend for.',
  insufficient_income:
    'The payments would be too high for your income together with the debts you already pay.',
  fraud_review: 'We could not confirm this application automatically, so we could not approve it here.',
  no_available_credit: 'The credit you already have with us leaves no room for a new line now.',
};

const DECISION_CODES = new Set([
  'score_ok',
  'within_limit',
  'affordable',
  'risk_acceptable',
  ...Object.keys(DECLINE_WORDS),
]);

/**
 * A decline's reasons for the adverse action page: the decision's codes in plain words, then the
 * score's key factors (their texts are already written for people).
 */
export function declineInWords(reasons: readonly { code: string; text: string }[]): {
  reasons: string[];
  factors: string[];
} {
  return {
    reasons: reasons.filter((r) => DECISION_CODES.has(r.code)).map((r) => DECLINE_WORDS[r.code] ?? r.text),
    factors: reasons.filter((r) => !DECISION_CODES.has(r.code)).map((r) => r.text),
  };
}
