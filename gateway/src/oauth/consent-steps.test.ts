import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consents, customers } from '../db/schema';
import { auditStatement } from '../platform/audit';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { clientAuth, createTestApp, pkcePair, type TestApp } from '../testing/oauth';
import type { AuthorizationFlow, ConsentStep, StepApproval } from './consent-steps';
import { createOAuthServices } from './context';
import type { OAuthContext } from './service/context';
import { decideAuthorization } from './service/decide-authorization';
import { findAuthorizationFlow } from './service/internal/authorization-flow';
import { nextAuthorizationStep } from './service/next-authorization-step';
import { type Customer, findCustomer } from './store/customers';
import { findPushedRequest } from './store/par';
import type { CustomerSession } from './store/sessions';

let gw: TestGateway;
let shop: TestApp;
let customer: Customer;

beforeAll(async () => {
  gw = await createTestGateway();
  shop = await createTestApp(gw);
  const [row] = await gw.services.db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.sandboxId, gw.seed.sandboxId), eq(customers.login, 'ava')));
  customer = (await findCustomer(gw.services.db, row!.id))!;
});
afterAll(() => gw.close());

/** A pushed request of the shop; `state: stepped` is what the test step claims. */
async function pushed(state: string): Promise<AuthorizationFlow> {
  const { challenge } = await pkcePair();
  const { body, headers } = await clientAuth(gw, shop, {
    response_type: 'code',
    redirect_uri: 'http://127.0.0.1:4000/callback',
    scope: 'consents:read',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const res = await gw.client.request<{ request_uri: string }>('POST', '/oauth/par', { body, headers });
  return (await findAuthorizationFlow(gw.services, shop.id, res.body.request_uri))!;
}

/** A session past both sign-in steps, as the pages leave it. */
function signedInSession(): CustomerSession {
  const now = gw.clock.now();
  return {
    idHash: 'test',
    customerId: customer.id,
    csrfToken: 'test',
    passwordAt: now,
    secondFactorAt: now,
    failedAttempts: 0,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 60_000),
  };
}

/** A product's step as a test double of the hosted checkout: it claims `state=stepped` requests. */
function stepAnswering(
  approval: (ctx: OAuthContext) => StepApproval,
  denial: string | null = null,
): ConsentStep {
  return {
    claims: (request) => request.state === 'stepped',
    render: async () => new Response('the step page'),
    approve: async (ctx) => approval(ctx),
    denial: async () => denial,
  };
}

function contextWith(step: ConsentStep): OAuthContext {
  const oauth = createOAuthServices(gw.services);
  oauth.consentSteps.register(step);
  const { db, clock, ids, logger } = gw.services;
  return {
    db,
    clock,
    ids,
    logger,
    requestId: 'req_consent_steps',
    mode: 'sandbox',
    app: null,
    customer: null,
    consent: null,
    idempotency: null,
    oauth,
  };
}

const consentsOfShop = () =>
  gw.services.db.select({ id: consents.id }).from(consents).where(eq(consents.appId, shop.id));

describe('consent-page steps products register', () => {
  it('a registered step takes over the consent page of the requests it claims, and of no other', async () => {
    const step = stepAnswering(() => ({ kind: 'retry', error: 'unused' }));
    const ctx = contextWith(step);
    const session = signedInSession();
    const claimed = await nextAuthorizationStep({ ctx, input: { flow: await pushed('stepped'), session } });
    expect(claimed).toMatchObject({ step: 'product', consentStep: step });
    const plain = await nextAuthorizationStep({ ctx, input: { flow: await pushed('plain'), session } });
    expect(plain.step).toBe('consent');
  });

  it("what a step writes with the consent goes in the consent's batch, and the code carries the request it approved", async () => {
    const flow = await pushed('stepped');
    const step = stepAnswering((ctx) => ({
      kind: 'approved',
      // What the customer signed on the step's page: the consent records it, not the pushed request.
      request: { ...flow.request, scopes: ['consents:read', 'step:signed'] },
      withConsent: (consentId) => [
        auditStatement(ctx, {
          actorType: 'system',
          actorId: null,
          action: 'test.step_signed',
          targetType: 'consent',
          targetId: consentId,
        }),
      ],
    }));
    const input = { flow, customer, approve: true, form: {} };
    const decided = await decideAuthorization({ ctx: contextWith(step), input });
    if (decided.kind !== 'redirect') throw new Error('expected a redirect');
    const answer = new URL(decided.to).searchParams;
    expect(answer.get('code')).toMatch(/^[0-9A-Za-z]{43}$/);
    expect(answer.get('state')).toBe('stepped');
    const [signed] = await gw.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'test.step_signed'));
    const [consent] = await gw.services.db.select().from(consents).where(eq(consents.id, signed!.targetId!));
    expect(consent).toMatchObject({
      status: 'authorised',
      customerId: customer.id,
      appId: shop.id,
      scopes: ['consents:read', 'step:signed'],
    });
    expect(await findPushedRequest(gw.services.db, gw.clock, flow.requestId)).toBeNull();
  });

  it('a step that asks for its page again leaves no consent and the request_uri still usable', async () => {
    const step = stepAnswering(() => ({ kind: 'retry', error: 'Tick the box.', choice: 'offer_1' }));
    const flow = await pushed('stepped');
    const before = (await consentsOfShop()).length;
    const input = { flow, customer, approve: true, form: {} };
    const decided = await decideAuthorization({ ctx: contextWith(step), input });
    expect(decided).toEqual({ kind: 'retry', error: 'Tick the box.', choice: 'offer_1' });
    expect((await consentsOfShop()).length).toBe(before);
    expect(await findPushedRequest(gw.services.db, gw.clock, flow.requestId)).not.toBeNull();
  });

  it("a step's reason for a denial is the error_description the partner reads", async () => {
    const step = stepAnswering(() => ({ kind: 'retry', error: 'unused' }), 'No plan fits this order.');
    const input = { flow: await pushed('stepped'), customer, approve: false, form: {} };
    const decided = await decideAuthorization({ ctx: contextWith(step), input });
    if (decided.kind !== 'redirect') throw new Error('expected a redirect');
    const answer = new URL(decided.to).searchParams;
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('error_description')).toBe('No plan fits this order.');
    expect(answer.get('code')).toBeNull();
  });
});
