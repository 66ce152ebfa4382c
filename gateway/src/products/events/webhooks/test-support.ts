import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { webhookEndpoints } from '../../../db/schema';
import type { Clock } from '../../../platform/clock';
import type { IdGenerator, Mode } from '../../../platform/context';
import { eventStatement } from '../../../platform/outbox';
import { type OpenDatabase, openLibsql } from '../../../runtime/node-db';
import type { WebhookEndpoint } from './objects';
import { newWebhookSecret } from './signature';

/** Test helpers (Node only): a real HTTP receiver on 127.0.0.1 and rows as the services write them. */

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A status to answer, a redirect, or 'hang' to never answer. */
export type ReceiverAnswer = number | 'hang' | { redirectTo: string };

export interface Receiver {
  /** The base URL; endpoints use paths under it to tell themselves apart. */
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startReceiver(
  answer: (request: ReceivedRequest) => ReceiverAnswer | Promise<ReceiverAnswer>,
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers,
        body: Buffer.concat(parts).toString('utf8'),
      };
      requests.push(request);
      const reply = await answer(request);
      if (reply === 'hang') return;
      if (typeof reply === 'number') {
        res.writeHead(reply, { 'content-type': 'text/plain' }).end(String(reply));
      } else {
        res.writeHead(302, { location: reply.redirectTo }).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function createEndpoint(
  db: Database,
  clock: Clock,
  ids: IdGenerator,
  fields: Partial<WebhookEndpoint> & Pick<WebhookEndpoint, 'appId' | 'url'>,
): Promise<WebhookEndpoint> {
  const now = clock.now();
  const row: WebhookEndpoint = {
    id: ids.newId('we'),
    mode: 'sandbox',
    description: null,
    enabledEvents: ['*'],
    status: 'enabled',
    disabledReason: null,
    secret: newWebhookSecret(),
    previousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  await db.insert(webhookEndpoints).values(row);
  return row;
}

/** An event in the outbox, written as a service writes it (eventStatement in its batch). */
export async function writeEvent(
  db: Database,
  clock: Clock,
  ids: IdGenerator,
  draft: { appId: string; mode?: Mode; type: string; object?: Record<string, unknown> },
): Promise<string> {
  const { id, statement } = eventStatement(
    { db, clock, ids, requestId: 'req_test' },
    {
      appId: draft.appId,
      mode: draft.mode ?? 'sandbox',
      type: draft.type,
      object: draft.object ?? {
        id: 'pay_test',
        object: 'payment',
        amount: { amount: 1299, currency: 'USD' },
      },
    },
  );
  await db.batch([statement]);
  return id;
}

/**
 * Another connection to the same database file: what a second process, or the same one after a
 * restart, would open.
 */
export async function openAnotherConnection(db: Database): Promise<OpenDatabase> {
  const rows = await db.all<{ name: string; file: string }>(sql`PRAGMA database_list`);
  const main = rows.find((r) => r.name === 'main');
  if (!main?.file) throw new Error('the test database is not a file');
  return openLibsql(`file:${main.file}`);
}
