import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { timingSafeEqual } from '../../platform/crypto';
import { browserSession, humanDate, messagePage, pageHeaders, readPageForm } from '../browser';
import type { AuthorizationFlow } from '../consent-steps';
import { ConsentPage } from '../pages/consent';
import { describeAccess } from '../pages/describe';
import { LoginPage } from '../pages/login';
import { OtpPage } from '../pages/otp';
import { findAuthorizationFlow } from '../service/internal/authorization-flow';
import { nextAuthorizationStep } from '../service/next-authorization-step';
import type { CustomerSession } from '../store/sessions';
import { oauthContext } from './context';

const MAX_FAILED_ATTEMPTS = 5;
const BAD_LINK = 'This sign-in link is not valid or has expired. Go back to the app and start again.';

export const expiredLink = (c: Context<AppEnv>) => messagePage(c, 400, 'This link has expired', BAD_LINK);

/** Back to the flow's page, which shows whatever step comes next. */
export const again = (c: Context<AppEnv>, flow: AuthorizationFlow) =>
  c.redirect(`/oauth/authorize?${new URLSearchParams(flow.hidden)}`, 303);

/**
 * What every form of the flow posts is checked first: a live request_uri, the session's CSRF
 * token, and a session not locked by wrong attempts. A failing form gets its page, never a redirect.
 */
export async function postedForm(
  c: Context<AppEnv>,
): Promise<Response | { form: Record<string, string>; flow: AuthorizationFlow; session: CustomerSession }> {
  const form = await readPageForm(c);
  const flow = await findAuthorizationFlow(c.get('services'), form.client_id, form.request_uri);
  if (!flow) return expiredLink(c);
  const session = await browserSession(c);
  if (typeof form.csrf !== 'string' || !timingSafeEqual(form.csrf, session.csrfToken))
    return messagePage(
      c,
      403,
      'Please start again',
      'Your session expired or the form was not sent from this page. Go back to the app and start again.',
    );
  if (session.failedAttempts >= MAX_FAILED_ATTEMPTS)
    return messagePage(
      c,
      429,
      'Too many attempts',
      'Sign-in is locked for this session after too many wrong attempts. Wait 15 minutes and start again from the app.',
    );
  return { form, flow, session };
}

/** The page of the customer's next step: sign-in, one-time code, a product's step, or consent. */
export async function renderAuthorization(
  c: Context<AppEnv>,
  flow: AuthorizationFlow,
  session: CustomerSession,
  opts: { error?: string | undefined; choice?: string | undefined } = {},
) {
  const { client, request } = flow;
  const next = await nextAuthorizationStep({ ctx: oauthContext(c), input: { flow, session } });
  pageHeaders(c, request.redirect_uri);
  const status = opts.error ? 401 : 200;
  const form = { appName: client.name, csrf: session.csrfToken, hidden: flow.hidden, error: opts.error };
  const sandbox = client.mode === 'sandbox';
  if (next.step === 'login')
    return c.html(<LoginPage {...form} action="/oauth/authorize/login" sandbox={sandbox} />, status);
  if (next.step === 'otp')
    return c.html(<OtpPage {...form} action="/oauth/authorize/otp" sandbox={sandbox} />, status);
  const { customer } = next;
  if (next.step === 'product')
    return next.consentStep.render(c, { flow, customer, csrf: session.csrfToken, ...opts });
  const details = request.authorization_details;
  const items = describeAccess({
    appName: client.name,
    merchantName: client.merchantName,
    scopes: request.scopes,
    details,
    publishedScopes: (await c.get('services').publishedScopes?.(request.scopes)) ?? {},
  });
  return c.html(
    <ConsentPage
      app={{ name: client.name, logoUri: client.logoUri ?? undefined }}
      customerName={customer.name}
      items={items}
      oneOff={next.oneOff}
      expiresAt={next.oneOff || !next.expiresAt ? undefined : humanDate(next.expiresAt)}
      action="/oauth/authorize/decision"
      csrf={session.csrfToken}
      hidden={flow.hidden}
    />,
  );
}
