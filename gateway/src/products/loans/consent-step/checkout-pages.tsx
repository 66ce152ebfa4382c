import { safeLogoUri } from '../../../oauth/pages/consent';
import { BANK_NAME, Layout } from '../../../oauth/pages/layout';
import {
  type AccessItem,
  AccessItems,
  FormError,
  HardInquiryAgreement,
  HiddenFields,
} from '../../../oauth/pages/parts';
import { formatMoney, isCurrency } from '../../../platform/money';

/**
 * The hosted checkout flow's consent steps (DOMAIN.md, checkout_credit): the customer sees the
 * offers decided for their order, picks one, reads its disclosure box and schedule and signs with
 * an explicit "I agree"; a declined customer reads why (adverse action). No scripts: each step is
 * a form, and the agreement's checkbox is required by the browser and checked again by the server.
 */

export interface CheckoutScheduleRow {
  number: number;
  /** `YYYY-MM-DD`. */
  dueDate: string | null;
  amount: number;
  principal: number;
  interest: number;
}

export interface CheckoutOfferView {
  id: string;
  plan: 'pay_in_4' | 'installments_3' | 'installments_6' | 'installments_12';
  amount: number;
  currency: string;
  apr: number;
  financeCharge: number;
  totalOfPayments: number;
  schedule: CheckoutScheduleRow[];
}

interface CommonProps {
  app: { name: string; logoUri?: string | undefined };
  customerName: string;
  merchantName: string;
  order: { reference: string; amount: number; currency: string };
  /** Anything else the app asks for in the same request, in plain words. */
  otherItems: AccessItem[];
  /** Where the final decision posts (`decision=approve|deny`). */
  decisionAction: string;
  csrf: string;
  hidden: Record<string, string>;
  error?: string | undefined;
}

const money = (amount: number, currency: string) =>
  isCurrency(currency) ? formatMoney({ amount, currency }) : `${amount} ${currency} (minor units)`;

export const aprText = (apr: number) => `${(apr * 100).toFixed(2)}%`;

