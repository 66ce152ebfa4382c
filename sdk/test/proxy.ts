import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the proxy did: forwarded (with the upstream status), answered itself, or dropped. */
  outcome:
    | { forwarded: number }
    | { answered: number }
    | 'dropped'
    | 'hung'
    | { forwardedThenDropped: number };
  /** The upstream's response headers, when forwarded. */
  responseHeaders?: Record<string, string>;
}

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Close the connection without forwarding. */
  | 'drop'
  /** Forward (the gateway does the work), then close the connection instead of answering. */
  | 'forward-then-drop'
  /** Keep the connection open and never answer. */
  | 'hang'
  /** Forward once `hold` settles. */
  | { hold: Promise<unknown> }
  | ((req: { method: string; path: string; body: string }) => { status: number; body: unknown } | null);

interface Rule {
  match: (method: string, path: string) => boolean;
  fault: Fault;
  remaining: number;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

/**
 * A tiny HTTP proxy in front of the real gateway that fails on purpose: answers the first N
 * matching requests itself (503, 429 with Retry-After…), drops their connection, or serves
 * synthetic routes; records every request's headers so tests can compare attempts.
 */
export class FaultProxy {
  readonly records: Recorded[] = [];
  #rules: Rule[] = [];
  #server: Server;
  target = '';
  url = '';

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const method = req.method ?? 'GET';
        const path = req.url ?? '/';
        const record: Recorded = { method, path, headers: req.headers, body, outcome: 'dropped' };
        proxy.records.push(record);
        const rule = proxy.#rules.find((r) => r.remaining > 0 && r.match(method, path.split('?')[0]!));
        let dropAfterForward = false;
        if (rule?.fault === 'forward-then-drop') {
          rule.remaining--;
          dropAfterForward = true;
        } else if (rule && typeof rule.fault === 'object' && 'hold' in rule.fault) {
          rule.remaining--;
          await rule.fault.hold;
        } else if (rule) {
          const fault = typeof rule.fault === 'function' ? rule.fault({ method, path, body }) : rule.fault;
          if (fault !== null) {
            rule.remaining--;
            if (fault === 'drop') {
              req.socket.destroy();
              return;
            }
            if (fault === 'hang') {
              record.outcome = 'hung';
              return;
            }
            // Held requests were forwarded above; this narrows the type to an answer.
            if ('hold' in fault) return;
            const payload =
              fault.body === undefined
                ? ''
                : typeof fault.body === 'string'
                  ? fault.body
                  : JSON.stringify(fault.body);
            const headers = 'headers' in fault ? (fault.headers ?? {}) : {};
            res.writeHead(fault.status, {
              'Content-Type': fault.status >= 400 ? 'application/problem+json' : 'application/json',
              ...headers,
            });
            res.end(payload);
            record.outcome = { answered: fault.status };
            return;
          }
        }
        try {
          const headers = new Headers();
          for (const [k, v] of Object.entries(req.headers)) {
            if (v !== undefined && !HOP_BY_HOP.has(k)) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          }
          const upstream = await fetch(`${proxy.target}${path}`, {
            method,
            headers,
            body: method === 'GET' || method === 'HEAD' ? undefined : body,
            redirect: 'manual',
          });
          const out = Buffer.from(await upstream.arrayBuffer());
          const outHeaders: Record<string, string> = {};
          upstream.headers.forEach((v, k) => {
            if (!HOP_BY_HOP.has(k) && k !== 'content-encoding') outHeaders[k] = v;
          });
          record.responseHeaders = outHeaders;
          if (dropAfterForward) {
            record.outcome = { forwardedThenDropped: upstream.status };
            req.socket.destroy();
            return;
          }
          res.writeHead(upstream.status, outHeaders);
          res.end(out);
          record.outcome = { forwarded: upstream.status };
        } catch (err) {
          res.writeHead(502, { 'Content-Type': 'text/plain' });
          res.end(String(err));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** The next `times` requests matching `method path` (path without query; `*` for any) get `fault`. */
  fail(method: string, path: string | RegExp, fault: Fault, times = 1): this {
    const match = (m: string, p: string) =>
      (method === '*' || m === method) &&
      (typeof path === 'string' ? path === '*' || p === path : path.test(p));
    this.#rules.push({ match, fault, remaining: times });
    return this;
  }

  /** Forget the rules and recordings. */
  reset(): void {
    this.#rules = [];
    this.records.length = 0;
  }

  /** Recorded requests to this method and path (without query). */
  to(method: string, path: string): Recorded[] {
    return this.records.filter((r) => r.method === method && r.path.split('?')[0] === path);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
