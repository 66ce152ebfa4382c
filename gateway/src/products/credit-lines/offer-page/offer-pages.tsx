import { BANK_NAME, Layout } from '../../../oauth/pages/layout';
import { HiddenFields } from '../../../oauth/pages/parts';
import { aprText, moneyText as money } from '../../loans';

export interface OfferView {
  appName: string;
  customerName: string;
  currency: string;
  currentLimit: number;
  offeredLimit: number;
  balance: number;
  apr: number;
  expiresOn: string;
}

/**
 * The bank's page of a limit offer (DOMAIN.md "Credit lines" → Limit offers): current and offered
 * limit, the APR that stays as it is, and two buttons. No scripts; the form carries the session's
 * CSRF token and posts back here.
 */
export function LimitOfferPage(
  props: OfferView & { action: string; csrf: string; hidden: Record<string, string> },
) {
  return (
    <Layout title="A higher credit limit">
      <h1>A higher limit on your credit line</h1>
      <p class="muted">Signed in as {props.customerName}.</p>
      <p>
        {BANK_NAME} offers to raise the limit of the credit line you use with {props.appName}. Nothing else
        about the line changes: the APR, statements and repayments stay as they are.
      </p>
      <dl class="meta card" aria-label="The offer">
        <dt>Current limit</dt>
        <dd>{money(props.currentLimit, props.currency)}</dd>
        <dt>New limit</dt>
        <dd>
          <strong>{money(props.offeredLimit, props.currency)}</strong>
        </dd>
        <dt>APR</dt>
        <dd>{aprText(props.apr)} (unchanged)</dd>
        <dt>You owe now</dt>
        <dd>{money(props.balance, props.currency)}</dd>
        <dt>Offer open until</dt>
        <dd>{props.expiresOn}</dd>
      </dl>
      <p>
        A higher limit lets you spend more before you reach it; it does not change what you owe. You can
        decline, and the offer ends on its own if you do nothing.
      </p>
      <form method="post" action={props.action}>
        <HiddenFields csrf={props.csrf} hidden={props.hidden} />
        <div class="actions">
          <button class="button" type="submit" name="decision" value="accept">
            Accept the new limit
          </button>
          <button class="button button-secondary" type="submit" name="decision" value="decline">
            No, thanks
          </button>
        </div>
      </form>
    </Layout>
  );
}
