import { netOf, planName } from '../loans.ts';
import { formatMoney } from '../money.ts';
import type { Order } from '../store.ts';
import { Layout, Message } from './layout.tsx';
import { STATUS_TEXT } from './order.tsx';

export interface AdminMessages {
  notice?: string | undefined;
  problem?: string | undefined;
}

/** Orders paid on credit, their refunds, and what the merchant keeps. */
export function AdminPage(props: { orders: Order[]; messages: AdminMessages; refundKey: () => string }) {
  const sold = props.orders.filter((o) => o.loan);
  const gross = sold.reduce((sum, o) => sum + o.amount, 0);
  const refunded = sold.reduce((sum, o) => sum + o.amountRefunded, 0);
  return (
    <Layout title="Admin">
      <h1>Orders</h1>
      <Message kind="notice" text={props.messages.notice} />
      <Message kind="problem" text={props.messages.problem} />
      <div class="card">
        <table aria-label="Merchant totals">
          <tbody>
            <tr>
              <td>Sold on checkout credit (paid to you at once)</td>
              <td class="num">{formatMoney(gross)}</td>
            </tr>
            <tr>
              <td>Refunded</td>
              <td class="num">{formatMoney(-refunded)}</td>
            </tr>
            <tr>
              <th>Net</th>
              <th class="num" data-testid="merchant-net">
                {formatMoney(gross - refunded)}
              </th>
            </tr>
          </tbody>
        </table>
      </div>
      <div class="card">
        <table aria-label="Orders">
          <thead>
            <tr>
              <th>Order</th>
              <th>Status</th>
              <th>Plan</th>
              <th class="num">Amount</th>
              <th class="num">Refunded</th>
              <th class="num">Net</th>
              <th>Refund</th>
            </tr>
          </thead>
          <tbody>
            {props.orders.map((o) => (
              <tr data-testid={`order-${o.id}`}>
                <td>
                  <a href={`/admin/orders/${o.id}`}>{o.id}</a>
                </td>
                <td data-testid="status">{STATUS_TEXT[o.status]}</td>
                <td>{o.loan ? planName(o.loan.plan) : '—'}</td>
                <td class="num">{formatMoney(o.amount)}</td>
                <td class="num">{formatMoney(o.amountRefunded)}</td>
                <td class="num" data-testid="net">
                  {formatMoney(netOf(o))}
                </td>
                <td>
                  {o.loan && o.loan.status !== 'refunded' ? (
                    <form class="inline" method="post" action={`/admin/orders/${o.id}/refunds`}>
                      {/* One key per rendered form: submitting it twice refunds once. */}
                      <input type="hidden" name="key" value={props.refundKey()} />
                      <input
                        name="amount"
                        inputmode="decimal"
                        placeholder="all"
                        aria-label={`Amount to refund of ${o.id}`}
                      />
                      <button type="submit">Refund</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Leave the amount empty to refund all that remains. The bank re-amortizes the customer's remaining
          installments and takes the refund from your merchant account.
        </p>
      </div>
    </Layout>
  );
}
