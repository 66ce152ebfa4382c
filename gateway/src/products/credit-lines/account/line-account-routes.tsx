import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../env';
import { existingSession, messagePage, pageHeaders, readPageForm } from '../../../oauth/browser';
import { findCustomer } from '../../../oauth/store/customers';
import type { CustomerSession } from '../../../oauth/store/sessions';
import { timingSafeEqual } from '../../../platform/crypto';
import { ApiError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { serviceContext } from '../../../platform/request';
import { getCustomerLine } from '../service/get-customer-line';
import { listCustomerLines } from '../service/list-customer-lines';
import { payLineAsCustomer } from '../service/pay-line-as-customer';
import { CreditLinePage, CreditLinesPage, lineHref } from './line-account-pages';

/** The signed-in customer (both factors), or null: the pages then send them to sign in. */
async function signedIn(
  c: Context<AppEnv>,
): Promise<{ session: CustomerSession; id: string; name: string } | null> {
  const session = await existingSession(c);
  if (!session?.customerId || !session.secondFactorAt) return null;
  const customer = await findCustomer(c.get('services').db, session.customerId);
  return customer ? { session, id: customer.id, name: customer.name } : null;
}

const NOT_FOUND = ['Not found', 'There is no such credit line on your account.'] as const;

async function linePage(
  c: Context<AppEnv>,
  who: NonNullable<Awaited<ReturnType<typeof signedIn>>>,
  lineId: string,
  opts: { status?: 200 | 400 | 409; error?: string; notice?: string } = {},
) {
  const view = await getCustomerLine({ db: c.get('services').db, customerId: who.id, lineId });
  if (!view) return messagePage(c, 404, ...NOT_FOUND);
  pageHeaders(c);
  return c.html(
    <CreditLinePage
      customerName={who.name}
      view={view}
      csrf={who.session.csrfToken}
      // A random id-like key: the payment's id follows from it, so resubmitting this form pays once.
      formKey={newId('idk')}
      notice={opts.notice}
      error={opts.error}
    />,
    opts.status ?? 200,
  );
}

/** The customer's credit-line pages (DOMAIN.md "Credit lines": the customer can pay early on the bank's pages). */
export function registerCreditLineAccountPages(app: Hono<AppEnv>) {
  app.get('/account/credit-lines', async (c) => {
    const who = await signedIn(c);
    if (!who) return c.redirect('/account/login', 303);
    const lines = await listCustomerLines({ db: c.get('services').db, customerId: who.id });
    pageHeaders(c);
    return c.html(<CreditLinesPage customerName={who.name} lines={lines} />);
  });

  app.get('/account/credit-lines/:id', async (c) => {
    const who = await signedIn(c);
    if (!who) return c.redirect('/account/login', 303);
    return linePage(c, who, c.req.param('id'), { notice: c.req.query('notice')?.slice(0, 200) });
  });

  app.post('/account/credit-lines/:id/payments', async (c) => {
    const who = await signedIn(c);
    const form = await readPageForm(c);
    if (!who) return c.redirect('/account/login', 303);
    if (!form.csrf || !timingSafeEqual(form.csrf, who.session.csrfToken))
      return messagePage(c, 403, 'Please try again', 'The form was not sent from this page.');
    const lineId = c.req.param('id');
    if (!form.form_key || form.form_key.length > 100)
      return messagePage(
        c,
        400,
        'Please try again',
        'Open the credit line page again and send the form from there.',
      );
    try {
      const { duplicate } = await payLineAsCustomer({
        ctx: serviceContext(c),
        input: { customerId: who.id, lineId, amount: form.amount ?? '', formKey: form.form_key },
      });
      const notice = duplicate
        ? 'This payment was already received.'
        : 'Payment received. It counts towards your next due date.';
      return c.redirect(`${lineHref(lineId)}?notice=${encodeURIComponent(notice)}`, 303);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'not_found') return messagePage(c, 404, ...NOT_FOUND);
      return linePage(c, who, lineId, { status: err.status === 400 ? 400 : 409, error: err.detail });
    }
  });
}
