import { BANK_NAME, Layout } from '../../../oauth/pages/layout';
import { HardInquiryAgreement, HiddenFields } from '../../../oauth/pages/parts';
import { type Currency, isCurrency } from '../../../platform/money';
import {
  AgreeOrCancel,
  aprText,
  CreditDeclinedPage,
  type CreditStepProps,
  declineInWords,
  moneyText as money,
  OtherAccess,
  StepHeader,
} from '../../loans';
import { minimumPaymentFloor, STATEMENT_DUE_DAYS } from '../service/internal/terms';

/**
 * The consent page of a credit_line request (DOMAIN.md "Credit lines"): the limit and APR decided
 * for the signed-in customer, how draws, statements and repayments work, the instant boost and
 * autopay choices, and the customer's explicit agreement; or, for a decline, why. No scripts: the
 * agreement's checkbox is required by the browser and checked again by the server.
 */

type CommonProps = CreditStepProps & { maxDraw: { amount: number; currency: string } };

export interface LineTermsView {
  limit: number;
  currency: string;
  apr: number;
  statementDay: number;
  /** What the request asked for; the customer may turn it off. */
  instantBoostAsked: boolean;
}

/** The line's terms and the customer's signature. */
export function LineAgreementPage(props: CommonProps & { terms: LineTermsView }) {
  const t = props.terms;
  const floor = isCurrency(t.currency)
    ? money(minimumPaymentFloor(t.currency as Currency), t.currency)
    : '25.00';
  return (
    <Layout title={`Open a credit line for ${props.app.name}?`}>
      <StepHeader props={props} title={`A credit line from ${BANK_NAME}`} />
      <p>
        {props.app.name} asks {BANK_NAME} to open a revolving credit line for you, to pay for purchases at{' '}
        {props.merchantName}.
      </p>
      <h2 id="terms">Your credit line</h2>
      <dl class="meta card" aria-labelledby="terms">
        <dt>Credit limit</dt>
        <dd>{money(t.limit, t.currency)}</dd>
        <dt>APR</dt>
        <dd>{aprText(t.apr)}</dd>
        <dt>Each purchase</dt>
        <dd>up to {money(props.maxDraw.amount, props.maxDraw.currency)}</dd>
        <dt>Statement day</dt>
        <dd>day {t.statementDay} of every month</dd>
      </dl>
      <h2>How it works</h2>
      <div class="card">
        <ul class="lines">
          <li>
            Draws: each purchase you pay with the line is a draw, decided at the moment of purchase.{' '}
            {props.merchantName} is paid at once and your available credit falls by the amount; a refund gives
            it back.
          </li>
          <li>
            Statements: every month on day {t.statementDay} you get a statement of your balance, its interest
            and your minimum payment, due {STATEMENT_DUE_DAYS} days later.
          </li>
          <li>
            Interest: none on a statement balance paid in full by its due date; on balance carried past the
            due date, the APR divided by 12 each month.
          </li>
          <li>
            Minimum payment: {floor} or 1% of the balance plus interest, whichever is more (the whole balance
            when it is less).
          </li>
          <li>
            Repayments: on the due date we take the payment you choose below from your {BANK_NAME} account.
            You can pay early at any time. A minimum payment more than 30 days late is reported as a late
            payment.
          </li>
          <li>
            Closing: close the line at any time from your account pages (Connected apps). No new draws; you
            repay the balance as above.
          </li>
        </ul>
      </div>
      <OtherAccess items={props.otherItems} />
      <form method="post" action={props.decisionAction}>
        <HiddenFields csrf={props.csrf} hidden={props.hidden} />
        {t.instantBoostAsked && (
          <div class="field">
            <label for="instant_boost">
              <input type="checkbox" id="instant_boost" name="instant_boost" value="yes" checked /> Instant
              boost: when a purchase is up to 20% over what is available and you qualify, raise my limit to
              cover it
            </label>
          </div>
        )}
        <fieldset class="field">
          <legend>On each due date, take</legend>
          <label for="autopay-minimum">
            <input type="radio" id="autopay-minimum" name="autopay" value="minimum" checked /> the minimum
            payment
          </label>
          <label for="autopay-full">
            <input type="radio" id="autopay-full" name="autopay" value="full" /> the full statement balance
            (no interest)
          </label>
        </fieldset>
        <HardInquiryAgreement error={props.error}>
          I have read the terms above and I agree to open a credit line of {money(t.limit, t.currency)} at APR{' '}
          {aprText(t.apr)} with {BANK_NAME}.
        </HardInquiryAgreement>
        <AgreeOrCancel props={props} agree="I agree, open the line" />
      </form>
    </Layout>
  );
}

/** Adverse action: why no line was opened, in plain words, and the way back to the app. */
export function LineDeclinedPage(props: CommonProps & { reasons: { code: string; text: string }[] }) {
  const { reasons, factors } = declineInWords(props.reasons);
  return (
    <CreditDeclinedPage
      {...props}
      title="We can’t open a credit line for you"
      reasons={reasons}
      factors={factors}
    >
      <p>
        This decision was made by {BANK_NAME} using the records of your accounts with us. Checking did not
        affect your credit score. Nothing was opened and nothing was shared with {props.app.name} except that
        no line was opened.
      </p>
    </CreditDeclinedPage>
  );
}
