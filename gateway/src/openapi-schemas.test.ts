import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from './openapi-document';
import { CURRENCIES } from './platform/money';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };
type Parameter = { name: string; in: string; schema: Schema; description?: string };
type Doc = {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
};

const doc = generateOpenApiDocument() as unknown as Doc;
const schemas = doc.components.schemas;
const params = (path: string, method: string) => doc.paths[path]?.[method]?.parameters ?? [];
const param = (path: string, method: string, name: string) =>
  params(path, method).find((p) => p.name === name);

describe('the document says what the server enforces', () => {
  it('declares input money as positive and output money as non-negative, different schemas', () => {
    expect(schemas.Money?.properties?.amount).toMatchObject({ exclusiveMinimum: 0, format: 'int64' });
    expect(schemas.NonNegativeMoney?.properties?.amount).toMatchObject({ minimum: 0, format: 'int64' });
    const ref = (schema: string, field: string) =>
      (schemas[schema]?.properties?.[field] as { $ref?: string } | undefined)?.$ref;
    for (const field of ['principal_outstanding', 'amount_due', 'payoff_amount'])
      expect(ref('Loan', field)).toBe('#/components/schemas/NonNegativeMoney');
    expect(ref('LoanDisclosure', 'finance_charge')).toBe('#/components/schemas/NonNegativeMoney');
    expect(ref('CreatePayment', 'amount')).toBe('#/components/schemas/Money');
  });

  it('declares currency as the enum of exactly the accepted codes', () => {
    expect(schemas.Currency).toMatchObject({ type: 'string', enum: CURRENCIES });
  });

  it('declares Idempotency-Key as 1-255 printable ASCII characters', () => {
    const header = param('/v1/payments', 'post', 'Idempotency-Key');
    expect(header?.schema).toMatchObject({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' });
  });

  it('says starting_after and ending_before are mutually exclusive', () => {
    for (const name of ['starting_after', 'ending_before'])
      expect(param('/v1/payments', 'get', name)?.schema.description).toMatch(/not both/);
  });

  it('declares usage from/to as calendar dates', () => {
    for (const name of ['from', 'to'])
      expect(param('/v1/developer/apps/{id}/usage', 'get', name)?.schema).toMatchObject({ format: 'date' });
  });
});
