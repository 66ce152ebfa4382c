import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { publishedProducts, tagSlug } from '../scripts/gen-published-products.mts';

const kebabCase = createRequire(import.meta.url)('lodash/kebabCase') as (s: string) => string;

describe('the catalogue of published products (from the merged document)', () => {
  it('links each product to its tag page, named as the reference plugin names it (lodash kebabCase)', () => {
    for (const name of ['rewards', 'Rewards points', 'Rewards points (rewards)', 'FX rates', 'myAPI v2'])
      expect(tagSlug(name), name).toBe(kebabCase(name));
  });

  it('lists the tags that carry x-product, a deprecated one marked, the team’s description as its text', () => {
    const tags = [
      { name: 'Payments', description: 'Built in.' },
      { name: 'Rewards points', description: 'Points on payments.', 'x-product': 'rewards' },
      {
        name: 'miles',
        description: '**Deprecated**: retired on 2027-06-30.\n\nMiles on rides.',
        'x-product': 'miles',
        'x-deprecated': true,
      },
    ];
    expect(publishedProducts({ tags })).toEqual([
      {
        id: 'rewards',
        title: 'Rewards points',
        text: 'Points on payments.',
        deprecated: false,
        to: '/docs/api/rewards-points',
      },
      { id: 'miles', title: 'miles', text: 'Miles on rides.', deprecated: true, to: '/docs/api/miles' },
    ]);
  });
});
