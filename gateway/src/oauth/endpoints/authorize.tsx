import type { Context, Hono } from 'hono';
import type { BatchItem } from '../../db/client';
import { SANDBOX_ONE_TIME_CODE } from '../../db/seed/customers';
import type { AppEnv } from '../../env';
import { timingSafeEqual } from '../../platform/crypto';
import { verifyPassword } from '../../platform/passwords';
import { isOneOff } from '../authorization-details';
import { browserSession, humanDate, limitSignIn, pageHeaders, readPageForm } from '../browser';
import { type ClientApp, findClient } from '../clients';
import type { OAuthServices } from '../context';
import { consentExpiry, decideConsent } from '../grant-consent';
import { ConsentPage } from '../pages/consent';
import { describeAccess } from '../pages/describe';
import { LoginPage } from '../pages/login';
import { MessagePage } from '../pages/message';
import { OtpPage } from '../pages/otp';
import { type Customer, findCustomer, findCustomerByLogin } from '../store/customers';
import { findPushedRequest, type PushedRequest, usePushedRequestStatement } from '../store/par';
import { type CustomerSession, recordFailure, recordPassword, recordSecondFactor } from '../store/sessions';
import { verifyTotp } from '../totp';
import { REQUEST_URI_PREFIX } from './par';

const MAX_FAILED_ATTEMPTS = 5;

interface Flow {
  client: ClientApp;
  request: PushedRequest;
  requestId: string;
  hidden: Record<string, string>;
}

function refuse(c: Context<AppEnv>, status: 400 | 403 | 429, title: string, message: string) {
  pageHeaders(c);
  return c.html(<MessagePage title={title} message={message} />, status);
}

/** The flow a request_uri names, or null: a bad link is shown to the customer, never redirected. */
async function loadFlow(
  c: Context<AppEnv>,
  clientId: string | undefined,
  requestUri: string | undefined,
): Promise<Flow | null> {
  const { db, clock } = c.get('services');
  if (!clientId || !requestUri?.startsWith(REQUEST_URI_PREFIX)) return null;
  const id = requestUri.slice(REQUEST_URI_PREFIX.length);
  const request = await findPushedRequest(db, clock, id);
  if (!request || request.client_id !== clientId) return null;
  const client = await findClient(db, clientId);
  if (!client) return null;
  return { client, request, requestId: id, hidden: { client_id: clientId, request_uri: requestUri } };
}

const BAD_LINK = 'This sign-in link is not valid or has expired. Go back to the app and start again.';

/** The customer this session authenticated, if they belong to the app's world (sandbox or live). */
async function sessionCustomer(
  c: Context<AppEnv>,
  session: CustomerSession,
  client: ClientApp,
): Promise<Customer | null> {
  if (!session.customerId) return null;
  const customer = await findCustomer(c.get('services').db, session.customerId);
  if (!customer) return null;
  const sameWorld =
    client.mode === 'sandbox' ? customer.sandboxId === client.sandboxId : customer.mode === 'live';
  return sameWorld ? customer : null;
}

function csrfOk(session: CustomerSession, form: Record<string, string>): boolean {
  return typeof form.csrf === 'string' && timingSafeEqual(form.csrf, session.csrfToken);
}

async function renderStep(c: Context<AppEnv>, flow: Flow, session: CustomerSession, error?: string) {
  const sandbox = flow.client.mode === 'sandbox';
  const customer = await sessionCustomer(c, session, flow.client);
  pageHeaders(c, flow.request.redirect_uri);
  const status = error ? 401 : 200;
  if (!customer) {
    const page = (
      <LoginPage
        appName={flow.client.name}
        action="/oauth/authorize/login"
        csrf={session.csrfToken}
        hidden={flow.hidden}
        error={error}
        sandbox={sandbox}
      />
    );
    return c.html(page, status);
  }
  if (!session.secondFactorAt) {
    const page = (
      <OtpPage
        appName={flow.client.name}
        action="/oauth/authorize/otp"
        csrf={session.csrfToken}
        hidden={flow.hidden}
        error={error}
        sandbox={sandbox}
      />
    );
    return c.html(page, status);
  }
  const { clock } = c.get('services');
  const details = flow.request.authorization_details;
  const oneOff = details.length > 0 && details.every(isOneOff);
  const items = describeAccess({
    appName: flow.client.name,
    merchantName: flow.client.merchantName,
    scopes: flow.request.scopes,
    details,
  });
  return c.html(
    <ConsentPage
      app={{ name: flow.client.name, logoUri: flow.client.logoUri ?? undefined }}
      customerName={customer.name}
      items={items}
      oneOff={oneOff}
      expiresAt={oneOff ? undefined : humanDate(consentExpiry(clock.now(), flow.request))}
      action="/oauth/authorize/decision"
      csrf={session.csrfToken}
      hidden={flow.hidden}
    />,
  );
}

