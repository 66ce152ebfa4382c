import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../env';
import {
  adoptRotated,
  browserSession,
  humanDate,
  limitSignIn,
  lockedPage,
  pageHeaders,
  readPageForm,
} from '../../../oauth/browser';
import { oauthContext } from '../../../oauth/endpoints/context';
import { LoginPage } from '../../../oauth/pages/login';
import { MessagePage } from '../../../oauth/pages/message';
import { OtpPage } from '../../../oauth/pages/otp';
import { signInCustomer } from '../../../oauth/service/sign-in-customer';
import { verifyOneTimeCode } from '../../../oauth/service/verify-one-time-code';
import { findCustomer } from '../../../oauth/store/customers';
import type { CustomerSession } from '../../../oauth/store/sessions';
import { timingSafeEqual } from '../../../platform/crypto';
import { LimitOfferPage } from '../offer-page/offer-pages';
import { acceptLimitOffer } from '../service/accept-limit-offer';
import { declineLimitOffer } from '../service/decline-limit-offer';
import { OFFER_PAGE_PATH } from '../service/internal/offer-objects';
import { type OfferForPage, offerForPage, returnUriFor, withResult } from '../service/limit-offer-page';

const NOT_OPEN: Record<string, string> = {
  accepted: 'You already accepted this offer: your new limit is in place.',
  declined: 'You declined this offer. Your limit stays as it was.',
  expired: 'This offer has expired. Your limit stays as it was.',
};

function message(
  c: Context<AppEnv>,
  status: 400 | 403 | 404 | 409,
  title: string,
  text: string,
  back?: string,
) {
  pageHeaders(c);
  const link = back ? { linkHref: back, linkText: 'Back to the app' } : {};
  return c.html(<MessagePage title={title} message={text} {...link} />, status);
}

const notFound = (c: Context<AppEnv>) =>
  message(
    c,
    404,
    'Offer not found',
    'There is no such offer for you. Check that you signed in as the right customer.',
  );

interface PageState {
  page: OfferForPage;
  returnUri: string;
  action: string;
  hidden: Record<string, string>;
}

/** The offer, the validated return URI and what each form sends back; null: answered with a page. */
async function pageState(c: Context<AppEnv>, asked: string | undefined): Promise<PageState | Response> {
  const services = c.get('services');
  const page = await offerForPage(services, c.req.param('id') ?? '');
  if (!page) return notFound(c);
  const returnUri = returnUriFor(page.app, asked);
  if (!returnUri)
    return message(
      c,
      400,
      'This link is not valid',
      `${page.app.name} sent you here with a return address it has not registered. Go back to the app and try again.`,
    );
  const action = `${OFFER_PAGE_PATH}/${encodeURIComponent(page.offer.id)}`;
  return { page, returnUri, action, hidden: asked ? { redirect_uri: asked } : {} };
}

const csrfOk = (session: CustomerSession, form: Record<string, string>) =>
  Boolean(form.csrf) && timingSafeEqual(form.csrf!, session.csrfToken);

/**
 * The bank's limit-offer page (GET shows, POST signs in or answers). The partner opens the offer's
 * accept_url; the customer signs in here as in the consent flow (password, then one-time code, in
 * the offer's own world), sees current → offered limit, and accepts or declines; then the browser
 * returns to the partner's registered redirect URI with `limit_offer` and `result`.
 */
export function registerLimitOfferPage(app: Hono<AppEnv>) {
  app.get(`${OFFER_PAGE_PATH}/:id`, async (c) => {
    const state = await pageState(c, c.req.query('redirect_uri'));
    if (state instanceof Response) return state;
    return show(c, await browserSession(c), state);
  });

  app.post(`${OFFER_PAGE_PATH}/:id`, async (c) => {
    const form = await readPageForm(c);
    const state = await pageState(c, form.redirect_uri);
    if (state instanceof Response) return state;
    const session = await browserSession(c);
    if (!csrfOk(session, form))
      return message(
        c,
        403,
        'Please try again',
        'The form was not sent from this page. Open the offer again.',
      );
    const again = `${state.action}${form.redirect_uri ? `?redirect_uri=${encodeURIComponent(form.redirect_uri)}` : ''}`;
    if (form.username !== undefined || form.code !== undefined) return signIn(c, session, form, state, again);
    const customer = await signedInCustomer(c, session);
    if (!customer) return c.redirect(again, 303);
    if (customer.id !== state.page.offer.customerId) return notFound(c);
    if (form.decision !== 'accept' && form.decision !== 'decline')
      return message(c, 400, 'Please choose', 'Accept the new limit or decline it.');
    const verb = form.decision === 'accept' ? acceptLimitOffer : declineLimitOffer;
    const services = c.get('services');
    const outcome = await verb({
      ctx: { db: services.db, clock: services.clock, ids: services.ids, requestId: c.get('requestId') },
      input: { offerId: state.page.offer.id, customerId: customer.id, publicUrl: services.config.PUBLIC_URL },
    });
    if (outcome.kind === 'not_found') return notFound(c);
    if (outcome.kind === 'not_open')
      return message(c, 409, 'This offer is closed', NOT_OPEN[outcome.status] ?? '', state.returnUri);
    if (outcome.kind === 'line_closed')
      return message(
        c,
        409,
        'Your credit line is closed',
        'A closed line cannot take a higher limit.',
        state.returnUri,
      );
    pageHeaders(c, state.returnUri);
    return c.redirect(
      withResult(state.returnUri, state.page.offer.id, outcome.offer.status as 'accepted'),
      303,
    );
  });
}

