import { expect } from 'vitest';
import { creditLineProblems } from '../../testing/ledger';
import { describeSecurity } from '../../testing/security-cases';
import { loansGateway, newWorld, usd, type World } from '../loans/test-support';
import { openTestLine } from './test-support';

// Each app of the suite lives in a sandbox world of its own; its customers are that world's.
const worlds = new Map<string, World>();
// The line each caller's consent opened.
const lineOf = new Map<string, string>();

describeSecurity({
  product: 'credit lines',
  gateway: () => loansGateway(),
  principal: 'customer',
  caller: async (gw, opts) => {
    const world = opts.app ? worlds.get(opts.app.id)! : await newWorld(gw, `Rides ${worlds.size}`);
    worlds.set(world.app.id, world);
    const { access, line } = await openTestLine(gw, opts.customer, { world, via: 'shortcut' });
    lineOf.set(access.consentId, line.id);
    return access;
  },
  setup: async (_gw, caller) => {
    const line = lineOf.get(caller.consentId!)!;
    const res = await caller.call<{ id: string }>(
      'POST',
      `/v1/credit-lines/${line}/draws`,
      { amount: usd(2_000), order_reference: 'SEC-RIDE' },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    if (res.status !== 201) throw new Error(res.text);
    return { line, draw: res.body.id };
  },
  routes: ({ line, draw }) => [
    { method: 'GET', path: '/v1/credit-lines', scope: 'credit_lines:read' },
    { method: 'GET', path: `/v1/credit-lines/${line}`, scope: 'credit_lines:read', object: true },
    {
      method: 'POST',
      path: `/v1/credit-lines/${line}/draws`,
      body: { amount: usd(1_000), order_reference: 'SEC-RIDE-2' },
      scope: 'credit_lines:write',
      object: true,
    },
    { method: 'GET', path: `/v1/credit-lines/${line}/draws`, scope: 'credit_lines:read', object: true },
    {
      method: 'GET',
      path: `/v1/credit-lines/${line}/draws/${draw}`,
      scope: 'credit_lines:read',
      object: true,
    },
    {
      method: 'POST',
      path: `/v1/credit-lines/${line}/draws/${draw}/refunds`,
      body: { amount: usd(500) },
      scope: 'credit_lines:write',
      object: true,
    },
  ],
  invariants: async (gw) => {
    expect(await creditLineProblems(gw.services.db)).toEqual([]);
  },
});
