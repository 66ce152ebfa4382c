import type { Context } from 'hono';
import type { BatchItem } from '../db/client';
import type { AppEnv } from '../env';
import type { ClientApp } from './clients';
import type { OAuthContext } from './service/context';
import type { Consent } from './store/consents';
import type { Customer } from './store/customers';
import type { PushedRequest } from './store/par';

/** An authorization request on its way through the bank's pages. */
export interface AuthorizationFlow {
  client: ClientApp;
  request: PushedRequest;
  /** The pushed request's id: the tail of its request_uri. */
  requestId: string;
  /** What every form of the pages sends back: client_id and request_uri. */
  hidden: Record<string, string>;
}

/** What a step draws its page for: the signed-in customer's flow. */
export interface StepPage {
  flow: AuthorizationFlow;
  customer: Customer;
  csrf: string;
  error?: string | undefined;
  /** What the customer chose on the step's page, sent back by /oauth/authorize/offer. */
  choice?: string | undefined;
}

export type StepApproval =
  | {
      kind: 'approved';
      /** The request as the customer approved it (e.g. naming the offer they signed). */
      request: PushedRequest;
      /** Written in the consent's batch, once the consent has its id. */
      withConsent(consentId: string): BatchItem[];
    }
  | { kind: 'retry'; error: string; choice?: string | undefined };

/**
 * A product's step on the consent page (the hosted checkout for checkout_credit): it takes over
 * the page of the requests it claims, while the authorization server still signs the customer
 * in, records the consent and issues the code. Products register steps; oauth imports none.
 */
export interface ConsentStep {
  claims(request: PushedRequest): boolean;
  /** The page shown instead of the consent page; its decision form posts to /oauth/authorize/decision. */
  render(c: Context<AppEnv>, page: StepPage): Promise<Response>;
  /** The customer approved on the step's page: what they signed, or why to show it again. */
  approve(
    ctx: OAuthContext,
    page: Omit<StepPage, 'csrf'>,
    form: Record<string, string>,
  ): Promise<StepApproval>;
  /** The customer declined: the error_description the partner gets, when the step knows better. */
  denial(ctx: OAuthContext, page: Omit<StepPage, 'csrf'>): Promise<string | null>;
  /**
   * The sandbox shortcut (POST /v1/sandbox/authorizations) approving a request the step claims, as
   * if the customer had accepted the step's page with the request's own choices; `refused` when
   * the customer could not have (the page would have said why). Without it the shortcut records
   * the consent alone (checkout credit: the app then asks for offers through the API).
   */
  shortcut?(
    ctx: OAuthContext,
    request: ShortcutRequest,
  ): Promise<StepApproval | { kind: 'refused'; reason: string }>;
}

/** What the sandbox shortcut knows of the approval it stands in for. */
export interface ShortcutRequest {
  client: ClientApp;
  request: PushedRequest;
  customer: Customer;
}

/** The hook products plug their consent-page steps into; the first step claiming a request wins. */
export class ConsentSteps {
  readonly #steps: ConsentStep[] = [];

  register(step: ConsentStep): void {
    this.#steps.push(step);
  }

  for(request: PushedRequest): ConsentStep | undefined {
    return this.#steps.find((s) => s.claims(request));
  }
}

/** What a product writes when a consent ends, in the revocation's own batch. */
export type ConsentEnding = (
  ctx: OAuthContextLike,
  /** The consent as it ends (status, revoked_by set). */
  consent: Consent,
  /** The business clock's now. */
  now: Date,
) => Promise<BatchItem[]>;

export type OAuthContextLike = Pick<OAuthContext, 'db' | 'clock' | 'ids' | 'requestId' | 'logger'>;

/**
 * The hook products plug into revocation (by the customer, the partner or the bank): a credit
 * line closes when the consent it was opened under ends. Every ending's statements join the
 * revocation's batch, so a consent never ends without what depends on it.
 */
export class ConsentEndings {
  readonly #endings: ConsentEnding[] = [];

  register(ending: ConsentEnding): void {
    this.#endings.push(ending);
  }

  async statementsFor(ctx: OAuthContextLike, consent: Consent, now: Date): Promise<BatchItem[]> {
    const all = await Promise.all(this.#endings.map((e) => e(ctx, consent, now)));
    return all.flat();
  }
}
