import { describe, expect, it } from 'vitest';
import { createD1Gateway } from '../../testing/d1';

describe('sandbox seed on D1', () => {
  it('seeds the DOMAIN.md customers and the demo app', async () => {
    const gw = await createD1Gateway();
    expect(gw.seed?.customers.map((c) => c.login)).toEqual([
      'ava',
      'ben',
      'cam',
      'dee',
      'eli',
      'fay',
      'gus',
      'hal',
    ]);
    expect(gw.seed?.clientSecret).toMatch(/^sk_sandbox_/);
  });
});
