import type { Context, Hono } from 'hono';
import { consentNow } from '../../consents/status';
import type { BatchItem } from '../../db/client';
import type { AppEnv } from '../../env';
import { timingSafeEqual } from '../../platform/crypto';
import { verifyPassword } from '../../platform/passwords';
import type { AuthorizationDetail } from '../authorization-details';
import {
  adoptRotated,
  browserSession,
  clearSessionCookie,
  existingSession,
  humanDate,
  limitSignIn,
  pageHeaders,
  readPageForm,
} from '../browser';
import { checkOneTimeCode, lockedPage } from '../one-time-code';
import { AccountConsentsPage } from '../pages/account-consents';
import { describeAccess } from '../pages/describe';
import { InquiriesPage } from '../pages/inquiries';
import { LoginPage } from '../pages/login';
import { MessagePage } from '../pages/message';
import { OtpPage } from '../pages/otp';
import { listCustomerConsents, revokeConsentStatements } from '../store/consents';
import { type Customer, findCustomer, findCustomerByLogin, listInquiries } from '../store/customers';
import { type CustomerSession, endSession, recordFailure, recordPassword } from '../store/sessions';

const SANDBOX_ID = /^sbx_[0-9A-Za-z]{8,64}$/;

async function signedIn(c: Context<AppEnv>, session: CustomerSession | null): Promise<Customer | null> {
  if (!session?.customerId || !session.secondFactorAt) return null;
  return findCustomer(c.get('services').db, session.customerId);
}

/** The customer's consent dashboard: every app with access, what it may do, and one-click revoke. */
export function registerAccount(app: Hono<AppEnv>) {
  app.get('/account/consents', async (c) => {
    const session = await existingSession(c);
    const customer = await signedIn(c, session);
    const sandbox = c.req.query('sandbox');
    if (!customer || !session)
      return c.redirect(`/account/login${sandbox ? `?sandbox=${encodeURIComponent(sandbox)}` : ''}`, 303);
    const rows = await listCustomerConsents(c.get('services'), customer.id);
    const consents = rows.map(({ consent, appName, merchantName }) => ({
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
    pageHeaders(c);
    return c.html(
      <AccountConsentsPage
        customerName={customer.name}
        consents={consents}
        csrf={session.csrfToken}
        notice={c.req.query('notice')?.slice(0, 200)}
      />,
    );
  });

  app.get('/account/inquiries', async (c) => {
    const session = await existingSession(c);
    const customer = await signedIn(c, session);
    if (!customer) return c.redirect('/account/login', 303);
    const rows = await listInquiries(c.get('services').db, customer.id);
    pageHeaders(c);
    return c.html(
      <InquiriesPage
        customerName={customer.name}
        inquiries={rows.map((q) => ({
          requester: q.requester,
          kind: q.kind,
          purpose: q.purpose,
          when: humanDate(q.createdAt),
        }))}
      />,
    );
  });

  app.post('/account/consents/:id/revoke', async (c) => {
    const services = c.get('services');
    const session = await existingSession(c);
    const customer = await signedIn(c, session);
    const form = await readPageForm(c);
    if (!customer || !session) return c.redirect('/account/login', 303);
    if (!form.csrf || !timingSafeEqual(form.csrf, session.csrfToken)) {
      pageHeaders(c);
      return c.html(
        <MessagePage
          title="Please try again"
          message="The form was not sent from this page."
          linkHref="/account/consents"
          linkText="Back to connected apps"
        />,
        403,
      );
    }
    const found = await consentNow(services.db, services.clock, c.req.param('id'));
    const consent = found?.consent;
    if (!found || !consent || consent.customerId !== customer.id) {
      pageHeaders(c);
      return c.html(
        <MessagePage
          title="Not found"
          message="There is no such access to revoke."
          linkHref="/account/consents"
          linkText="Back to connected apps"
        />,
        404,
      );
    }
    if (found.status === 'authorised') {
      const ctx = { ...services, requestId: c.get('requestId'), app: null };
      const { statements } = revokeConsentStatements(ctx, consent, 'customer', customer.id, found.now);
      await services.db.batch(statements as [BatchItem, ...BatchItem[]]);
    }
    return c.redirect(
      `/account/consents?notice=${encodeURIComponent('Access was revoked. The app can no longer use it.')}`,
      303,
    );
  });

  app.get('/account/login', async (c) => {
    const session = await browserSession(c);
    const sandbox = c.req.query('sandbox') ?? '';
    return loginStep(c, session, SANDBOX_ID.test(sandbox) ? sandbox : '');
  });

  app.post('/account/login', async (c) => {
    const { db, clock } = c.get('services');
    const session = await browserSession(c);
    const form = await readPageForm(c);
    const sandbox = SANDBOX_ID.test(form.sandbox ?? '') ? form.sandbox! : '';
    const limited = await limitSignIn(
      c,
      form.username !== undefined
        ? `${sandbox || 'live'}:${form.username.trim().toLowerCase()}`
        : `session:${session.idHash}`,
    );
    if (limited) return limited;
    if (!form.csrf || !timingSafeEqual(form.csrf, session.csrfToken) || session.failedAttempts >= 5) {
      pageHeaders(c);
      return c.html(
        <MessagePage
          title="Please start again"
          message="Your session expired or had too many wrong attempts."
          linkHref="/account/login"
          linkText="Sign in again"
        />,
        403,
      );
    }
    if (form.username !== undefined) {
      const world = sandbox
        ? { mode: 'sandbox' as const, sandboxId: sandbox }
        : { mode: 'live' as const, sandboxId: null };
      const customer = await findCustomerByLogin(db, world, form.username.trim());
      const ok = await verifyPassword(
        form.password ?? '',
        customer?.passwordHash ?? 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
      );
      if (!customer || !ok) {
        await recordFailure(db, session);
        return loginStep(c, session, sandbox, 'The username or password is wrong.');
      }
      adoptRotated(c, await recordPassword(db, clock, session, customer.id));
      return c.redirect(`/account/login${sandbox ? `?sandbox=${sandbox}` : ''}`, 303);
    }
    const customer = session.customerId ? await findCustomer(db, session.customerId) : null;
    if (!customer) return loginStep(c, session, sandbox);
    const outcome = await checkOneTimeCode(c, session, customer, (form.code ?? '').trim());
    if (outcome.kind === 'locked') return lockedPage(c, outcome.until);
    if (outcome.kind === 'wrong') return loginStep(c, session, sandbox, 'That code is not right.');
    return c.redirect('/account/consents', 303);
  });

  // Signing out ends the session server-side: its id names nothing afterwards, whoever holds it.
  app.post('/account/logout', async (c) => {
    const session = await existingSession(c);
    const form = await readPageForm(c);
    if (session && form.csrf && timingSafeEqual(form.csrf, session.csrfToken)) {
      await endSession(c.get('services').db, session);
      clearSessionCookie(c);
    }
    return c.redirect('/account/login', 303);
  });
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
