import { describe, expect, it } from 'vitest';
import { Contract } from './contract';

const money = {
  type: 'object',
  properties: { amount: { type: 'integer', minimum: 0 }, currency: { type: 'string', enum: ['USD'] } },
  required: ['amount', 'currency'],
};
const doc = {
  openapi: '3.1.0',
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          '200': {
            headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '404': {
            content: { 'application/problem+json': { schema: { type: 'object', required: ['code'] } } },
          },
        },
      },
    },
    '/v1/things/special': { get: { responses: { '204': { description: 'none' } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: { id: { type: 'string' }, price: { $ref: '#/components/schemas/Money' } },
        required: ['id', 'price'],
      },
      Money: money,
    },
  },
};

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers({ 'Content-Type': 'application/json', ...headers }),
  text: body === undefined ? '' : JSON.stringify(body),
});

describe('the OpenAPI contract check', () => {
  const contract = new Contract(doc);

  it('passes an answer with a documented status, content type, body and headers', () => {
    const ok = answer(
      200,
      { id: 't1', price: { amount: 0, currency: 'USD' } },
      { 'Idempotent-Replayed': 'true' },
    );
    expect(contract.check('GET', 'http://x/v1/things/t1', ok)).toEqual([]);
  });

  it('fails an undocumented status', () => {
    expect(contract.check('GET', 'http://x/v1/things/t1', answer(500, { code: 'x' }))[0]).toMatch(
      /status not documented/,
    );
  });

  it('fails a body that does not match its schema, through $refs', () => {
    const bad = answer(200, { id: 't1', price: { amount: -1, currency: 'EUR' } });
    const [problem] = contract.check('GET', 'http://x/v1/things/t1', bad);
    expect(problem).toMatch(/price\/amount/);
    expect(problem).toMatch(/price\/currency/);
  });

  it('fails an undocumented content type and an invalid documented header', () => {
    const typed = { ...answer(404, { code: 'not_found' }) };
    expect(contract.check('GET', 'http://x/v1/things/t1', typed)[0]).toMatch(
      /Content-Type application\/json/,
    );
    const header = answer(
      200,
      { id: 't1', price: { amount: 1, currency: 'USD' } },
      { 'Idempotent-Replayed': 'yes' },
    );
    expect(contract.check('GET', 'http://x/v1/things/t1', header)[0]).toMatch(/header Idempotent-Replayed/);
  });

  it('matches literal paths before templates, and leaves undocumented requests alone', () => {
    expect(contract.check('GET', 'http://x/v1/things/special', { ...answer(204, undefined) })).toEqual([]);
    expect(contract.check('GET', 'http://x/v1/other', answer(500, {}))).toEqual([]);
  });
});
