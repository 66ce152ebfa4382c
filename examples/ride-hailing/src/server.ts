import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createRidesApp } from './app.ts';
import { Bank } from './bank.ts';
import type { RidesConfig } from './config.ts';
import { Store } from './store.ts';
import { webhookSecret } from './webhooks.ts';

export interface RunningRides {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** Registers the app's webhook endpoint (unless one is configured), then serves. */
export async function startRides(config: RidesConfig): Promise<RunningRides> {
  const bank = await Bank.connect(config);
  const store = new Store();
  const app = createRidesApp({
    bank,
    store,
    appUrl: config.appUrl,
    webhookSecret: await webhookSecret(bank.app, config.appUrl, config.webhookSecret),
    dispatchToken: config.dispatchToken,
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
