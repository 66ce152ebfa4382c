import type { Context, Hono } from 'hono';
import type { BatchItem } from '../../db/client';
import type { AppEnv } from '../../env';
import type { AppPrincipal } from '../../platform/context';
import { timingSafeEqual } from '../../platform/crypto';
import { ApiError } from '../../platform/errors';
import type { Currency } from '../../platform/money';
import { verifyPassword } from '../../platform/passwords';
import { enforceLimits } from '../../platform/rate-limit/enforce';
import { businessClock } from '../../platform/sandbox-clock';
import { requestCountry } from '../../products/loans/request-country';
import {
  attachConsentStatements,
  type ChosenOffer,
  decideForPage,
  existingPageDecision,
  offerChosenOnPage,
} from '../../products/loans/service/checkout-page';
import { creditDecisionCheck } from '../../products/loans/service/credit-decision-limit';
import { type AuthorizationDetail, isOneOff } from '../authorization-details';
import { adoptRotated, browserSession, humanDate, limitSignIn, pageHeaders, readPageForm } from '../browser';
import { type ClientApp, findClient } from '../clients';
import type { OAuthServices } from '../context';
import { consentExpiry, decideConsent } from '../grant-consent';
import { checkOneTimeCode, lockedPage } from '../one-time-code';
import {
  CheckoutAgreementPage,
  CheckoutDeclinedPage,
  CheckoutOffersPage,
  declineInWords,
  offerView,
} from '../pages/checkout';
import { ConsentPage } from '../pages/consent';
import { describeAccess } from '../pages/describe';
import { LoginPage } from '../pages/login';
import { MessagePage } from '../pages/message';
import { OtpPage } from '../pages/otp';
import { type Customer, findCustomer, findCustomerByLogin } from '../store/customers';
import { findPushedRequest, type PushedRequest, usePushedRequestStatement } from '../store/par';
import { type CustomerSession, recordFailure, recordPassword } from '../store/sessions';
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

type CheckoutDetail = Extract<AuthorizationDetail, { type: 'checkout_credit' }>;

/** A checkout_credit request makes the consent page the hosted checkout (pages/checkout.tsx). */
function checkoutDetail(details: AuthorizationDetail[]): CheckoutDetail | undefined {
  return details.find((d): d is CheckoutDetail => d.type === 'checkout_credit');
}

async function renderStep(
  c: Context<AppEnv>,
  flow: Flow,
  session: CustomerSession,
  error?: string,
  /** The checkout offer whose agreement to show (hosted checkout flow). */
  offerId?: string,
) {
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
  const { db, clock } = c.get('services');
  const details = flow.request.authorization_details;
  const checkout = checkoutDetail(details);
  if (checkout) return renderCheckout(c, flow, session, customer, checkout, { error, offerId });
  const oneOff = details.length > 0 && details.every(isOneOff);
  // The date the consent will carry: business time (the sandbox's clock), as decideConsent writes.
  const now = (await businessClock({ db, clock, app: flow.client })).now();
  const items = describeAccess({
    appName: flow.client.name,
    merchantName: flow.client.merchantName,
    scopes: flow.request.scopes,
    details,
    publishedScopes: (await c.get('services').publishedScopes?.(flow.request.scopes)) ?? {},
  });
  return c.html(
    <ConsentPage
      app={{ name: flow.client.name, logoUri: flow.client.logoUri ?? undefined }}
      customerName={customer.name}
      items={items}
      oneOff={oneOff}
      expiresAt={oneOff ? undefined : humanDate(consentExpiry(now, flow.request))}
      action="/oauth/authorize/decision"
      csrf={session.csrfToken}
      hidden={flow.hidden}
    />,
  );
}

const principalOf = (client: ClientApp): AppPrincipal => ({
  id: client.id,
  mode: client.mode,
  sandboxId: client.sandboxId,
  merchantAccountId: client.merchantAccountId,
});

/** The request's checkout_credit detail, now naming the offer the customer signed. */
function withOfferId(request: PushedRequest, offerId: string): PushedRequest {
  const details = request.authorization_details.map((d) =>
    d.type === 'checkout_credit' ? { ...d, offer_id: offerId } : d,
  );
  return { ...request, authorization_details: details };
}

/**
 * The hosted checkout step: the order decided for the signed-in customer (once per request, and
 * counted against the app's credit decisions per customer), then the offers, the chosen offer's
 * agreement, or the reasons for a decline.
 */
