import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, Tessera, type TesseraEvent } from '../src/index.ts';
import { startGateway, type TestGateway } from './gateway.ts';

let gw: TestGateway;
let tessera: Tessera;
const revoked: string[] = [];

beforeAll(async () => {
  gw = await startGateway();
  tessera = new Tessera({
    baseUrl: gw.url,
    clientId: gw.demo.clientId,
    clientSecret: gw.demo.clientSecret,
    redirectUri: gw.demo.redirectUri,
  });
  // Five consent.revoked events, oldest first.
  for (const customer of ['ava', 'ben', 'cam', 'dee', 'eli']) {
    const session = await tessera.sandbox.authorize(customer, { scope: 'consents:read' });
    await tessera.consents.revoke(session.consentId);
    revoked.push(session.consentId);
  }
});
afterAll(() => gw?.close());

describe('events (a real list route)', () => {
  it('auto-paginates across pages with starting_after = the last id, newest first', async () => {
    gw.proxy.reset();
    const seen: TesseraEvent[] = [];
    for await (const event of tessera.events.list({ type: 'consent.revoked', limit: 2 })) seen.push(event);
    expect(seen.map((e) => (e.type === 'consent.revoked' ? e.data.object.id : null))).toEqual(
      [...revoked].reverse(),
    );
    const pages = gw.proxy.to('GET', '/v1/events').map((r) => new URL(r.path, gw.url).searchParams);
    expect(pages).toHaveLength(3);
    expect(pages[0]!.get('starting_after')).toBeNull();
    expect(pages[1]!.get('starting_after')).toBe(seen[1]!.id);
    expect(pages[2]!.get('starting_after')).toBe(seen[3]!.id);
    // The DPoP proof names the URL without its query (RFC 9449 §4.2).
    const [firstPage] = gw.proxy.to('GET', '/v1/events');
    const proof = JSON.parse(
      atob(String(firstPage!.headers.dpop).split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    );
    expect(proof.htu).toBe(`${gw.url}/v1/events`);
    expect(firstPage!.path).toContain('?');
  });

  it('await gives one page; toArray stops early; filters pass through', async () => {
    const page = await tessera.events.list({ limit: 2 });
    expect(page).toMatchObject({ object: 'list', has_more: true });
    expect(page.data).toHaveLength(2);
    expect(await tessera.events.list({ limit: 2 }).toArray({ limit: 3 })).toHaveLength(3);
    expect((await tessera.events.list({ type: 'payment.*' })).data).toEqual([]);
  });

  it('retrieve gives the same event; an unknown one is NotFoundError', async () => {
    const { data } = await tessera.events.list({ limit: 1 });
    expect(await tessera.events.retrieve(data[0]!.id)).toEqual(data[0]);
    await expect(tessera.events.retrieve('evt_missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('webhook endpoints: create, list, retrieve, update; redeliver queues an event to them', async () => {
    const created = await tessera.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/hooks',
      enabled_events: ['*'],
      description: 'SDK test',
    });
    const listed = await tessera.webhookEndpoints.list().toArray({ limit: 20 });
    expect(listed.map((e) => e.id)).toContain(created.id);
    expect(listed.find((e) => e.id === created.id)).not.toHaveProperty('secret');
    const updated = await tessera.webhookEndpoints.update(created.id, { status: 'disabled' });
    expect(updated).toMatchObject({ status: 'disabled', disabled_reason: 'by_partner' });
    await tessera.webhookEndpoints.update(created.id, { status: 'enabled' });
    const { data } = await tessera.events.list({ limit: 1 });
    const redelivery = await tessera.events.redeliver(data[0]!.id);
    expect(redelivery).toMatchObject({ object: 'event_redelivery', event: data[0]!.id });
    expect(redelivery.webhook_endpoints).toContain(created.id);
    await tessera.webhookEndpoints.delete(created.id);
  });
});