function dueText(date: string | null): string {
  if (!date) return 'To be set';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function planTitle(o: Pick<CheckoutOfferView, 'plan'>): string {
  return o.plan === 'pay_in_4' ? 'Pay in 4' : `${o.plan.slice('installments_'.length)} monthly payments`;
}

/** "4 payments of $125.00 every 2 weeks, the first today" / "12 monthly payments of $43.96". */
export function planSummary(o: CheckoutOfferView): string {
  const first = o.schedule[0]?.amount ?? 0;
  const rest = o.schedule[1]?.amount ?? first;
  const each =
    first === rest ? money(first, o.currency) : `${money(first, o.currency)} then ${money(rest, o.currency)}`;
  return o.plan === 'pay_in_4'
    ? `4 payments of ${each} every 2 weeks, the first today`
    : `${o.schedule.length} monthly payments of ${each}`;
}

function Heading({ app, title }: { app: CommonProps['app']; title: string }) {
  const logo = safeLogoUri(app.logoUri);
  return (
    <div class="app-heading">
      {logo && <img class="app-logo" src={logo} alt={app.name} width="48" height="48" />}
      <h1>{title}</h1>
    </div>
  );
}

function OrderLine({ props }: { props: CommonProps }) {
  return (
    <p>
      Order <strong>{props.order.reference}</strong> at {props.merchantName}:{' '}
      <strong>{money(props.order.amount, props.order.currency)}</strong>
    </p>
  );
}

function OtherAccess({ items }: { items: AccessItem[] }) {
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

function DenyForm({ props, label }: { props: CommonProps; label: string }) {
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

/** Step 1: the plans the customer is offered for this order; each button picks one. */
export function CheckoutOffersPage(
  props: CommonProps & { offers: CheckoutOfferView[]; chooseAction: string },
) {
  return (
    <Layout title={`Pay ${props.app.name} over time?`}>
      <Heading app={props.app} title={`Pay over time with ${BANK_NAME}`} />
      <p class="muted">Signed in as {props.customerName}.</p>
      <FormError error={props.error} />
      <OrderLine props={props} />
      <p>
        {props.app.name} asks {BANK_NAME} to lend you the money for this order and pay {props.merchantName}.
        You are approved for these plans. Choose one to see its full terms before you agree.
      </p>
      <form method="post" action={props.chooseAction}>
        <HiddenFields csrf={props.csrf} hidden={props.hidden} />
        <ul class="card-list">
          {props.offers.map((o) => (
            <li class="card">
              <h2>{planTitle(o)}</h2>
              <ul class="lines">
                <li>{planSummary(o)}</li>
                <li>APR {aprText(o.apr)}</li>
                <li>
                  Interest {money(o.financeCharge, o.currency)}, total {money(o.totalOfPayments, o.currency)}
                </li>
              </ul>
              <div class="actions">
                <button
                  class="button"
                  type="submit"
                  name="offer"
                  value={o.id}
                  aria-label={`Choose ${planTitle(o)}`}
                >
                  Choose {planTitle(o)}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </form>
      <OtherAccess items={props.otherItems} />
      <p>Offers are valid for 10 minutes. Checking them did not affect your credit score.</p>
      <DenyForm props={props} label={`Cancel and go back to ${props.app.name}`} />
    </Layout>
  );
}

/** Step 2: the chosen plan's disclosure box and schedule, and the customer's signature. */
export function CheckoutAgreementPage(props: CommonProps & { offer: CheckoutOfferView; backHref: string }) {
  const o = props.offer;
  return (
    <Layout title={`Agree to ${planTitle(o)}?`}>
      <Heading app={props.app} title={`${planTitle(o)}: your loan agreement`} />
      <p class="muted">Signed in as {props.customerName}.</p>
      <FormError error={props.error} />
      <OrderLine props={props} />
      <h2 id="disclosure">Truth in Lending disclosure</h2>
      <dl class="meta card" aria-labelledby="disclosure">
        <dt>APR</dt>
        <dd>{aprText(o.apr)}</dd>
        <dt>Finance charge</dt>
        <dd>{money(o.financeCharge, o.currency)}</dd>
        <dt>Amount financed</dt>
        <dd>{money(o.amount, o.currency)}</dd>
        <dt>Total of payments</dt>
        <dd>{money(o.totalOfPayments, o.currency)}</dd>
      </dl>
      <p class="muted">
        The APR (annual percentage rate) is the cost of your credit as a yearly rate. The finance charge is
        the interest the credit will cost you. The amount financed is paid to {props.merchantName} for you.
        The total of payments is what you will have paid when you have made every payment as scheduled.
      </p>
      <h2 id="schedule">Payment schedule</h2>
      <div class="card">
        <ol class="lines" aria-labelledby="schedule">
          {o.schedule.map((row) => (
            <li>
              {o.plan === 'pay_in_4' && row.number === 1 ? 'Today' : dueText(row.dueDate)}:{' '}
              <strong>{money(row.amount, o.currency)}</strong>
              {row.interest > 0 ? `, of which interest ${money(row.interest, o.currency)}` : ''}
            </li>
          ))}
        </ol>
      </div>
      <p>
        Payments are taken from your {BANK_NAME} account on their due dates. A payment we cannot take is tried
        again every day; one more than 30 days late is reported as a late payment. You can repay early at any
        time without a fee, and pay no interest for the months you no longer borrow.
      </p>
      <OtherAccess items={props.otherItems} />
      <form method="post" action={props.decisionAction}>
        <HiddenFields csrf={props.csrf} hidden={{ ...props.hidden, offer: o.id }} />
        <HardInquiryAgreement error={props.error}>
          I have read the disclosure and schedule above, and I agree to borrow {money(o.amount, o.currency)}{' '}
          from {BANK_NAME} and repay {money(o.totalOfPayments, o.currency)} on this schedule.
        </HardInquiryAgreement>
        <div class="actions">
          <button class="button" type="submit" name="decision" value="approve">
            I agree
          </button>
          <button class="button button-secondary" type="submit" name="decision" value="deny" formnovalidate>
            Cancel and go back to {props.app.name}
          </button>
        </div>
      </form>
      <p>
        <a href={props.backHref}>Choose another plan</a>
      </p>
    </Layout>
  );
}

/** Adverse action: why no credit was offered, in plain words, and the way back to the app. */
export function CheckoutDeclinedPage(props: CommonProps & { reasons: string[]; factors: string[] }) {
  return (
    <Layout title="We can’t offer you credit for this order">
      <Heading app={props.app} title="We can’t offer you credit for this order" />
      <p class="muted">Signed in as {props.customerName}.</p>
      <OrderLine props={props} />
      <h2>Why</h2>
      <div class="card">
        <ul class="lines">
          {props.reasons.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      </div>
      {props.factors.length > 0 && (
        <>
          <h2>What affected your credit score most</h2>
          <div class="card">
            <ul class="lines">
              {props.factors.map((f) => (
                <li>{f}</li>
              ))}
            </ul>
          </div>
        </>
      )}
      <p>
        This decision was made by {BANK_NAME} using the records of your accounts with us. Checking did not
        affect your credit score. You can see who looked at your credit on your account pages, and ask us to
        review the decision if you think something is wrong.
      </p>
      <p>
        Nothing was borrowed and nothing was shared with {props.app.name} except that no credit was offered.
      </p>
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
};

const DECISION_CODES = new Set([
  'score_ok',
  'within_limit',
  'affordable',
  'risk_acceptable',
  'credit_frozen',
  'credit_risk',
  'amount_above_limit',
  'amount_below_minimum',
  'insufficient_income',
  'fraud_review',
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

/** A stored offer as the pages show it. */
export function offerView(o: {
  id: string;
  plan: CheckoutOfferView['plan'];
  amount: number;
  currency: string;
  apr: number;
  financeCharge: number;
  totalOfPayments: number;
  schedule: readonly {
    number: number;
    due_date: string | null;
    amount: number;
    principal: number;
    interest: number;
  }[];
}): CheckoutOfferView {
  return {
    id: o.id,
    plan: o.plan,
    amount: o.amount,
    currency: o.currency,
    apr: o.apr,
    financeCharge: o.financeCharge,
    totalOfPayments: o.totalOfPayments,
    schedule: o.schedule.map((r) => ({
      number: r.number,
      dueDate: r.due_date,
      amount: r.amount,
      principal: r.principal,
      interest: r.interest,
    })),
  };
}
