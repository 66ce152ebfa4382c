import createClient, { type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { DpopSigner } from '../auth/dpop.js';
import type { paths } from '../generated/openapi.js';
import { idempotentOperations } from '../generated/operations.js';
import { type ListObject, ListPromise } from './pagination.js';
import type { CallOptions, Transport } from './transport.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The paths of the document that have this method. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends HttpMethod> = paths[P] extends { [K in M]: infer O }
  ? O
  : never;

/** The Idempotency-Key header becomes optional: the requester sends one (`idempotencyKey` option, or a UUID). */
type IdempotencyKeyOptional<I> = I extends { params: infer Pa }
  ? Pa extends { header: infer H }
    ? Omit<I, 'params'> &
        (Record<never, never> extends Omit<Pa, 'header'>
          ? { params?: Omit<Pa, 'header'> & { header?: Partial<H> } }
          : { params: Omit<Pa, 'header'> & { header?: Partial<H> } })
    : I
  : I;

/** The parameters and body of an operation, typed from the document (`params.path`, `params.query`, `body`). */
export type ApiInit<P extends keyof paths, M extends HttpMethod> = M extends keyof paths[P]
  ? IdempotencyKeyOptional<MaybeOptionalInit<paths[P], M>>
  : never;

/** The success body of an operation, typed from the document. */
export type ApiResponse<P extends keyof paths, M extends HttpMethod> =
  Operation<P, M> extends infer O extends Record<string | number, unknown>
    ? NonNullable<FetchResponse<O, object, `${string}/${string}`>['data']>
    : never;

/** GET paths whose success body is a list page. */
export type ListPaths = {
  [P in PathsWith<'get'>]: ApiResponse<P, 'get'> extends ListObject<unknown> ? P : never;
}[PathsWith<'get'>];

/** The objects a list path returns. */
export type ListItem<P extends keyof paths> =
  ApiResponse<P, 'get'> extends ListObject<infer T> ? Extract<T, { id: string }> : never;

/** Per-call options of every method. */
export interface RequestOptions extends CallOptions {
  /**
   * For operations that take an Idempotency-Key: your own key, e.g. your order id, so a retry
   * after a crash is recognised. By default a UUID v4 is made per call and reused by its retries.
   */
  idempotencyKey?: string;
}

/** An access token and how to present it. */
export interface AccessToken {
  value: string;
  type: 'DPoP' | 'Bearer';
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Where a call's access token comes from: the app's client credentials, or a customer session.
 * The call's options govern the token requests it causes (fetch, refresh) too.
 */
export type CredentialSource = (options: CallOptions) => Promise<AccessToken>;

interface UntypedClient {
  request(
    method: string,
    path: string,
    init: Record<string, unknown>,
  ): Promise<{ data?: unknown; response: Response }>;
}

/** What the client and all its sessions share. */
export interface Core {
  baseUrl: string;
  transport: Transport;
  dpop: DpopSigner;
  api: UntypedClient;
}

export function createApiClient(baseUrl: string): UntypedClient {
  return createClient<paths>({ baseUrl }) as unknown as UntypedClient;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT']);

/**
 * Typed calls to the API (openapi-fetch builds URLs and bodies from the generated `paths`) through
 * the transport, with the access token and a DPoP proof of the credential source on every attempt.
 */
export class Requester {
  readonly #core: Core;
  readonly #credential: CredentialSource;

  constructor(core: Core, credential: CredentialSource) {
    this.#core = core;
    this.#credential = credential;
  }

  async request<M extends HttpMethod, P extends PathsWith<M>>(
    method: M,
    path: P,
    init?: ApiInit<P, M>,
    options: RequestOptions = {},
  ): Promise<ApiResponse<P, M>> {
    const given = init as
      | { headers?: HeadersInit; params?: { header?: Record<string, unknown> } }
      | undefined;
    const headers = new Headers(given?.headers ?? {});
    // One key per call, made before the first attempt: every retry of the call sends the same one.
    const declared = idempotentOperations.includes(`${method.toUpperCase()} ${path}`);
    if ((declared || options.idempotencyKey) && given?.params?.header?.['Idempotency-Key'] === undefined)
      headers.set('Idempotency-Key', options.idempotencyKey ?? crypto.randomUUID());
    const { data } = await this.#core.api.request(method, path, {
      ...(init as Record<string, unknown> | undefined),
      headers,
      fetch: (request: Request) => this.#send(request, options),
    });
    return data as ApiResponse<P, M>;
  }

  list<P extends ListPaths>(
    path: P,
    init?: ApiInit<P, 'get'>,
    options?: RequestOptions,
  ): ListPromise<ListItem<P>> {
    const base = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
    // Forward (older objects) with starting_after; towards newer ones when the caller started
    // with ending_before.
    const backwards = base.params?.query?.ending_before !== undefined;
    const cursorParam = backwards ? 'ending_before' : 'starting_after';
    return new ListPromise<ListItem<P>>(
      async (cursor) => {
        const query = { ...base.params?.query, ...(cursor ? { [cursorParam]: cursor } : {}) };
        const page = await this.request(
          'get',
          path,
          { ...base, params: { ...base.params, query } } as never,
          options,
        );
        return page as ListObject<ListItem<P>>;
      },
      backwards ? (page) => (page as ListObject<{ id: string }>).data[0]?.id : undefined,
    );
  }

  async #send(request: Request, options: RequestOptions): Promise<Response> {
    const body = request.body ? await request.text() : undefined;
    const { method, url } = request;
    const { idempotencyKey: _key, ...call } = options;
    return this.#core.transport.send({
      ...call,
      method,
      url,
      idempotent: SAFE_METHODS.has(method) || request.headers.has('Idempotency-Key'),
      nonceServer: 'resource',
      prepare: async ({ nonce }) => {
        const headers = new Headers(request.headers);
        headers.set('Accept', 'application/json');
        const token = await this.#credential(call);
        if (token.type === 'DPoP') {
          headers.set('Authorization', `DPoP ${token.value}`);
          headers.set(
            'DPoP',
            await this.#core.dpop.proof({
              method,
              url,
              accessToken: token.value,
              ...(nonce ? { nonce } : {}),
            }),
          );
        } else {
          headers.set('Authorization', `Bearer ${token.value}`);
        }
        return { headers, body };
      },
    });
  }
}
