import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Tessera } from '@tessera/sdk';
import { createShop } from './app.tsx';
import { Checkouts } from './checkout.ts';
import type { ShopConfig } from './config.ts';
import { Store } from './store.ts';
import { webhookSecret } from './webhooks.ts';

export interface RunningShop {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** Registers the shop's webhook endpoint (unless one is configured), then serves. */
export async function startShop(config: ShopConfig): Promise<RunningShop> {
  const tessera = new Tessera({
    baseUrl: config.baseUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
  });
  const store = new Store();
  const app = createShop({
    tessera,
    checkouts: new Checkouts(config, store),
    store,
    webhookSecret: await webhookSecret(tessera, config.shopUrl, config.webhookSecret),
    adminPassword: config.adminPassword,
    secureCookies: config.shopUrl.startsWith('https:'),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
