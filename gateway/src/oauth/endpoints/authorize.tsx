import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../env';
import { adoptRotated, browserSession, limitSignIn, lockedPage, pageHeaders } from '../browser';
import { decideAuthorization } from '../service/decide-authorization';
import { findAuthorizationFlow, sessionCustomer } from '../service/internal/authorization-flow';
import { signInCustomer } from '../service/sign-in-customer';
import { verifyOneTimeCode } from '../service/verify-one-time-code';
import { again, expiredLink, postedForm, renderAuthorization } from './authorize-pages';
import { oauthContext } from './context';

type StepHandler = (c: Context<AppEnv>) => Promise<Response>;

/** Each form of the pages: the customer's password, one-time code, choice on a step, decision. */
const STEPS: Record<'login' | 'otp' | 'offer' | 'decision', StepHandler> = {
  async login(c) {
    const posted = await postedForm(c);
    if (posted instanceof Response) return posted;
    const { form, flow, session } = posted;
    const username = (form.username ?? '').trim();
    const limited = await limitSignIn(c, `${flow.client.sandboxId ?? 'live'}:${username.toLowerCase()}`);
    if (limited) return limited;
    const input = { world: flow.client, username, password: form.password ?? '', session };
    const { signedIn } = await signInCustomer({ ctx: oauthContext(c), input });
    if (!signedIn)
      return renderAuthorization(c, flow, session, { error: 'The username or password is wrong.' });
    adoptRotated(c, signedIn);
    return again(c, flow);
  },

  async otp(c) {
    const posted = await postedForm(c);
    if (posted instanceof Response) return posted;
    const { form, flow, session } = posted;
    const limited = await limitSignIn(c, `session:${session.idHash}`);
    if (limited) return limited;
    const customer = await sessionCustomer(c.get('services').db, session, flow.client);
    if (!customer) return again(c, flow);
    const input = { session, customer, code: (form.code ?? '').trim() };
    const outcome = await verifyOneTimeCode({ ctx: oauthContext(c), input });
    if (outcome.kind === 'locked') return lockedPage(c, outcome.until);
    if (outcome.kind === 'wrong')
      return renderAuthorization(c, flow, session, {
        error: 'That code is not right. Check your authenticator app and try again.',
      });
    adoptRotated(c, outcome.signedIn);
    return again(c, flow);
  },

  /** A product step's page chose something (a checkout plan): the page again, showing it. */
  async offer(c) {
    const posted = await postedForm(c);
    if (posted instanceof Response) return posted;
    const { form, flow, session } = posted;
    const customer = await sessionCustomer(c.get('services').db, session, flow.client);
    if (!customer || !session.secondFactorAt) return again(c, flow);
    if (!c.get('oauth').consentSteps.for(flow.request)) return again(c, flow);
    return c.redirect(
      `/oauth/authorize?${new URLSearchParams({ ...flow.hidden, offer: form.offer ?? '' })}`,
      303,
    );
  },

  async decision(c) {
    const posted = await postedForm(c);
    if (posted instanceof Response) return posted;
    const { form, flow, session } = posted;
    const customer = await sessionCustomer(c.get('services').db, session, flow.client);
    if (!customer || !session.secondFactorAt) return again(c, flow);
    const input = { flow, customer, approve: form.decision === 'approve', form };
    const decided = await decideAuthorization({ ctx: oauthContext(c), input });
    if (decided.kind === 'retry') return renderAuthorization(c, flow, session, decided);
    pageHeaders(c, flow.request.redirect_uri);
    return c.redirect(decided.to, 303);
  },
};

export function registerAuthorize(app: Hono<AppEnv>) {
  app.get('/oauth/authorize', async (c) => {
    const flow = await findAuthorizationFlow(
      c.get('services'),
      c.req.query('client_id'),
      c.req.query('request_uri'),
    );
    if (!flow) return expiredLink(c);
    return renderAuthorization(c, flow, await browserSession(c), { choice: c.req.query('offer') });
  });

  for (const [step, handler] of Object.entries(STEPS)) app.post(`/oauth/authorize/${step}`, handler);
}
