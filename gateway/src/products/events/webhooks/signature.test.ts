import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook } from './signature';

// The example of the Standard Webhooks specification (and the Svix docs).
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const headersOf = (id: string, timestamp: number, signature: string) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signature,
});

describe('Standard Webhooks signatures', () => {
  it('signs the specification example to its known answer', async () => {
    expect(await signWebhook({ ...SPEC, secrets: [SPEC.secret] })).toBe(SPEC.signature);
    const verified = await verifyWebhook({
      headers: headersOf(SPEC.id, SPEC.timestamp, SPEC.signature),
      body: SPEC.body,
      secrets: [SPEC.secret],
      nowSeconds: SPEC.timestamp + 10,
    });
    expect(verified).toBe(true);
  });

  it('makes whsec_ secrets of 32 random bytes', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('verifies with the standardwebhooks package, and rejects a changed body or another secret', async () => {
    const secret = newWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ id: 'evt_1', type: 'payment.succeeded', data: { object: { ü: '✓' } } });
    const signature = await signWebhook({ id: 'evt_1', timestamp, body, secrets: [secret] });
    const headers = headersOf('evt_1', timestamp, signature);

    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    // And the other way round: what the package signs, ours verifies.
    const theirs = new Webhook(secret).sign('evt_1', new Date(timestamp * 1000), body);
    expect(theirs).toBe(signature);
    expect(
      await verifyWebhook({ headers: headersOf('evt_1', timestamp, theirs), body, secrets: [secret] }),
    ).toBe(true);
  });

  it('during a rotation both secrets sign, and a receiver with either one verifies', async () => {
    const current = newWebhookSecret();
    const previous = newWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const body = '{"id":"evt_2"}';
    const signature = await signWebhook({ id: 'evt_2', timestamp, body, secrets: [current, previous] });
    expect(signature.split(' ')).toHaveLength(2);
    const headers = headersOf('evt_2', timestamp, signature);

    expect(new Webhook(current).verify(body, headers)).toEqual({ id: 'evt_2' });
    expect(new Webhook(previous).verify(body, headers)).toEqual({ id: 'evt_2' });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    for (const secret of [current, previous]) {
      expect(await verifyWebhook({ headers, body, secrets: [secret] })).toBe(true);
    }
  });

  it('our verifier rejects stale or future timestamps, missing headers and other versions', async () => {
    const secret = newWebhookSecret();
    const timestamp = 1_800_000_000;
    const body = '{}';
    const signature = await signWebhook({ id: 'evt_3', timestamp, body, secrets: [secret] });
    const verify = (headers: Record<string, string>, nowSeconds = timestamp) =>
      verifyWebhook({ headers, body, secrets: [secret], nowSeconds });

    expect(await verify(headersOf('evt_3', timestamp, signature))).toBe(true);
    expect(await verify(headersOf('evt_3', timestamp, signature), timestamp + 301)).toBe(false);
    expect(await verify(headersOf('evt_3', timestamp, signature), timestamp - 301)).toBe(false);
    expect(await verify(headersOf('evt_4', timestamp, signature))).toBe(false);
    expect(await verify(headersOf('evt_3', timestamp, signature.replace('v1,', 'v2,')))).toBe(false);
    expect(await verify({ 'webhook-id': 'evt_3', 'webhook-signature': signature })).toBe(false);
    const headers = new Headers(headersOf('evt_3', timestamp, `v1,bogus ${signature}`));
    expect(await verifyWebhook({ headers, body, secrets: [secret], nowSeconds: timestamp })).toBe(true);
  });

  it('refuses a malformed secret without repeating it', async () => {
    const promise = signWebhook({ id: 'e', timestamp: 1, body: '', secrets: ['whsec_not*base64!'] });
    await expect(promise).rejects.toThrow(/^a webhook secret is whsec_ followed by base64$/);
    await expect(signWebhook({ id: 'e', timestamp: 1.5, body: '', secrets: [SPEC.secret] })).rejects.toThrow(
      RangeError,
    );
  });
});
