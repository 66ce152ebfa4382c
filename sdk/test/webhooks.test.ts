import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../../gateway/src/products/events/webhooks/test-support.ts';
import { Tessera, type TesseraEvent, verifyWebhook, WebhookVerificationError } from '../src/index.ts';
import { startGateway, type TestGateway } from './gateway.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const event = {
  id: 'evt_7Qm2Lx9Vb4Tn1Zr8Kc3Wd6Yp',
  object: 'event',
  type: 'consent.revoked',
  created_at: '2026-11-22T10:00:00Z',
  livemode: false,
  data: { object: { id: 'csn_4mVq0c8Yb2kTz7LrP1sWd9xE', object: 'consent', status: 'revoked' } },
};
const body = JSON.stringify(event);

/** A delivery signed by the reference implementation (standardwebhooks 1.1.1). */
function signed(secret: string, opts: { id?: string; at?: Date; payload?: string } = {}) {
  const id = opts.id ?? event.id;
  const at = opts.at ?? new Date();
  const payload = opts.payload ?? body;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, payload),
  };
}

/** What the reference implementation decides for the same input. */
function referenceAccepts(payload: string, headers: Record<string, string>, secret: string): boolean {
  try {
    new Webhook(secret).verify(payload, headers);
    return true;
  } catch {
    return false;
  }
}

describe('webhooks.verify, cross-checked with standardwebhooks', () => {
  const tessera = new Tessera({ baseUrl: 'http://127.0.0.1:1', clientId: 'app_x' });

  it('accepts what the reference signs and returns the typed event', async () => {
    const got: TesseraEvent = await tessera.webhooks.verify(body, signed(SECRET), SECRET);
    expect(got).toEqual(event);
    if (got.type === 'consent.revoked') expect(got.data.object.id).toBe('csn_4mVq0c8Yb2kTz7LrP1sWd9xE');
    // Headers objects and any header-name case work too.
    const headers = new Headers(signed(SECRET));
    await expect(verifyWebhook(body, headers, SECRET)).resolves.toEqual(event);
    const upper = Object.fromEntries(Object.entries(signed(SECRET)).map(([k, v]) => [k.toUpperCase(), v]));
    await expect(verifyWebhook(body, upper, SECRET)).resolves.toEqual(event);
  });

  it('agrees with the reference on tampering, wrong secrets and stale or future timestamps', async () => {
    const now = Date.now();
    const cases: { name: string; payload: string; headers: Record<string, string>; secret: string }[] = [
      { name: 'valid', payload: body, headers: signed(SECRET), secret: SECRET },
      {
        name: 'tampered body',
        payload: body.replace('revoked', 'authorised'),
        headers: signed(SECRET),
        secret: SECRET,
      },
      { name: 'wrong secret', payload: body, headers: signed(OTHER), secret: SECRET },
      {
        name: 'other id',
        payload: body,
        headers: { ...signed(SECRET), 'webhook-id': 'evt_other' },
        secret: SECRET,
      },
      {
        name: '4 min old',
        payload: body,
        headers: signed(SECRET, { at: new Date(now - 240_000) }),
        secret: SECRET,
      },
      {
        name: '6 min old',
        payload: body,
        headers: signed(SECRET, { at: new Date(now - 360_000) }),
        secret: SECRET,
      },
      {
        name: '6 min ahead',
        payload: body,
        headers: signed(SECRET, { at: new Date(now + 360_000) }),
        secret: SECRET,
      },
      {
        name: 'v2 only',
        payload: body,
        headers: {
          ...signed(SECRET),
          'webhook-signature': signed(SECRET)['webhook-signature'].replace('v1,', 'v2,'),
        },
        secret: SECRET,
      },
    ];
    for (const c of cases) {
      const ours = await verifyWebhook(c.payload, c.headers, c.secret).then(
        () => true,
        (e: unknown) => {
          expect(e, c.name).toBeInstanceOf(WebhookVerificationError);
          return false;
        },
      );
      expect(ours, c.name).toBe(referenceAccepts(c.payload, c.headers, c.secret));
    }
  });

  it('rotation: several signatures in the header, several secrets on our side', async () => {
    const at = new Date();
    const both = `${signed(OTHER, { at })['webhook-signature']} ${signed(SECRET, { at })['webhook-signature']}`;
    const headers = { ...signed(SECRET, { at }), 'webhook-signature': both };
    await expect(verifyWebhook(body, headers, SECRET)).resolves.toMatchObject({ id: event.id });
    await expect(verifyWebhook(body, headers, OTHER)).resolves.toMatchObject({ id: event.id });
    await expect(verifyWebhook(body, signed(OTHER), [SECRET, OTHER])).resolves.toMatchObject({
      id: event.id,
    });
    await expect(
      verifyWebhook(body, signed(OTHER), ['whsec_AAAAAAAAAAAAAAAAAAAAAAAA', SECRET]),
    ).rejects.toMatchObject({
      code: 'webhook_signature_invalid',
    });
  });

  it('names what is wrong', async () => {
    await expect(verifyWebhook(body, {}, SECRET)).rejects.toMatchObject({ code: 'webhook_missing_headers' });
    await expect(
      verifyWebhook(body, signed(SECRET, { at: new Date(Date.now() - 600_000) }), SECRET),
    ).rejects.toMatchObject({ code: 'webhook_timestamp_out_of_tolerance' });
    await expect(verifyWebhook(body, signed(SECRET), 'whsec_not base64!')).rejects.toMatchObject({
      code: 'webhook_invalid_secret',
    });
    await expect(verifyWebhook('[1]', signed(SECRET, { payload: '[1]' }), SECRET)).rejects.toMatchObject({
      code: 'webhook_invalid_payload',
    });
  });
});

