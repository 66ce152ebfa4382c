import { describe, expect, it } from 'vitest';
import { createD1Gateway } from '../../testing/d1';

describe('sandbox seed on D1', () => {
  // KNOWN FAILURE: D1 allows at most 100 bound parameters per statement, and seedSandboxCustomers
  // inserts each customer's repayments in one statement (24+ rows x 8 columns). Turn this back into
  // `it` once sandbox.ts chunks its multi-row inserts.
  it.fails('seeds the DOMAIN.md customers and the demo app', async () => {
    const gw = await createD1Gateway();
    expect(gw.seed?.customers.map((c) => c.login)).toEqual(['ava', 'ben', 'cam', 'dee', 'eli', 'fay', 'gus', 'hal']);
    expect(gw.seed?.clientSecret).toMatch(/^sk_sandbox_/);
  });
});
