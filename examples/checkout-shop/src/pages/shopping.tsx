import { PRODUCTS, type Product } from '../catalog.ts';
import { formatMoney } from '../money.ts';
import { Layout, Message } from './layout.tsx';

export interface CartLine {
  product: Product;
  quantity: number;
}

export function ProductsPage(props: { cartCount: number }) {
  return (
    <Layout title="Products" cartCount={props.cartCount}>
      <h1>Bikes and gear</h1>
      <p>
        Pay over time at checkout: in 4 payments, or 3, 6 or 12 monthly installments, decided by your bank.
      </p>
      <div class="grid">
        {PRODUCTS.map((p) => (
          <form class="card" method="post" action="/cart" aria-label={p.name}>
            <h2>{p.name}</h2>
            <p>{p.description}</p>
            <p class="status">{formatMoney(p.price)}</p>
            <input type="hidden" name="sku" value={p.sku} />
            <button type="submit">Add {p.name} to cart</button>
          </form>
        ))}
      </div>
    </Layout>
  );
}

export function CartPage(props: { lines: CartLine[]; problem?: string | null }) {
  const total = props.lines.reduce((sum, l) => sum + l.quantity * l.product.price, 0);
  const count = props.lines.reduce((sum, l) => sum + l.quantity, 0);
  return (
    <Layout title="Cart" cartCount={count}>
      <h1>Your cart</h1>
      <Message kind="problem" text={props.problem} />
      {props.lines.length === 0 ? (
        <p>
          Your cart is empty. <a href="/">See the products</a>.
        </p>
      ) : (
        <div class="card">
          <table>
            <thead>
              <tr>
                <th>Item</th>
                <th class="num">Quantity</th>
                <th class="num">Price</th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((l) => (
                <tr>
                  <td>{l.product.name}</td>
                  <td class="num">{l.quantity}</td>
                  <td class="num">{formatMoney(l.quantity * l.product.price)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colspan={2}>Total</th>
                <th class="num" data-testid="cart-total">
                  {formatMoney(total)}
                </th>
              </tr>
            </tfoot>
          </table>
          <p>
            With <strong>Pay over time</strong> your bank shows you its plans and their full terms; you pick
            one and sign on the bank's own pages, then come back here.
          </p>
          <form class="inline" method="post" action="/checkout">
            <button type="submit">Pay over time</button>
          </form>{' '}
          <form class="inline" method="post" action="/cart/clear">
            <button class="secondary" type="submit">
              Empty the cart
            </button>
          </form>
        </div>
      )}
    </Layout>
  );
}