async function signedInCustomer(c: Context<AppEnv>, session: CustomerSession) {
  if (!session.customerId || !session.secondFactorAt) return null;
  return findCustomer(c.get('services').db, session.customerId);
}

async function show(c: Context<AppEnv>, session: CustomerSession, state: PageState) {
  const { page } = state;
  if (!session.customerId || !session.secondFactorAt) {
    return signInStep(c, session, state, 200);
  }
  const customer = await signedInCustomer(c, session);
  if (!customer || customer.id !== page.offer.customerId) return notFound(c);
  if (page.status !== 'offered')
    return message(c, 409, 'This offer is closed', NOT_OPEN[page.status] ?? '', state.returnUri);
  // The answer's redirect goes to the partner: the form may lead there (CSP form-action).
  pageHeaders(c, state.returnUri);
  return c.html(
    <LimitOfferPage
      appName={page.app.name}
      customerName={customer.name}
      currency={page.offer.currency}
      currentLimit={page.line.creditLimit}
      offeredLimit={page.offer.offeredLimit}
      balance={page.line.balance}
      apr={page.line.apr}
      expiresOn={humanDate(page.offer.expiresAt)}
      action={state.action}
      csrf={session.csrfToken}
      hidden={state.hidden}
    />,
  );
}

async function signIn(
  c: Context<AppEnv>,
  session: CustomerSession,
  form: Record<string, string>,
  state: PageState,
  again: string,
) {
  const { line } = state.page;
  const world = { mode: line.mode, sandboxId: line.sandboxId };
  const username = (form.username ?? '').trim();
  const limited = await limitSignIn(
    c,
    form.username !== undefined
      ? `${world.sandboxId ?? 'live'}:${username.toLowerCase()}`
      : `session:${session.idHash}`,
  );
  if (limited) return limited;
  if (form.username !== undefined) {
    const input = { world, username, password: form.password ?? '', session };
    const { signedIn } = await signInCustomer({ ctx: oauthContext(c), input });
    if (!signedIn) return signInStep(c, session, state, 401, 'The username or password is wrong.');
    adoptRotated(c, signedIn);
    return c.redirect(again, 303);
  }
  const customer = session.customerId ? await findCustomer(c.get('services').db, session.customerId) : null;
  if (!customer) return c.redirect(again, 303);
  const outcome = await verifyOneTimeCode({
    ctx: oauthContext(c),
    input: { session, customer, code: (form.code ?? '').trim() },
  });
  if (outcome.kind === 'locked') return lockedPage(c, outcome.until);
  if (outcome.kind === 'wrong') return signInStep(c, session, state, 401, 'That code is not right.');
  adoptRotated(c, outcome.signedIn);
  return c.redirect(again, 303);
}

/** Password first, then the one-time code, as in the consent flow. */
function signInStep(
  c: Context<AppEnv>,
  session: CustomerSession,
  state: PageState,
  status: 200 | 401,
  error?: string,
) {
  pageHeaders(c);
  const props = {
    appName: state.page.app.name,
    action: state.action,
    csrf: session.csrfToken,
    hidden: state.hidden,
    error,
    sandbox: state.page.line.mode === 'sandbox',
  };
  return c.html(
    session.customerId && !session.secondFactorAt ? (
      <OtpPage {...props} />
    ) : (
      <LoginPage {...props} purpose="offer" />
    ),
    status,
  );
}
