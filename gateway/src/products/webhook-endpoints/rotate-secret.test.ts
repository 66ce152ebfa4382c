import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DAY_MS, rfc3339 } from '../../platform/clock';
import { randomIds } from '../../platform/context';
import type { TestGateway } from '../../testing/harness';
import { createEventsGateway, dispatcherDeps, partner } from '../events/test-support';
import { deliverDue, fanOut } from '../events/webhooks/dispatcher';
import {
  type ReceivedRequest,
  type Receiver,
  startReceiver,
  writeEvent,
} from '../events/webhooks/test-support';

interface WithSecret {
  id: string;
  secret: string;
  previous_secret_expires_at: string | null;
}

let gw: TestGateway;
let receiver: Receiver;

beforeAll(async () => {
  gw = await createEventsGateway();
  receiver = await startReceiver(() => 200);
});
afterAll(async () => {
  await receiver.close();
  gw.close();
});

/**
 * Verifies as a receiver with the standardwebhooks library would, at the moment of delivery: the
 * library checks webhook-timestamp against Date.now(), and the gateway's clock is a test clock.
 */
function verify(secret: string, req: ReceivedRequest): unknown {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(Number(req.headers['webhook-timestamp']) * 1000);
    return new Webhook(secret).verify(req.body, req.headers);
  } finally {
    vi.useRealTimers();
  }
}

/** Writes an event for the app and delivers it; returns what the receiver got. */
async function deliverOne(appId: string, path: string): Promise<ReceivedRequest> {
  const eventId = await writeEvent(gw.services.db, gw.clock, randomIds, { appId, type: 'payment.succeeded' });
  await fanOut(dispatcherDeps(gw));
  expect(await deliverDue(dispatcherDeps(gw))).toMatchObject({ succeeded: 1, failed: 0 });
  const req = receiver.requests.find((r) => r.path === path && r.headers['webhook-id'] === eventId);
  expect(req).toBeDefined();
  return req!;
}

const signatures = (req: ReceivedRequest) => req.headers['webhook-signature']!.split(' ');

describe('POST /v1/webhook-endpoints/{id}/rotate-secret', () => {
  it('both secrets sign for 24 hours, then only the new one', async () => {
    const { app, call } = await partner(gw, { scope: 'webhooks:manage' });
    const created = await call<WithSecret>('POST', '/v1/webhook-endpoints', {
      url: `${receiver.url}/rotation`,
      enabled_events: ['payment.succeeded'],
    });
    const oldSecret = created.body.secret;
    const before = await deliverOne(app.id, '/rotation');
    expect(signatures(before)).toHaveLength(1);
    expect(verify(oldSecret, before)).toMatchObject({ type: 'payment.succeeded' });

    const rotatedAt = gw.clock.now();
    const rotated = await call<WithSecret>('POST', `/v1/webhook-endpoints/${created.body.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.body).toMatchObject({
      id: created.body.id,
      object: 'webhook_endpoint',
      previous_secret_expires_at: rfc3339(new Date(rotatedAt.getTime() + DAY_MS)),
      updated_at: rfc3339(rotatedAt),
    });
    // Neither secret is ever shown again.
    for (const path of [`/v1/webhook-endpoints/${created.body.id}`, '/v1/webhook-endpoints']) {
      const res = await call('GET', path);
      expect(res.text).not.toContain(oldSecret);
      expect(res.text).not.toContain(newSecret);
      expect(res.text).not.toMatch(/secret/i);
    }

    // Within the 24 hours: two signatures, and a receiver with either secret verifies.
    const during = await deliverOne(app.id, '/rotation');
    expect(signatures(during)).toHaveLength(2);
    expect(verify(oldSecret, during)).toMatchObject({ type: 'payment.succeeded' });
    expect(verify(newSecret, during)).toMatchObject({ type: 'payment.succeeded' });

    gw.clock.advance(DAY_MS - 1000);
    const lastSecond = await deliverOne(app.id, '/rotation');
    expect(signatures(lastSecond)).toHaveLength(2);
    expect(() => verify(oldSecret, lastSecond)).not.toThrow();

    // After 24 hours: the new secret alone.
    gw.clock.advance(1000);
    const after = await deliverOne(app.id, '/rotation');
    expect(signatures(after)).toHaveLength(1);
    expect(verify(newSecret, after)).toMatchObject({ type: 'payment.succeeded' });
    expect(() => verify(oldSecret, after)).toThrow(WebhookVerificationError);
  });

  it('rotating again within the window retires the oldest secret at once: only two ever sign', async () => {
    const { app, call } = await partner(gw, { scope: 'webhooks:manage' });
    const { body: endpoint } = await call<WithSecret>('POST', '/v1/webhook-endpoints', {
      url: `${receiver.url}/double`,
      enabled_events: ['*'],
    });
    const first = await call<WithSecret>('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`);
    gw.clock.advance(60_000);
    const second = await call<WithSecret>('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`);
    expect(second.body.previous_secret_expires_at).toBe(rfc3339(new Date(gw.clock.now().getTime() + DAY_MS)));

    const req = await deliverOne(app.id, '/double');
    expect(signatures(req)).toHaveLength(2);
    expect(() => verify(second.body.secret, req)).not.toThrow();
    expect(() => verify(first.body.secret, req)).not.toThrow();
    expect(() => verify(endpoint.secret, req)).toThrow(WebhookVerificationError);
  });
});