async function renderCheckout(
  c: Context<AppEnv>,
  flow: Flow,
  session: CustomerSession,
  customer: Customer,
  detail: CheckoutDetail,
  opts: { error?: string | undefined; offerId?: string | undefined },
) {
  const services = c.get('services');
  const deps = { db: services.db, clock: services.clock, ids: services.ids, requestId: c.get('requestId') };
  const page = { app: principalOf(flow.client), customerId: customer.id, parRequestId: flow.requestId };
  const details = flow.request.authorization_details;
  let decided = await existingPageDecision(deps, page);
  if (!decided) {
    const check = await creditDecisionCheck(services, flow.client.id, customer.id);
    const limited = check ? await limitOnPage(c, () => enforceLimits(c, [check])) : null;
    if (limited) return limited;
    try {
      decided = await decideForPage(deps, {
        ...page,
        order: {
          amount: detail.amount,
          currency: detail.currency as Currency,
          orderReference: detail.order_reference,
        },
        jkt: flow.request.dpop_jkt,
        country: requestCountry((name) => c.req.header(name), flow.client.mode),
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_request')
        return refuse(c, 400, 'Credit is not available for this order', err.detail);
      throw err;
    }
  }
  pageHeaders(c, flow.request.redirect_uri);
  const common = {
    app: { name: flow.client.name, logoUri: flow.client.logoUri ?? undefined },
    customerName: customer.name,
    merchantName: flow.client.merchantName,
    order: { reference: detail.order_reference, amount: detail.amount, currency: detail.currency },
    // Everything else the request asks for; the order itself is what the page is about.
    otherItems: describeAccess({
      appName: flow.client.name,
      merchantName: flow.client.merchantName,
      scopes: flow.request.scopes,
      details,
    }).filter((_, i) => details[i]?.type !== 'checkout_credit'),
    decisionAction: '/oauth/authorize/decision',
    csrf: session.csrfToken,
    hidden: flow.hidden,
    error: opts.error,
  };
  const status = opts.error ? 400 : 200;
  if (decided.decision.outcome === 'declined') {
    const { reasons, factors } = declineInWords(decided.decision.reasons);
    return c.html(<CheckoutDeclinedPage {...common} reasons={reasons} factors={factors} />, status);
  }
  const offers = decided.offers.map(offerView);
  const chosen = offers.find((o) => o.id === opts.offerId);
  if (chosen) {
    const back = `/oauth/authorize?${new URLSearchParams(flow.hidden)}`;
    return c.html(<CheckoutAgreementPage {...common} offer={chosen} backHref={back} />, status);
  }
  return c.html(
    <CheckoutOffersPage {...common} offers={offers} chooseAction="/oauth/authorize/offer" />,
    status,
  );
}

/** Over the credit decisions limit, the customer gets a page saying when to try again. */
async function limitOnPage(c: Context<AppEnv>, check: () => Promise<unknown>): Promise<Response | null> {
  try {
    await check();
    return null;
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'rate_limited') throw err;
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return refuse(
      c,
      429,
      'Too many credit checks',
      `Too many credit checks were made for you in the last hour. Wait ${err.headers?.['Retry-After'] ?? 60} seconds and try again from the app.`,
    );
  }
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
    return renderStep(c, flow, await browserSession(c), undefined, c.req.query('offer'));
  });

  app.post('/oauth/authorize/:step{login|otp|offer|decision}', async (c) => {
    const { db, clock, ids, requestId } = { ...c.get('services'), requestId: c.get('requestId') };
    const form = await readPageForm(c);
    const flow = await loadFlow(c, form.client_id, form.request_uri);
    if (!flow) return refuse(c, 400, 'This link has expired', BAD_LINK);
    const session = await browserSession(c);
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
      adoptRotated(c, await recordPassword(db, clock, session, customer.id));
      return again();
    }

    const customer = await sessionCustomer(c, session, flow.client);
    if (!customer) return again();
    if (step === 'otp') {
      const outcome = await checkOneTimeCode(c, session, customer, (form.code ?? '').trim());
      if (outcome.kind === 'locked') return lockedPage(c, outcome.until);
      if (outcome.kind === 'wrong')
        return renderStep(
          c,
          flow,
          session,
          'That code is not right. Check your authenticator app and try again.',
        );
      return again();
    }

    if (!session.secondFactorAt) return again();
    const checkout = checkoutDetail(flow.request.authorization_details);
    if (step === 'offer') {
      if (!checkout) return again();
      const query = new URLSearchParams({ ...flow.hidden, offer: form.offer ?? '' });
      return c.redirect(`/oauth/authorize?${query}`, 303);
    }
    const approve = form.decision === 'approve';
    let request = flow.request;
    let signed: ChosenOffer | null = null;
    let declined = false;
    if (checkout) {
      const page = { app: principalOf(flow.client), customerId: customer.id, parRequestId: flow.requestId };
      if (approve) {
        // The customer signs one offer of this request's decision, with the box ticked.
        if (form.agree !== 'yes')
          return renderStep(c, flow, session, 'Tick the box to agree to the loan, or cancel.', form.offer);
        signed = await offerChosenOnPage({ db, clock }, { ...page, offerId: form.offer });
        if (!signed)
          return renderStep(c, flow, session, 'That offer is no longer available: choose a plan again.');
        request = withOfferId(flow.request, signed.offer.id);
      } else {
        declined = (await existingPageDecision({ db, clock }, page))?.decision.outcome === 'declined';
      }
    }
    const decided = await decideConsent(
      { db, clock, ids, requestId },
      { client: flow.client, customerId: customer.id, request, approve, via: 'consent_page' },
    );
    const statements = [
      ...decided.statements,
      ...(signed && decided.code ? attachConsentStatements(db, signed.decision.id, decided.consent.id) : []),
      usePushedRequestStatement(db, clock, flow.requestId),
    ];
    const params: Record<string, string> = decided.code
      ? { code: decided.code }
      : {
          error: 'access_denied',
          error_description: declined
            ? 'No credit could be offered to the customer for this order.'
            : 'The customer denied the request.',
        };
    await db.batch(statements as [BatchItem, ...BatchItem[]]);
    pageHeaders(c, flow.request.redirect_uri);
    return c.redirect(redirectWith(flow, oauth.issuer, params), 303);
  });
}
