import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis as IORedis } from 'ioredis';

/**
 * A stand-in for Upstash's REST API in front of a real Redis, so the real `@upstash/redis`
 * client can be tested without the internet. A test fixture, not product code. It speaks what
 * @upstash/redis 1.x sends (pkg/http.ts, pkg/commands/command.ts, pkg/pipeline.ts):
 *  - POST /            body `["CMD", arg, …]` (strings, numbers, booleans) → `{ "result": … }`
 *  - POST /pipeline    body `[[…], […]]` → `[{ "result": … } | { "error": "…" }, …]`, HTTP 200
 *  - POST /multi-exec  the same, inside MULTI/EXEC
 *  - `Authorization: Bearer <token>`, else 401; a failed single command is HTTP 400 `{ "error" }`
 *  - `Upstash-Encoding: base64` (the client's default): every string in a result is base64 of
 *    its bytes, except the status reply "OK", which the client passes through undecoded.
 * Like Upstash it accepts Lua scripts that start with a `#!lua flags=…` line, which open-source
 * Redis rejects: the line is stripped, and EVALSHA of the original script's SHA1 is mapped to
 * the stripped one.
 */
export interface UpstashRestServer {
  url: string;
  token: string;
  /** Commands executed so far (pipelines count each command). */
  readonly commands: number;
  stop(): Promise<void>;
}

type Command = string[];
type Reply = { result: unknown } | { error: string };

const SHEBANG = /^#!lua[^\n]*(\n|$)/;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

export async function startUpstashRestServer(options: {
  redisUrl: string;
  token?: string;
}): Promise<UpstashRestServer> {
  const token = options.token ?? 'test-upstash-token';
  const redis = new IORedis(options.redisUrl, { protocol: 2, maxRetriesPerRequest: 1 });
  // SHA1 of a script as the client knows it (with shebang) → the source Redis can run.
  const scripts = new Map<string, string>();
  let commands = 0;

  /** Rewrites script commands the way Upstash's server would accept them. */
  function translate(command: Command, inTransaction: boolean): Command {
    const [name = '', first = '', ...rest] = command;
    const upper = name.toUpperCase();
    if (upper === 'EVAL' || upper === 'EVAL_RO') {
      const stripped = first.replace(SHEBANG, '');
      scripts.set(sha1(first), stripped);
      return [name, stripped, ...rest];
    }
    if ((upper === 'EVALSHA' || upper === 'EVALSHA_RO') && scripts.has(first.toLowerCase())) {
      const stripped = scripts.get(first.toLowerCase())!;
      // Inside MULTI a NOSCRIPT cannot be retried, so send the source; outside, its SHA1.
      return inTransaction
        ? [upper === 'EVALSHA' ? 'EVAL' : 'EVAL_RO', stripped, ...rest]
        : [name, sha1(stripped), ...rest];
    }
    if (upper === 'SCRIPT' && first.toUpperCase() === 'LOAD' && rest[0] !== undefined) {
      const stripped = rest[0].replace(SHEBANG, '');
      scripts.set(sha1(rest[0]), stripped);
      return [name, first, stripped];
    }
    return command;
  }

  async function run(command: Command): Promise<unknown> {
    commands += 1;
    const [name = '', ...args] = translate(command, false);
    try {
      const result = await redis.callBuffer(name, ...args);
      // SCRIPT LOAD answers the SHA1 the client computed, which is the one it will send.
      if (name.toUpperCase() === 'SCRIPT' && args[0]?.toUpperCase() === 'LOAD') {
        return Buffer.from(sha1(command[2] ?? ''));
      }
      return result;
    } catch (err) {
      // Redis lost the stripped script (restart, SCRIPT FLUSH): send the source we kept.
      const original = command[0]?.toUpperCase();
      const source = scripts.get((command[1] ?? '').toLowerCase());
      const isEvalsha = original === 'EVALSHA' || original === 'EVALSHA_RO';
      if (!String(err).includes('NOSCRIPT') || !isEvalsha || source === undefined) throw err;
      return redis.callBuffer(original === 'EVALSHA' ? 'EVAL' : 'EVAL_RO', source, ...command.slice(2));
    }
  }

  async function transaction(list: Command[]): Promise<Reply[]> {
    commands += list.length;
    const tx = redis.multi();
    for (const command of list) {
      const [name = '', ...args] = translate(command, true);
      tx.callBuffer(name, ...args);
    }
    const results = await tx.exec();
    if (results === null) throw new Error('EXECABORT Transaction discarded');
    return results.map(([err, value]) => (err ? { error: err.message } : { result: value }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'Unauthorized' });
    if (req.method !== 'POST') return send(405, { error: 'ERR only POST is supported here' });

    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const encode = (reply: Reply) =>
      'error' in reply ? reply : { result: encodeValue(reply.result, base64) };
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(400, { error: 'ERR failed to parse the request body as JSON' });
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;

    if (path === '/') {
      const command = toCommand(body);
      if (!command) return send(400, { error: 'ERR the body must be a JSON array command' });
      try {
        return send(200, encode({ result: await run(command) }));
      } catch (err) {
        return send(400, { error: errorMessage(err) });
      }
    }
    if (path === '/pipeline' || path === '/multi-exec') {
      const list = Array.isArray(body) ? body.map(toCommand) : null;
      if (!list || list.length === 0 || list.some((c) => c === null)) {
        return send(400, { error: 'ERR the body must be a JSON array of array commands' });
      }
      const valid = list as Command[];
      if (path === '/multi-exec') {
        try {
          return send(200, (await transaction(valid)).map(encode));
        } catch (err) {
          return send(400, { error: errorMessage(err) });
        }
      }
      const replies = await Promise.all(
        valid.map((command) =>
          run(command).then(
            (result): Reply => ({ result }),
            (err: unknown): Reply => ({ error: errorMessage(err) }),
          ),
        ),
      );
      return send(200, replies.map(encode));
    }
    return send(404, { error: `ERR unknown path ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: errorMessage(err) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get commands() {
      return commands;
    },
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await redis.quit().catch(() => redis.disconnect());
      })();
      return stopping;
    },
  };
}

function toCommand(value: unknown): Command | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const command: Command = [];
  for (const part of value) {
    if (typeof part === 'string') command.push(part);
    else if (typeof part === 'number' || typeof part === 'boolean') command.push(String(part));
    else return null;
  }
  return command;
}

function encodeValue(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) {
    const text = value.toString('utf8');
    return base64 && text !== 'OK' ? value.toString('base64') : text;
  }
  if (typeof value === 'string') {
    return base64 && value !== 'OK' ? Buffer.from(value).toString('base64') : value;
  }
  if (Array.isArray(value)) return value.map((v) => encodeValue(v, base64));
  if (value === undefined) return null;
  return value;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
