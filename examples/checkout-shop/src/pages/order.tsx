import { planName } from '../loans.ts';
import { formatMoney } from '../money.ts';
import type { Order, OrderStatus } from '../store.ts';
import { Layout, Message } from './layout.tsx';

export const STATUS_TEXT: Record<OrderStatus, string> = {
  awaiting_payment: 'Awaiting payment',
  declined: 'Not paid',
  failed: 'Not paid',
  confirmed: 'Confirmed',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  paid_off: 'Paid off',
};

export function OrderPage(props: { order: Order; cartCount: number }) {
  const { order } = props;
  return (
    <Layout title={`Order ${order.id}`} cartCount={props.cartCount}>
      <h1>Order {order.id}</h1>
      <p>
        Status:{' '}
        <span class="status" data-testid="order-status">
          {STATUS_TEXT[order.status]}
        </span>
      </p>
      <Message kind="problem" text={order.problem} />
      {order.problem ? (
        <p>
          <a href="/cart">Back to your cart</a>
        </p>
      ) : null}
      <div class="card">
        <table>
          <tbody>
            {order.lines.map((l) => (
              <tr>
                <td>
                  {l.quantity} × {l.name}
                </td>
                <td class="num">{formatMoney(l.quantity * l.unitPrice)}</td>
              </tr>
            ))}
            <tr>
              <th>Total</th>
              <th class="num">{formatMoney(order.amount)}</th>
            </tr>
            {order.amountRefunded > 0 ? (
              <tr>
                <td>Refunded</td>
                <td class="num" data-testid="order-refunded">
                  {formatMoney(order.amountRefunded)}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {order.loan ? (
        <div class="card">
          <h2>
            Paid with <span data-testid="order-plan">{planName(order.loan.plan)}</span>
          </h2>
          <p>
            APR {(order.loan.apr * 100).toFixed(2)}% · loan <code>{order.loan.id}</code>. Your bank collects
            the installments.
          </p>
          <ol>
            {order.loan.schedule.map((i) => (
              <li>
                {i.dueDate}: {formatMoney(i.amount)}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <div class="card">
        <h2>From the bank</h2>
        {order.events.length === 0 ? (
          <p>No notification yet.</p>
        ) : (
          <ul data-testid="order-events">
            {order.events.map((e) => (
              <li>
                <code>{e.type}</code> ({e.id}), signature verified, {e.receivedAt}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}
