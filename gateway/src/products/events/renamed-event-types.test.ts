import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { outboxEvents } from '../../db/schema';
import type { TestGateway } from '../../testing/harness';
import { createEventsGateway, partner } from './test-support';
import { endpointWants, type WebhookEndpoint } from './webhooks/objects';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createEventsGateway();
});
afterAll(() => gw.close());

describe('a renamed event type keeps working under its former name', () => {
  it('a subscription to credit_line.limit_offer_created is stored as limit_offer.created', async () => {
    const { call } = await partner(gw, { scope: 'webhooks:manage' });
    const res = await call<{ enabled_events: string[] }>('POST', '/v1/webhook-endpoints', {
      url: 'http://127.0.0.1:9/offers',
      enabled_events: ['credit_line.limit_offer_created', 'limit_offer.accepted'],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.enabled_events).toEqual(['limit_offer.created', 'limit_offer.accepted']);
  });

  it('an endpoint stored with the former name receives limit_offer.created, and nothing else it did not name', () => {
    const endpoint = {
      status: 'enabled',
      appId: 'app_1',
      mode: 'sandbox',
      enabledEvents: ['credit_line.limit_offer_created'],
    } as WebhookEndpoint;
    const event = (type: string) =>
      ({ appId: 'app_1', mode: 'sandbox', type }) as typeof outboxEvents.$inferSelect;
    expect(endpointWants(endpoint, event('limit_offer.created'))).toBe(true);
    expect(endpointWants(endpoint, event('limit_offer.expired'))).toBe(false);
  });
});