describe('real deliveries from the gateway dispatcher', () => {
  let gw: TestGateway;
  let receiver: Receiver;
  let tessera: Tessera;

  beforeAll(async () => {
    gw = await startGateway();
    receiver = await startReceiver(() => 204);
    tessera = new Tessera({
      baseUrl: gw.url,
      clientId: gw.demo.clientId,
      clientSecret: gw.demo.clientSecret,
      redirectUri: gw.demo.redirectUri,
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  async function delivery(eventType: string, consentId: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = receiver.requests.find((r) => {
        const body = JSON.parse(r.body) as { type: string; data: { object: { id: string } } };
        return body.type === eventType && body.data.object.id === consentId;
      });
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${eventType} delivery for ${consentId}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('webhookEndpoints.create → consents.revoke → consent.revoked delivered, verified by the SDK; rotation signs with both', async () => {
    const endpoint = await tessera.webhookEndpoints.create({
      url: `${receiver.url}/hooks`,
      enabled_events: ['consent.revoked'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);

    const first = await tessera.sandbox.authorize('dee', { scope: 'consents:read' });
    await tessera.consents.revoke(first.consentId);
    const delivered = await delivery('consent.revoked', first.consentId);
    const event = await tessera.webhooks.verify(delivered.body, delivered.headers, endpoint.secret);
    expect(event.type).toBe('consent.revoked');
    if (event.type === 'consent.revoked')
      expect(event.data.object).toMatchObject({ id: first.consentId, status: 'revoked' });
    expect(delivered.headers['webhook-id']).toBe(event.id);
    await expect(
      tessera.webhooks.verify(delivered.body, delivered.headers, 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'),
    ).rejects.toBeInstanceOf(WebhookVerificationError);

    // Rotation: for 24 h each delivery carries a signature per secret; either verifies.
    const rotated = await tessera.webhookEndpoints.rotateSecret(endpoint.id);
    const second = await tessera.sandbox.authorize('eli', { scope: 'consents:read' });
    await tessera.consents.revoke(second.consentId);
    const signedTwice = await delivery('consent.revoked', second.consentId);
    expect(signedTwice.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [rotated.secret, endpoint.secret, [rotated.secret, endpoint.secret]]) {
      await expect(
        tessera.webhooks.verify(signedTwice.body, signedTwice.headers, secret),
      ).resolves.toMatchObject({
        type: 'consent.revoked',
      });
    }
    // The reference implementation agrees.
    expect(() => new Webhook(rotated.secret).verify(signedTwice.body, signedTwice.headers)).not.toThrow();

    const attempts = await tessera.webhookEndpoints.listDeliveries(endpoint.id).toArray({ limit: 10 });
    expect(attempts.filter((a) => a.succeeded).length).toBeGreaterThanOrEqual(2);
    await tessera.webhookEndpoints.delete(endpoint.id);
    await expect(tessera.webhookEndpoints.retrieve(endpoint.id)).rejects.toMatchObject({ status: 404 });
  });
  it('webhookEndpoints.sendTestEvent: a test event reaches that endpoint signed, marked test, and verifies', async () => {
    const endpoint = await tessera.webhookEndpoints.create({
      url: `${receiver.url}/test-hooks`,
      enabled_events: ['payment.succeeded'],
    });
    const sent = await tessera.webhookEndpoints.sendTestEvent(endpoint.id, { type: 'payment.succeeded' });
    expect(sent).toMatchObject({ type: 'payment.succeeded', test: true });
    const deadline = Date.now() + 10_000;
    let found: (typeof receiver.requests)[number] | undefined;
    while (!found) {
      found = receiver.requests.find((r) => (JSON.parse(r.body) as { id: string }).id === sent.id);
      if (!found && Date.now() > deadline) throw new Error('the test event was not delivered');
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    const event = await tessera.webhooks.verify(found.body, found.headers, endpoint.secret);
    expect(event).toMatchObject({ id: sent.id, type: 'payment.succeeded', test: true });
    await tessera.webhookEndpoints.delete(endpoint.id);
  });
});
