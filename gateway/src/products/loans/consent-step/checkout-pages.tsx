import { BANK_NAME, Layout } from '../../../oauth/pages/layout';
import { HardInquiryAgreement, HiddenFields } from '../../../oauth/pages/parts';
import {
  AgreeOrCancel,
  aprText,
  CreditDeclinedPage,
  type CreditStepProps,
  DenyForm,
  moneyText as money,
  OtherAccess,
  StepHeader,
} from './credit-step-pages';

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

type CommonProps = CreditStepProps & {
  order: { reference: string; amount: number; currency: string };
};

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

function OrderLine({ props }: { props: CommonProps }) {
  return (
    <p>
      Order <strong>{props.order.reference}</strong> at {props.merchantName}:{' '}
      <strong>{money(props.order.amount, props.order.currency)}</strong>
    </p>
  );
}

/** Step 1: the plans the customer is offered for this order; each button picks one. */
export function CheckoutOffersPage(
  props: CommonProps & { offers: CheckoutOfferView[]; chooseAction: string },
) {
  return (
    <Layout title={`Pay ${props.app.name} over time?`}>
      <StepHeader props={props} title={`Pay over time with ${BANK_NAME}`} />
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
      <StepHeader props={props} title={`${planTitle(o)}: your loan agreement`} />
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
        <AgreeOrCancel props={props} agree="I agree" />
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
    <CreditDeclinedPage
      {...props}
      title="We can’t offer you credit for this order"
      lead={<OrderLine props={props} />}
    >
      <p>
        This decision was made by {BANK_NAME} using the records of your accounts with us. Checking did not
        affect your credit score. You can see who looked at your credit on your account pages, and ask us to
        review the decision if you think something is wrong.
      </p>
      <p>
        Nothing was borrowed and nothing was shared with {props.app.name} except that no credit was offered.
      </p>
    </CreditDeclinedPage>
  );
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
