/** The developer API client of the console: cookie session, CSRF header, problem+json errors. */
import createClient, { type Client } from 'openapi-fetch';
// The SDK's generated types of openapi/openapi.json: types only, nothing of the SDK is bundled.
import type { components, paths } from '../../../sdk/src/generated/openapi';

const GATEWAY_KEY = 'tessera.gatewayUrl';

/**
 * The gateway the console calls: `?gateway=<url>` (remembered in localStorage, so a test or a
 * developer can point a built portal at any gateway), else what was remembered, else the
 * build's `customFields.gatewayUrl`. `?gateway=` with an empty value forgets the override.
 */
export function resolveGatewayUrl(fallback: string): string {
  if (typeof window === 'undefined') return fallback;
  const fromQuery = new URLSearchParams(window.location.search).get('gateway');
  try {
    if (fromQuery !== null) {
      if (fromQuery === '') window.localStorage.removeItem(GATEWAY_KEY);
      else if (isHttpUrl(fromQuery)) window.localStorage.setItem(GATEWAY_KEY, trimSlash(fromQuery));
    }
    const stored = window.localStorage.getItem(GATEWAY_KEY);
    if (stored && isHttpUrl(stored)) return stored;
  } catch {
    // Storage can be disabled; the query parameter still applies to this page.
    if (fromQuery && isHttpUrl(fromQuery)) return trimSlash(fromQuery);
  }
  return trimSlash(fallback);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

type Problem = components['schemas']['Problem'];
/** One invalid field of a request, as problem+json lists it in `errors`. */
export type FieldError = NonNullable<Problem['errors']>[number];

/** A problem+json answer (or a network failure, code `network_error`). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly requestId: string | null,
    readonly errors: FieldError[] = [],
    readonly type: string | null = null,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** A schema of the OpenAPI document, as the SDK generates it: the console declares no wire type. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

/**
 * A request body that leaves out fields the gateway defaults (`K`). The document does not require
 * them, but openapi-typescript types a field with a `default` as required, in request bodies too;
 * spelling the defaults out would pin the console to today's values.
 */
export function withDefaults<N extends keyof components['schemas'], K extends keyof Schema<N>>(
  body: Omit<Schema<N>, K> & Partial<Pick<Schema<N>, K>>,
): Schema<N> {
  return body as Schema<N>;
}

/** One openapi-fetch answer: the body of a 2xx in `data`, of anything else in `error`. */
type Answer<D> = { data?: D; error?: unknown; response: Response };

/**
 * The developer API, typed by the document (`api.GET('/v1/developer/apps/{id}', …)`): the
 * session cookie rides along on every call, and every change carries the session's CSRF token.
 */
export class ConsoleApi {
  #csrf: string | null = null;
  readonly #client: Client<paths>;

  constructor(readonly baseUrl: string) {
    this.#client = createClient<paths>({
      baseUrl,
      headers: { Accept: 'application/json' },
      credentials: 'include',
      cache: 'no-store',
    });
    this.#client.use({
      onRequest: ({ request }) => {
        if (request.method !== 'GET' && this.#csrf) request.headers.set('X-CSRF-Token', this.#csrf);
        return request;
      },
      onError: () =>
        new ApiProblem(
          0,
          'network_error',
          `The gateway at ${this.baseUrl} did not answer. Is it running (npm start)?`,
          null,
        ),
    });
  }

  set csrfToken(token: string | null) {
    this.#csrf = token;
  }

  get GET() {
    return this.#client.GET;
  }
  get POST() {
    return this.#client.POST;
  }
  get PATCH() {
    return this.#client.PATCH;
  }
}

/** The body of a successful answer; any other answer is thrown as an ApiProblem. */
export async function ok<D>(answer: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await answer;
  if (response.ok) return data as D;
  // Any body that is not problem+json (a proxy's HTML page, nothing) still makes a problem.
  const p: Partial<Problem> = error !== null && typeof error === 'object' ? error : {};
  throw new ApiProblem(
    response.status,
    p.code ?? 'http_error',
    p.detail ?? p.title ?? `The gateway answered ${response.status}.`,
    p.request_id ?? response.headers.get('Request-Id'),
    p.errors ?? [],
    p.type ?? null,
  );
}
