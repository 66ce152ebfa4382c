import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../env';
import { timingSafeEqual } from '../../platform/crypto';
import type { AuthorizationDetail } from '../authorization-details';
import {
  adoptRotated,
  browserSession,
  clearSessionCookie,
  existingSession,
  humanDate,
  limitSignIn,
  lockedPage,
  pageHeaders,
  readPageForm,
} from '../browser';
import { AccountConsentsPage } from '../pages/account-consents';
import { describeAccess } from '../pages/describe';
import { InquiriesPage } from '../pages/inquiries';
import { LoginPage } from '../pages/login';
import { MessagePage } from '../pages/message';
import { OtpPage } from '../pages/otp';
import { revokeCustomerConsent } from '../service/revoke-customer-consent';
import { signInCustomer } from '../service/sign-in-customer';
import { signOutCustomer } from '../service/sign-out-customer';
import { verifyOneTimeCode } from '../service/verify-one-time-code';
import { listCustomerConsents } from '../store/consents';
import { type Customer, findCustomer, listInquiries } from '../store/customers';
import type { CustomerSession } from '../store/sessions';
import { oauthContext } from './context';

const SANDBOX_ID = /^sbx_[0-9A-Za-z]{8,64}$/;
const MAX_FAILED_ATTEMPTS = 5;

async function signedIn(c: Context<AppEnv>, session: CustomerSession | null): Promise<Customer | null> {
  if (!session?.customerId || !session.secondFactorAt) return null;
  return findCustomer(c.get('services').db, session.customerId);
}

const csrfOk = (session: CustomerSession, form: Record<string, string>) =>
  Boolean(form.csrf) && timingSafeEqual(form.csrf!, session.csrfToken);

function accountMessage(
  c: Context<AppEnv>,
  status: 403 | 404,
  page: { title: string; message: string; linkHref: string; linkText: string },
) {
  pageHeaders(c);
  return c.html(<MessagePage {...page} />, status);
}

const CONSENTS_LINK = { linkHref: '/account/consents', linkText: 'Back to connected apps' };

/** The dashboard's rows: each app with access, what it may do, since and until when. */
async function consentRows(c: Context<AppEnv>, customerId: string) {
  const rows = await listCustomerConsents(c.get('services'), customerId);
  return rows.map(({ consent, appName, merchantName }) => ({
    id: consent.id,
    appName,
    items: describeAccess({
      appName,
      merchantName,
      scopes: consent.scopes,
      details: consent.authorizationDetails as AuthorizationDetail[],
    }),
    since: humanDate(consent.authorisedAt ?? consent.createdAt),
    expiresAt: consent.expiresAt ? humanDate(consent.expiresAt) : null,
    status: consent.status,
  }));
}

