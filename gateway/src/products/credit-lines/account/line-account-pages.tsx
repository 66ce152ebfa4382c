import { humanDate } from '../../../oauth/browser';
import { Layout } from '../../../oauth/pages/layout';
import { describedBy, FORM_ERROR_ID, FormError, HiddenFields } from '../../../oauth/pages/parts';
import { type Currency, formatMoney } from '../../../platform/money';
import type { CustomerLineView } from '../service/internal/customer-line';
import type { CreditLine } from '../service/internal/objects';

/**
 * The customer's own credit-line pages on the bank's site, linked from /account/consents: each
 * line's balance and what is available, its statements (what is due, by when) and payments, and a
 * form to pay early from their account. No scripts; forms carry the session's CSRF token.
 */

const show = (amount: number, currency: string) => formatMoney({ amount, currency: currency as Currency });

const STATEMENT_WORDS: Record<string, string> = {
  open: 'Due',
  paid: 'Paid',
  minimum_paid: 'Minimum paid',
  past_due: 'Past due',
  missed: 'Missed',
};

const SOURCE_WORDS: Record<string, string> = {
  partner: 'Through the app',
  customer: 'You, on this site',
  autopay: 'Autopay',
};

export function lineHref(id: string): string {
  return `/account/credit-lines/${encodeURIComponent(id)}`;
}

export function CreditLinesPage({
  customerName,
  lines,
}: {
  customerName: string;
  lines: { line: CreditLine; appName: string }[];
}) {
  return (
    <Layout title="Your credit lines">
      <h1>Your credit lines</h1>
      <p class="muted">Signed in as {customerName}.</p>
      {lines.length > 0 ? (
        <ul class="card-list">
          {lines.map(({ line, appName }) => (
            <li class="card">
              <h2>
                <a href={lineHref(line.id)}>Credit line with {appName}</a>
              </h2>
              <dl class="meta">
                <dt>You owe</dt>
                <dd>{show(line.balance, line.currency)}</dd>
                <dt>Available</dt>
                <dd>{show(Math.max(0, line.creditLimit - line.balance), line.currency)}</dd>
                <dt>Status</dt>
                <dd>{line.status === 'open' ? 'Open' : 'Closed'}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no credit lines. When you open one in an app, it will appear here.</p>
      )}
      <p>
        <a href="/account/consents">Back to connected apps</a>
      </p>
    </Layout>
  );
}

export interface CreditLinePageProps {
  customerName: string;
  view: CustomerLineView;
  csrf: string;
  /** A one-time key for the payment form: a form sent twice pays once. */
  formKey: string;
  notice?: string | undefined;
  error?: string | undefined;
}

export function CreditLinePage({ customerName, view, csrf, formKey, notice, error }: CreditLinePageProps) {
  const { line, appName, statements, payments } = view;
  const money = (amount: number) => show(amount, line.currency);
  const latest = statements[0];
  return (
    <Layout title={`Credit line with ${appName}`}>
      <h1>Credit line with {appName}</h1>
      <p class="muted">Signed in as {customerName}.</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <dl class="meta card">
        <dt>You owe</dt>
        <dd>{money(line.balance)}</dd>
        <dt>Credit limit</dt>
        <dd>{money(line.creditLimit)}</dd>
        <dt>Available</dt>
        <dd>{money(Math.max(0, line.creditLimit - line.balance))}</dd>
        <dt>APR</dt>
        <dd>{`${(line.apr * 100).toFixed(2)}%`}</dd>
        <dt>Autopay</dt>
        <dd>{line.autopay === 'full' ? 'The full statement balance' : 'The minimum payment'}</dd>
        <dt>Status</dt>
        <dd>{line.status === 'open' ? 'Open' : 'Closed: no new purchases; you can still pay it off'}</dd>
      </dl>
      {latest && latest.status !== 'paid' && (
        <p>
          Your latest statement asks for at least{' '}
          {money(Math.max(0, latest.minimumPayment - latest.paidTotal))} by {humanDate(latest.dueAt)}. What
          you pay before then counts towards it; autopay takes the rest from your account on that day.
        </p>
      )}
      {line.balance > 0 && (
        <form method="post" action={`${lineHref(line.id)}/payments`} class="card">
          <h2>Pay now</h2>
          <FormError error={error} />
          <HiddenFields csrf={csrf} hidden={{ form_key: formKey }} />
          <label for="amount">
            Amount ({line.currency}), at most {money(line.balance)}
          </label>
          <input
            type="text"
            id="amount"
            name="amount"
            inputmode="decimal"
            required
            aria-describedby={describedBy(error && FORM_ERROR_ID)}
          />
          <button class="button" type="submit">
            Pay from my account
          </button>
        </form>
      )}
      <h2>Statements</h2>
      {statements.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Statement date</th>
              <th scope="col">Balance</th>
              <th scope="col">Interest</th>
              <th scope="col">Minimum</th>
              <th scope="col">Due</th>
              <th scope="col">Paid</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr>
                <td>{humanDate(s.periodEnd)}</td>
                <td>{money(s.statementBalance)}</td>
                <td>{money(s.interest)}</td>
                <td>{money(s.minimumPayment)}</td>
                <td>{humanDate(s.dueAt)}</td>
                <td>{money(s.paidTotal)}</td>
                <td>{STATEMENT_WORDS[s.status] ?? s.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No statements yet: the first comes on day {line.statementDay} of the month.</p>
      )}
      <h2>Payments</h2>
      {payments.length > 0 ? (
        <ul>
          {payments.map((p) => (
            <li>
              {humanDate(p.createdAt)}: {money(p.amount)} ({SOURCE_WORDS[p.source] ?? p.source})
            </li>
          ))}
        </ul>
      ) : (
        <p>No payments yet.</p>
      )}
      <p>
        <a href="/account/credit-lines">All your credit lines</a> ·{' '}
        <a href="/account/consents">Connected apps</a>
      </p>
    </Layout>
  );
}