function redirectWith(flow: Flow, issuer: string, params: Record<string, string>): string {
  const url = new URL(flow.request.redirect_uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (flow.request.state !== null) url.searchParams.set('state', flow.request.state);
  url.searchParams.set('iss', issuer);
  return url.toString();
}

export function registerAuthorize(app: Hono<AppEnv>, oauth: OAuthServices) {
  app.get('/oauth/authorize', async (c) => {
    const flow = await loadFlow(c, c.req.query('client_id'), c.req.query('request_uri'));
    if (!flow) return refuse(c, 400, 'This link has expired', BAD_LINK);
    return renderStep(c, flow, await browserSession(c, oauth));
  });

  app.post('/oauth/authorize/:step{login|otp|decision}', async (c) => {
    const { db, clock, ids, requestId } = { ...c.get('services'), requestId: c.get('requestId') };
    const form = await readPageForm(c);
    const flow = await loadFlow(c, form.client_id, form.request_uri);
    if (!flow) return refuse(c, 400, 'This link has expired', BAD_LINK);
    const session = await browserSession(c, oauth);
    if (!csrfOk(session, form))
      return refuse(
        c,
        403,
        'Please start again',
        'Your session expired or the form was not sent from this page. Go back to the app and start again.',
      );
    if (session.failedAttempts >= MAX_FAILED_ATTEMPTS) {
      return refuse(
        c,
        429,
        'Too many attempts',
        'Sign-in is locked for this session after too many wrong attempts. Wait 15 minutes and start again from the app.',
      );
    }
    const again = () => c.redirect(`/oauth/authorize?${new URLSearchParams(flow.hidden)}`, 303);
    const step = c.req.param('step');

    if (step === 'login' || step === 'otp') {
      const account =
        step === 'login'
          ? `${flow.client.sandboxId ?? 'live'}:${(form.username ?? '').trim().toLowerCase()}`
          : `session:${session.idHash}`;
      const limited = await limitSignIn(c, account);
      if (limited) return limited;
    }
    if (step === 'login') {
      const customer = await findCustomerByLogin(db, flow.client, (form.username ?? '').trim());
      // The same work and answer whether the name or the password is wrong.
      const ok = await verifyPassword(
        form.password ?? '',
        customer?.passwordHash ?? 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
      );
      if (!customer || !ok) {
        await recordFailure(db, session);
        return renderStep(c, flow, session, 'The username or password is wrong.');
      }
      await recordPassword(db, clock, session, customer.id);
      return again();
    }

    const customer = await sessionCustomer(c, session, flow.client);
    if (!customer) return again();
    if (step === 'otp') {
      const code = (form.code ?? '').trim();
      const ok =
        customer.mode === 'sandbox'
          ? code === SANDBOX_ONE_TIME_CODE
          : Boolean(customer.totpSecret) && (await verifyTotp(customer.totpSecret!, code, clock.now()));
      if (!ok) {
        await recordFailure(db, session);
        return renderStep(
          c,
          flow,
          session,
          'That code is not right. Check your authenticator app and try again.',
        );
      }
      await recordSecondFactor(db, clock, session);
      return again();
    }

    if (!session.secondFactorAt) return again();
    const approve = form.decision === 'approve';
    const decided = await decideConsent(
      { db, clock, ids, requestId },
      { client: flow.client, customerId: customer.id, request: flow.request, approve, via: 'consent_page' },
    );
    const statements = [...decided.statements, usePushedRequestStatement(db, clock, flow.requestId)];
    const params: Record<string, string> = decided.code
      ? { code: decided.code }
      : { error: 'access_denied', error_description: 'The customer denied the request.' };
    await db.batch(statements as [BatchItem, ...BatchItem[]]);
    pageHeaders(c, flow.request.redirect_uri);
    return c.redirect(redirectWith(flow, oauth.issuer, params), 303);
  });
}