/** The customer's consent dashboard: every app with access, what it may do, and one-click revoke. */
export function registerAccount(app: Hono<AppEnv>) {
  app.get('/account/consents', async (c) => {
    const session = await existingSession(c);
    const customer = await signedIn(c, session);
    const sandbox = c.req.query('sandbox');
    if (!customer || !session)
      return c.redirect(`/account/login${sandbox ? `?sandbox=${encodeURIComponent(sandbox)}` : ''}`, 303);
    const consents = await consentRows(c, customer.id);
    pageHeaders(c);
    const notice = c.req.query('notice')?.slice(0, 200);
    return c.html(
      <AccountConsentsPage
        customerName={customer.name}
        consents={consents}
        csrf={session.csrfToken}
        notice={notice}
      />,
    );
  });

  app.get('/account/inquiries', async (c) => {
    const customer = await signedIn(c, await existingSession(c));
    if (!customer) return c.redirect('/account/login', 303);
    const rows = await listInquiries(c.get('services').db, customer.id);
    const inquiries = rows.map((q) => ({
      requester: q.requester,
      kind: q.kind,
      purpose: q.purpose,
      when: humanDate(q.createdAt),
    }));
    pageHeaders(c);
    return c.html(<InquiriesPage customerName={customer.name} inquiries={inquiries} />);
  });

  app.post('/account/consents/:id/revoke', async (c) => {
    const session = await existingSession(c);
    const customer = await signedIn(c, session);
    const form = await readPageForm(c);
    if (!customer || !session) return c.redirect('/account/login', 303);
    if (!csrfOk(session, form))
      return accountMessage(c, 403, {
        title: 'Please try again',
        message: 'The form was not sent from this page.',
        ...CONSENTS_LINK,
      });
    const input = { customerId: customer.id, consentId: c.req.param('id') };
    const { found } = await revokeCustomerConsent({ ctx: oauthContext(c), input });
    if (!found)
      return accountMessage(c, 404, {
        title: 'Not found',
        message: 'There is no such access to revoke.',
        ...CONSENTS_LINK,
      });
    const notice = encodeURIComponent('Access was revoked. The app can no longer use it.');
    return c.redirect(`/account/consents?notice=${notice}`, 303);
  });

  app.get('/account/login', async (c) => {
    const session = await browserSession(c);
    const sandbox = c.req.query('sandbox') ?? '';
    return loginStep(c, session, SANDBOX_ID.test(sandbox) ? sandbox : '');
  });

  app.post('/account/login', async (c) => {
    const session = await browserSession(c);
    const form = await readPageForm(c);
    const sandbox = SANDBOX_ID.test(form.sandbox ?? '') ? form.sandbox! : '';
    const account =
      form.username !== undefined
        ? `${sandbox || 'live'}:${form.username.trim().toLowerCase()}`
        : `session:${session.idHash}`;
    const limited = await limitSignIn(c, account);
    if (limited) return limited;
    if (!csrfOk(session, form) || session.failedAttempts >= MAX_FAILED_ATTEMPTS)
      return accountMessage(c, 403, {
        title: 'Please start again',
        message: 'Your session expired or had too many wrong attempts.',
        linkHref: '/account/login',
        linkText: 'Sign in again',
      });
    if (form.username !== undefined) return passwordStep(c, session, form, sandbox);
    return codeStep(c, session, form, sandbox);
  });

  app.post('/account/logout', async (c) => {
    const session = await existingSession(c);
    const form = await readPageForm(c);
    if (session && csrfOk(session, form)) {
      await signOutCustomer({ ctx: oauthContext(c), input: { session } });
      clearSessionCookie(c);
    }
    return c.redirect('/account/login', 303);
  });
}

async function passwordStep(
  c: Context<AppEnv>,
  session: CustomerSession,
  form: Record<string, string>,
  sandbox: string,
) {
  const world = sandbox
    ? { mode: 'sandbox' as const, sandboxId: sandbox }
    : { mode: 'live' as const, sandboxId: null };
  const input = { world, username: (form.username ?? '').trim(), password: form.password ?? '', session };
  const { signedIn } = await signInCustomer({ ctx: oauthContext(c), input });
  if (!signedIn) return loginStep(c, session, sandbox, 'The username or password is wrong.');
  adoptRotated(c, signedIn);
  return c.redirect(`/account/login${sandbox ? `?sandbox=${sandbox}` : ''}`, 303);
}

async function codeStep(
  c: Context<AppEnv>,
  session: CustomerSession,
  form: Record<string, string>,
  sandbox: string,
) {
  const customer = session.customerId ? await findCustomer(c.get('services').db, session.customerId) : null;
  if (!customer) return loginStep(c, session, sandbox);
  const input = { session, customer, code: (form.code ?? '').trim() };
  const outcome = await verifyOneTimeCode({ ctx: oauthContext(c), input });
  if (outcome.kind === 'locked') return lockedPage(c, outcome.until);
  if (outcome.kind === 'wrong') return loginStep(c, session, sandbox, 'That code is not right.');
  adoptRotated(c, outcome.signedIn);
  return c.redirect('/account/consents', 303);
}

async function loginStep(c: Context<AppEnv>, session: CustomerSession, sandbox: string, error?: string) {
  pageHeaders(c);
  const hidden: Record<string, string> = sandbox ? { sandbox } : {};
  const status = error ? 401 : 200;
  if (session.customerId && !session.secondFactorAt) {
    return c.html(
      <OtpPage
        appName="Tessera Bank"
        action="/account/login"
        csrf={session.csrfToken}
        hidden={hidden}
        error={error}
        sandbox={Boolean(sandbox)}
      />,
      status,
    );
  }
  if (session.customerId && session.secondFactorAt) return c.redirect('/account/consents', 303);
  return c.html(
    <LoginPage
      appName="Tessera Bank"
      purpose="account"
      action="/account/login"
      csrf={session.csrfToken}
      hidden={hidden}
      error={error}
      sandbox={Boolean(sandbox)}
    />,
    status,
  );
}
