import { lookup as systemLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { type EgressPolicy, EgressRefused, vetAddress } from '../platform/egress/destination';
import type { FetchLike } from '../products/events/webhooks/send';

/**
 * Webhook egress on Node. Checking a hostname and then letting fetch resolve it again would vet
 * one answer and connect to another (DNS rebinding), so the resolution happens once, inside the
 * socket's connect: every address the name has is vetted, and the socket connects only to those.
 * An IP literal never reaches `lookup`, so the connector vets it itself. No proxy, no redirects.
 *
 * The calls go through undici's `request`, not its `fetch`: the WHATWG layers of fetch cost about
 * as much CPU again as the whole HTTP exchange (`npm run bench`, the published-product row), and
 * both callers (webhooks, published products) only send a string body and read a Response. What
 * they see is what fetch gave them: a Response, the connector's error as the `cause` of a
 * TypeError('fetch failed'), and an aborted signal's reason when it aborted.
 */

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of a hostname. Tests inject one; production uses the system resolver. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => systemLookup(hostname, { all: true, verbatim: true });

export interface EgressFetch extends FetchLike {
  /** Closes the pooled connections (shutdown). */
  close(): Promise<void>;
}

export function createEgressFetch({ resolve = systemResolver }: { resolve?: Resolver } = {}): EgressFetch {
  const agents = new Map<boolean, Agent>();
  const agentFor = (policy: EgressPolicy) => {
    let agent = agents.get(policy.allowLoopback);
    if (!agent) {
      agent = new Agent({ connect: vettingConnector(policy, resolve) });
      agents.set(policy.allowLoopback, agent);
    }
    return agent;
  };
  const fetch = (async (url, init, policy) => {
    const signal = init.signal ?? undefined;
    const method = (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod;
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string')
      throw new TypeError('egress sends string bodies only');
    try {
      const answer = await request(url, {
        method,
        headers: headerRecord(init.headers),
        ...(typeof init.body === 'string' ? { body: init.body } : {}),
        ...(signal ? { signal } : {}),
        dispatcher: agentFor(policy),
      });
      return responseOf(answer, method);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: err });
    }
  }) as EgressFetch;
  fetch.close = async () => {
    await Promise.all([...agents.values()].map((a) => a.close()));
    agents.clear();
  };
  return fetch;
}

/** Statuses whose answer has no body (and a Response refuses one). */
const NULL_BODY = new Set([204, 205, 304]);

function responseOf(answer: Dispatcher.ResponseData, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const bodyless = NULL_BODY.has(answer.statusCode) || method === 'HEAD';
  if (bodyless) answer.body.dump().catch(() => {});
  return new Response(bodyless ? null : webBody(answer.body), { status: answer.statusCode, headers });
}

/**
 * undici's body as a web stream. Not `Readable.toWeb`: after a consumer cancels (the webhook sender
 * does, to free the connection), Node 20's adapter still enqueues the chunks already in flight and
 * throws "Controller is already closed" outside any caller. Here a cancelled or finished stream
 * ignores what comes later, and cancelling destroys the socket's body.
 */
function webBody(body: Dispatcher.ResponseData['body']): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      body.on('data', (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) body.pause();
      });
      body.on('end', () => {
        if (settled) return;
        settled = true;
        controller.close();
      });
      body.on('error', (err) => {
        if (settled) return;
        settled = true;
        controller.error(err);
      });
    },
    pull() {
      body.resume();
    },
    cancel() {
      settled = true;
      body.destroy();
    },
  });
}

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers);
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

function vettingConnector(policy: EgressPolicy, resolve: Resolver): buildConnector.connector {
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname)
      .then((all) => {
        // All of them, whatever family is asked for: a name with one internal address is refused.
        for (const { address } of all) {
          const why = vetAddress(address, policy);
          if (why) throw new EgressRefused(why);
        }
        const wanted = options.family ? all.filter((a) => a.family === options.family) : all;
        const first = wanted[0];
        if (!first) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };
  const connect = buildConnector({ lookup });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) {
      const why = vetAddress(host, policy);
      if (why) return callback(new EgressRefused(why), null);
    }
    connect(options, callback);
  };
}
