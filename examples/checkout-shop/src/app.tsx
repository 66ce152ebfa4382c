import { randomUUID } from 'node:crypto';
import { type Tessera, TesseraError } from '@tessera/sdk';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { findProduct } from './catalog.ts';
import { CallbackError, type Checkouts } from './checkout.ts';
import { applyLoan } from './loans.ts';
import { formatMoney, parseMoney } from './money.ts';
import { type AdminMessages, AdminPage } from './pages/admin.tsx';
import { Layout, Message } from './pages/layout.tsx';
import { OrderPage } from './pages/order.tsx';
import { type CartLine, CartPage, ProductsPage } from './pages/shopping.tsx';
import type { ShopSession, Store } from './store.ts';
import { receiveWebhook, WEBHOOK_PATH } from './webhooks.ts';

export interface ShopDeps {
  /** The app-level client: webhook endpoints, loans the shop sold, refunds. */
  tessera: Tessera;
  checkouts: Checkouts;
  store: Store;
  webhookSecret: string;
  adminPassword: string;
  secureCookies: boolean;
}

type Env = { Variables: { session: ShopSession } };

export function createShop(deps: ShopDeps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();

  // Signed by the bank, not sent by a browser: before the session and CSRF checks.
  app.post(WEBHOOK_PATH, (c) => receiveWebhook(c.req.raw, deps.tessera, deps.webhookSecret, store));

  // Forms post only from the shop's own pages (the Origin header), and the session cookie is
  // SameSite=Lax: it still comes along on the bank's top-level redirect back to /callback.
  app.use(csrf());
  app.use(async (c, next) => {
    const session = store.session(getCookie(c, 'sid'));
    if (getCookie(c, 'sid') !== session.id)
      setCookie(c, 'sid', session.id, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: deps.secureCookies,
      });
    c.set('session', session);
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.use('/admin/*', basicAuth({ username: 'admin', password: deps.adminPassword }));

  const cartLines = (session: ShopSession): CartLine[] =>
    [...session.cart].flatMap(([sku, quantity]) => {
      const product = findProduct(sku);
      return product ? [{ product, quantity }] : [];
    });
  const cartCount = (session: ShopSession) => [...session.cart.values()].reduce((a, b) => a + b, 0);

  app.get('/', (c) => c.html(<ProductsPage cartCount={cartCount(c.var.session)} />));

  app.post('/cart', async (c) => {
    const sku = String((await c.req.parseBody()).sku ?? '');
    if (!findProduct(sku))
      return c.html(<CartPage lines={cartLines(c.var.session)} problem="No such product." />, 400);
    c.var.session.cart.set(sku, (c.var.session.cart.get(sku) ?? 0) + 1);
    return c.redirect('/cart', 303);
  });
  app.post('/cart/clear', (c) => {
    c.var.session.cart.clear();
    return c.redirect('/cart', 303);
  });
  app.get('/cart', (c) => c.html(<CartPage lines={cartLines(c.var.session)} />));

  app.post('/checkout', async (c) => {
    const lines = cartLines(c.var.session);
    if (!lines.length) return c.redirect('/cart', 303);
    const order = store.createOrder(
      c.var.session.id,
      lines.map((l) => ({
        sku: l.product.sku,
        name: l.product.name,
        quantity: l.quantity,
        unitPrice: l.product.price,
      })),
    );
    try {
      return c.redirect(await deps.checkouts.start(c.var.session, order), 303);
    } catch (err) {
      if (!(err instanceof TesseraError)) throw err;
      order.status = 'failed';
      order.problem = `The bank could not start the checkout (${err.code}): ${err.detail}`;
      return c.html(<CartPage lines={lines} problem={order.problem} />, 502);
    }
  });

  app.get('/callback', async (c) => {
    try {
      const order = await deps.checkouts.complete(c.var.session, c.req.url);
      return c.redirect(`/orders/${order.id}`, 303);
    } catch (err) {
      if (!(err instanceof CallbackError)) throw err;
      return c.html(
        <Layout title="Checkout">
          <Message kind="problem" text={err.message} />
          <a href="/cart">Back to your cart</a>
        </Layout>,
        400,
      );
    }
  });

  app.get('/orders/:id', (c) => {
    const order = store.order(c.req.param('id'));
    // Another browser's order is as absent as one that never existed.
    if (!order || order.sessionId !== c.var.session.id) return c.html(<NotFound />, 404);
    return c.html(<OrderPage order={order} cartCount={cartCount(c.var.session)} />);
  });

  const admin = (messages: AdminMessages = {}) => (
    <AdminPage orders={store.orders()} messages={messages} refundKey={() => randomUUID()} />
  );
  app.get('/admin', (c) => c.html(admin()));
  app.get('/admin/orders/:id', (c) => {
    const order = store.order(c.req.param('id'));
    return order ? c.html(<OrderPage order={order} cartCount={0} />) : c.html(<NotFound />, 404);
  });
  app.post('/admin/orders/:id/refunds', async (c) => {
    const order = store.order(c.req.param('id'));
    if (!order?.loan) return c.html(admin({ problem: 'No such order paid on credit.' }), 404);
    const form = await c.req.parseBody();
    const typed = String(form.amount ?? '').trim();
    const amount = typed ? parseMoney(typed) : null;
    if (typed && !amount) return c.html(admin({ problem: `“${typed}” is not an amount, e.g. 25.00.` }), 400);
    try {
      const refund = await deps.tessera.loans.refunds.create(
        order.loan.id,
        {
          ...(amount ? { amount: { amount, currency: order.currency } } : {}),
          reason: 'Refunded from the shop admin',
        },
        { idempotencyKey: `refund-${String(form.key ?? randomUUID())}` },
      );
      // The refund answers with its own amounts; the loan tells the order's new state.
      applyLoan(order, await deps.tessera.loans.retrieve(order.loan.id));
      return c.html(admin({ notice: `Refunded ${formatMoney(refund.amount.amount)} of ${order.id}.` }));
    } catch (err) {
      if (!(err instanceof TesseraError)) throw err;
      return c.html(
        admin({ problem: `The refund of ${order.id} was refused (${err.code}): ${err.detail}` }),
        400,
      );
    }
  });

  app.notFound((c) => c.html(<NotFound />, 404));
  app.onError((err, c) => {
    // The middleware's own answers (401 from basic auth, 403 from the CSRF check) stay as they are.
    if (err instanceof HTTPException) return err.getResponse();
    // The shopper gets a page to act on; the details stay in the shop's log.
    console.error(err);
    return c.html(
      <Layout title="Something went wrong">
        <Message kind="problem" text="Something went wrong on our side. Please try again in a moment." />
        <a href="/cart">Back to your cart</a>
      </Layout>,
      500,
    );
  });
  return app;
}

function NotFound() {
  return (
    <Layout title="Not found">
      <h1>Not found</h1>
      <a href="/">See the products</a>
    </Layout>
  );
}
