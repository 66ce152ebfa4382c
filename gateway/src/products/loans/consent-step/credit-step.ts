import type { Context } from 'hono';
import type { AppEnv } from '../../../env';
import type { AuthorizationDetail } from '../../../oauth/authorization-details';
import { messagePage, pageHeaders } from '../../../oauth/browser';
import type { ClientApp } from '../../../oauth/clients';
import type { StepPage } from '../../../oauth/consent-steps';
import { describeAccess } from '../../../oauth/pages/describe';
import type { AppPrincipal } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { enforceLimits } from '../../../platform/rate-limit/enforce';
import { creditDecisionCheck } from '../service/internal/credit-decision-limit';
import type { CreditStepProps } from './credit-step-pages';

/**
 * What the consent steps of the bank's credit products (checkout credit, credit lines) do alike
 * around their own decision: find the request's detail, decide as the app, count the decision
 * against the app's credit checks for the customer, and give their pages the same frame.
 */

type DetailType = AuthorizationDetail['type'];

/** The request's detail of the step's type: what the step claims the request by. */
export function detailOf<T extends DetailType>(
  details: AuthorizationDetail[],
  type: T,
): Extract<AuthorizationDetail, { type: T }> | undefined {
  return details.find((d): d is Extract<AuthorizationDetail, { type: T }> => d.type === type);
}

/** The app a decision on the consent page is made for, as the API's principal would be. */
export const principalOf = (client: ClientApp): AppPrincipal => ({
  id: client.id,
  mode: client.mode,
  sandboxId: client.sandboxId,
  merchantAccountId: client.merchantAccountId,
});

/**
 * The frame of every page of the step (and the page's headers): the app, the customer, the forms'
 * hidden values, and everything else the request asks for, since the step's own detail is what
 * the page is about.
 */
export function stepProps(c: Context<AppEnv>, page: StepPage, claimed: DetailType): CreditStepProps {
  const { flow, customer } = page;
  const { client, request } = flow;
  const details = request.authorization_details;
  pageHeaders(c, request.redirect_uri);
  return {
    app: { name: client.name, logoUri: client.logoUri ?? undefined },
    customerName: customer.name,
    merchantName: client.merchantName,
    otherItems: describeAccess({
      appName: client.name,
      merchantName: client.merchantName,
      scopes: request.scopes,
      details,
    }).filter((_, i) => details[i]?.type !== claimed),
    decisionAction: '/oauth/authorize/decision',
    csrf: page.csrf,
    hidden: flow.hidden,
    error: page.error,
  };
}

/**
 * Counts a new decision against the app's credit checks for the customer; over the limit, the
 * page that tells the customer when to try again (null: go on and decide).
 */
export async function creditChecksExceeded(c: Context<AppEnv>, page: StepPage): Promise<Response | null> {
  const check = await creditDecisionCheck(c.get('services'), page.flow.client.id, page.customer.id);
  if (!check) return null;
  try {
    await enforceLimits(c, [check]);
    return null;
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'rate_limited') throw err;
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return messagePage(
      c,
      429,
      'Too many credit checks',
      `Too many credit checks were made for you in the last hour. Wait ${err.headers?.['Retry-After'] ?? 60} seconds and try again from the app.`,
    );
  }
}

/** A request the decision refuses as malformed (invalid_request): a page saying so, not a 500. */
export async function orRefusalPage<T>(
  c: Context<AppEnv>,
  title: string,
  decide: () => Promise<T>,
): Promise<T | Response> {
  try {
    return await decide();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'invalid_request')
      return messagePage(c, 400, title, err.detail);
    throw err;
  }
}
