import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../../testing/harness';
import { LoanOfferSetSchema, LoanSchema } from './schemas';
import {
  checkoutAccess,
  expectLedgerOk,
  getLoan,
  loanManager,
  loansGateway,
  newLoan,
  newWorld,
  repay,
  requestOffers,
  type World,
} from './test-support';

let gw: TestGateway;
let world: World;

beforeAll(async () => {
  gw = await loansGateway();
  world = await newWorld(gw, 'Schema Shop');
});
afterAll(async () => {
  await expectLedgerOk(gw);
  gw.close();
});

/** What a client that validates responses against the document would say of a real answer. */
function schemaErrors(schema: typeof LoanSchema | typeof LoanOfferSetSchema, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('output money is non-negative where zero is a real answer', () => {
  it('a loan right after origination (amount_due 0) matches the Loan response schema', async () => {
    const { loan } = await newLoan(gw, world, 'ava', 30_000, 'installments_3');
    const read = await getLoan(await loanManager(gw, world, 'ava'), loan.id);
    expect(read.amount_due.amount).toBe(0);
    expect(schemaErrors(LoanSchema, read)).toEqual([]);
  });

  it('a paid-off loan (principal_outstanding and payoff_amount 0) matches the Loan response schema', async () => {
    const { loan } = await newLoan(gw, world, 'ben', 30_000, 'installments_3');
    const manager = await loanManager(gw, world, 'ben');
    const paid = await repay(manager, loan.id);
    expect(paid.status, paid.text).toBe(201);
    const read = await getLoan(manager, loan.id);
    expect(read.principal_outstanding.amount).toBe(0);
    expect(read.payoff_amount.amount).toBe(0);
    expect(schemaErrors(LoanSchema, read)).toEqual([]);
  });

  it('a pay_in_4 offer (finance_charge 0) matches the LoanOfferSet response schema', async () => {
    const access = await checkoutAccess(gw, world, 'ava', 40_000);
    const set = await requestOffers(access, 40_000);
    expect(set.status, set.text).toBe(201);
    const payIn4 = set.body.offers.find((o) => o.plan === 'pay_in_4');
    expect(payIn4?.disclosure.finance_charge.amount).toBe(0);
    expect(schemaErrors(LoanOfferSetSchema, set.body)).toEqual([]);
  });
});
