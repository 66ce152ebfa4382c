import { Hono } from 'hono';
import { errors, type JWTVerifyGetKey, jwtVerify } from 'jose';

/** What the gateway asserts about the caller (Tessera-Identity), once verified. */
export interface Identity {
  customer: string;
  app: string;
  consent: string | null;
  scopes: string[];
}

export interface RewardsOptions {
  /** The gateway's issuer (its PUBLIC_URL): the assertion's `iss`. */
  issuer: string;
  /** The gateway's keys: createRemoteJWKSet(new URL('/oauth/jwks', issuer)) in production. */
  keys: JWTVerifyGetKey;
  /** The product id it is published as: the assertion's `aud` and its paths' /v1/<product>/. */
  product?: string;
  /** Sees every request as it arrived, before anything else (tests look at the headers). */
  observe?: (request: Request) => void;
}

interface Entry {
  id: string;
  object: 'rewards_entry';
  kind: 'earning' | 'redemption';
  points: number;
  balance: number;
  payment?: string;
  reference?: string;
  created_at: string;
}

type Env = { Variables: { identity: Identity } };

const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ type: `about:blank#${code}`, title: code, status, detail, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

/**
 * The rewards team's service. It trusts one thing: the `Tessera-Identity` assertion, a JWT the
 * gateway signs for the product (audience `rewards`) that lives 60 seconds, verified against the gateway's JWKS.
 * It never sees a partner's token, and a request without a valid assertion (someone calling it
 * past the gateway) is refused. Balances live in memory: this is an example, not a ledger.
 */
export function createRewardsApp(opts: RewardsOptions) {
  const entries = new Map<string, Entry[]>();
  const seenJti = new Map<string, number>();
  const product = opts.product ?? 'rewards';
  const app = new Hono<Env>().basePath(`/v1/${product}`);

  app.use('*', async (c, next) => {
    opts.observe?.(c.req.raw);
    const token = c.req.header('Tessera-Identity');
    if (!token) return problem(401, 'identity_required', 'Call this service through the Tessera gateway.');
    try {
      const { payload } = await jwtVerify(token, opts.keys, {
        issuer: opts.issuer,
        audience: product,
        algorithms: ['ES256'],
        typ: 'tessera-identity+jwt',
        requiredClaims: ['sub', 'azp', 'jti', 'iat', 'exp', 'scope'],
        maxTokenAge: '60s',
      });
      const now = Date.now();
      for (const [jti, exp] of seenJti) if (exp < now) seenJti.delete(jti);
      if (seenJti.has(payload.jti!))
        return problem(401, 'identity_replayed', 'This identity assertion was already used.');
      seenJti.set(payload.jti!, payload.exp! * 1000);
      c.set('identity', {
        customer: payload.sub!,
        app: String(payload.azp),
        consent: typeof payload.csn === 'string' ? payload.csn : null,
        scopes: String(payload.scope).split(' '),
      });
    } catch (err) {
      const why = err instanceof errors.JOSEError ? err.code : 'invalid';
      return problem(401, 'identity_invalid', `The identity assertion was refused (${why}).`);
    }
    return next();
  });

  const ledger = (customer: string) => {
    const list = entries.get(customer) ?? [];
    entries.set(customer, list);
    return list;
  };
  const balanceOf = (customer: string) => ledger(customer).at(-1)?.balance ?? 0;
  const add = (customer: string, entry: Omit<Entry, 'id' | 'object' | 'balance' | 'created_at'>) => {
    const e: Entry = {
      id: `rwe_${crypto.randomUUID().replaceAll('-', '')}`,
      object: 'rewards_entry',
      balance: balanceOf(customer) + entry.points,
      created_at: new Date().toISOString(),
      ...entry,
    };
    ledger(customer).push(e);
    return e;
  };

  app.get('/balance', (c) => {
    const { customer } = c.get('identity');
    return c.json({ object: 'rewards_balance', customer, points: balanceOf(customer) });
  });
  app.get('/entries', (c) => {
    const limit = Number(c.req.query('limit') ?? 20);
    const list = [...ledger(c.get('identity').customer)].reverse();
    return c.json({ object: 'list', data: list.slice(0, limit), has_more: list.length > limit });
  });
  app.post('/earnings', async (c) => {
    const { customer } = c.get('identity');
    const body = await c.req.json<{ payment: string; amount: { amount: number; currency: string } }>();
    // One earning per payment: a retried request earns nothing twice.
    const earlier = ledger(customer).find((e) => e.payment === body.payment);
    if (earlier) return c.json(earlier, 200);
    const points = Math.floor(body.amount.amount / 100);
    return c.json(add(customer, { kind: 'earning', points, payment: body.payment }), 201);
  });
  app.post('/redemptions', async (c) => {
    const { customer } = c.get('identity');
    const body = await c.req.json<{ points: number; reference?: string }>();
    if (body.points > balanceOf(customer))
      return problem(
        409,
        'insufficient_points',
        `The balance is ${balanceOf(customer)} points; redeem at most that.`,
      );
    return c.json(
      add(customer, {
        kind: 'redemption',
        points: -body.points,
        ...(body.reference ? { reference: body.reference } : {}),
      }),
      201,
    );
  });
  return app;
}
