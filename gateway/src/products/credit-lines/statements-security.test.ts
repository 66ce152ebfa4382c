import { describeSecurity } from '../../testing/security-cases';
import { expectLedgerOk, loansGateway, newWorld, usd, type World } from '../loans/test-support';
import { advance, drawOn, statementsOf } from './statement-testing';
import { openTestLine, type TestLine } from './test-support';

// Each app of the suite lives in a sandbox world of its own; its line is opened under its consent.
const worlds = new Map<string, World>();
const lines = new Map<string, TestLine>();

describeSecurity({
  product: 'credit-line statements and payments',
  gateway: () => loansGateway(),
  principal: 'customer',
  caller: async (gw, opts) => {
    const world = opts.app ? worlds.get(opts.app.id)! : await newWorld(gw, `Rides ${worlds.size}`);
    worlds.set(world.app.id, world);
    const t = await openTestLine(gw, opts.customer, { world, via: 'shortcut' });
    lines.set(t.access.consentId, t);
    return t.access;
  },
  setup: async (gw, caller) => {
    const t = lines.get(caller.consentId!)!;
    await drawOn(t, 5_000);
    // The next statement day is at most 31 days after the line opened.
    await advance(gw, worlds.get(caller.app.id)!, { days: 31 });
    const [statement] = await statementsOf(t);
    return { line: t.line.id, statement: statement!.id };
  },
  routes: ({ line, statement }) => [
    { method: 'GET', path: `/v1/credit-lines/${line}/statements`, scope: 'credit_lines:read', object: true },
    {
      method: 'GET',
      path: `/v1/credit-lines/${line}/statements/${statement}`,
      scope: 'credit_lines:read',
      object: true,
    },
    { method: 'GET', path: `/v1/credit-lines/${line}/payments`, scope: 'credit_lines:read', object: true },
    {
      method: 'POST',
      path: `/v1/credit-lines/${line}/payments`,
      body: { amount: usd(1_000) },
      scope: 'credit_lines:write',
      object: true,
    },
  ],
  invariants: expectLedgerOk,
});
