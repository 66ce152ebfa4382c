import { inArray } from 'drizzle-orm';
import { apiProducts, apiProductVersions } from '../../../../db/schema';
import type { Services } from '../../../../platform/context';
import { VersionWindow } from './canary';
import { type Method, readProductDocument } from './document';
import { RequestCheck } from './request-check';

export interface LiveVersion {
  id: string;
  version: string;
  upstreamUrl: string;
  checks: RequestCheck[];
}

export interface LiveProduct {
  id: string;
  status: 'published' | 'deprecated';
  ownerTeam: string;
  timeoutMs: number;
  deprecatedAt: Date | null;
  sunsetAt: Date | null;
  stable: LiveVersion;
  canary: LiveVersion | null;
  canaryShare: number;
}

export interface RouteMatch {
  product: LiveProduct;
  /** The operation of the version the caller is served by is chosen later; this is the stable's. */
  method: Method;
  template: string;
  pathParams: Record<string, string>;
}

const PATH_PARAM = /\{([^}]+)\}/g;

/**
 * The published products' routes on this instance: read from the database, compiled, and kept
 * for PRODUCT_ROUTES_CACHE_MS, so a publication or retirement on any instance is served everywhere
 * within that time, with no restart. This instance's own writes refresh it at once.
 */
export class RouteTable {
  #loaded: { at: number; products: Map<string, LiveProduct> } | null = null;
  #loading: Promise<Map<string, LiveProduct>> | null = null;
  readonly windows = new Map<string, VersionWindow>();

  constructor(private readonly services: Services) {}

  invalidate(): void {
    this.#loaded = null;
  }

  window(versionId: string): VersionWindow {
    let w = this.windows.get(versionId);
    if (!w) {
      w = new VersionWindow();
      this.windows.set(versionId, w);
    }
    return w;
  }

  async product(id: string): Promise<LiveProduct | null> {
    return (await this.#products()).get(id) ?? null;
  }

  /** The product and operation a request names, or the methods its path allows (for 405). */
  async match(method: string, path: string): Promise<RouteMatch | { allowed: string[] } | null> {
    const id = /^\/v1\/([^/]+)\//.exec(path)?.[1];
    const product = id ? await this.product(id) : null;
    if (!product) return null;
    const allowed: string[] = [];
    for (const check of product.stable.checks) {
      const params = matchTemplate(check.operation.path, path);
      if (!params) continue;
      if (check.operation.method === method.toLowerCase())
        return {
          product,
          method: check.operation.method,
          template: check.operation.path,
          pathParams: params,
        };
      allowed.push(check.operation.method.toUpperCase());
    }
    return allowed.length ? { allowed: allowed.sort() } : null;
  }

  async #products(): Promise<Map<string, LiveProduct>> {
    const now = this.services.clock.now().getTime();
    const ttl = this.services.config.PRODUCT_ROUTES_CACHE_MS;
    if (this.#loaded && now - this.#loaded.at < ttl) return this.#loaded.products;
    this.#loading ??= this.#read().finally(() => {
      this.#loading = null;
    });
    const products = await this.#loading;
    this.#loaded = { at: now, products };
    return products;
  }

  async #read(): Promise<Map<string, LiveProduct>> {
    const { db, logger } = this.services;
    const rows = await db
      .select()
      .from(apiProducts)
      .where(inArray(apiProducts.status, ['published', 'deprecated']));
    const ids = rows
      .flatMap((r) => [r.stableVersionId, r.canaryVersionId])
      .filter((v): v is string => Boolean(v));
    const versions = ids.length
      ? await db.select().from(apiProductVersions).where(inArray(apiProductVersions.id, ids))
      : [];
    const byId = new Map(versions.map((v) => [v.id, v]));
    const live = (id: string | null): LiveVersion | null => {
      const v = id ? byId.get(id) : undefined;
      if (!v) return null;
      const read = readProductDocument(v.document);
      // Stored documents passed these rules when published; one that no longer does is not served.
      if (!read.ok) {
        logger.error('published product document no longer valid', { version: v.id });
        return null;
      }
      return {
        id: v.id,
        version: v.version,
        upstreamUrl: v.upstreamUrl,
        checks: read.value.operations.map((o) => new RequestCheck(o)),
      };
    };
    const products = new Map<string, LiveProduct>();
    for (const r of rows) {
      const stable = live(r.stableVersionId);
      if (!stable) continue;
      products.set(r.id, {
        id: r.id,
        status: r.status as LiveProduct['status'],
        ownerTeam: r.ownerTeam,
        timeoutMs: r.timeoutMs,
        deprecatedAt: r.deprecatedAt,
        sunsetAt: r.sunsetAt,
        stable,
        canary: live(r.canaryVersionId),
        canaryShare: r.canaryShare,
      });
    }
    return products;
  }
}

function matchTemplate(template: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = template
    .split(PATH_PARAM)
    .map((part, i) => {
      if (i % 2 === 1) {
        names.push(part);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('');
  const m = new RegExp(`^${source}$`).exec(path);
  if (!m) return null;
  const params: Record<string, string> = {};
  try {
    for (const [i, n] of names.entries()) {
      const value = decodeURIComponent(m[i + 1]!);
      // The upstream's URL parser would resolve `..` (even as %2e%2e) and an encoded `/`: a
      // parameter must not move the request to a path the document does not describe.
      if (value === '.' || value === '..' || /[/\\]/.test(value)) return null;
      params[n] = value;
    }
  } catch {
    return null;
  }
  return params;
}

const tables = new WeakMap<Services, RouteTable>();

/** The route table of one gateway instance (one per Services, as createApp builds them). */
export function routeTableOf(services: Services): RouteTable {
  let t = tables.get(services);
  if (!t) {
    t = new RouteTable(services);
    tables.set(services, t);
  }
  return t;
}
