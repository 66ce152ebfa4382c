/** The developer API client of the console: cookie session, CSRF header, problem+json errors. */

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

export interface FieldError {
  path: string;
  message: string;
}

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

export interface Developer {
  id: string;
  email: string;
  name: string;
  role: 'developer' | 'bank_staff';
  sandbox: string | null;
  created_at: string;
}

export interface DeveloperSession {
  developer: Developer;
  csrf_token: string | null;
  expires_at: string | null;
}

export interface List<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

export interface App {
  id: string;
  name: string;
  mode: 'sandbox' | 'live';
  status: 'active' | 'disabled';
  logo_uri: string | null;
  redirect_uris: string[];
  token_endpoint_auth_method: 'client_secret_basic' | 'private_key_jwt';
  scopes: string[];
  dpop_bound_access_tokens: boolean;
  plan: string;
  created_at: string;
}

export interface AppWithSecret extends App {
  client_secret: string | null;
  previous_client_secret_expires_at: string | null;
}

export class ConsoleApi {
  #csrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  set csrfToken(token: string | null) {
    this.#csrf = token;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.#csrf) headers['X-CSRF-Token'] = this.#csrf;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'include',
        cache: 'no-store',
      });
    } catch {
      throw new ApiProblem(
        0,
        'network_error',
        `The gateway at ${this.baseUrl} did not answer. Is it running (npm start)?`,
        null,
      );
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const json = text ? safeJson(text) : null;
    if (!res.ok) {
      const p = (json ?? {}) as Partial<{
        code: string;
        detail: string;
        title: string;
        request_id: string;
        errors: FieldError[];
        type: string;
      }>;
      throw new ApiProblem(
        res.status,
        p.code ?? 'http_error',
        p.detail ?? p.title ?? `The gateway answered ${res.status}.`,
        p.request_id ?? res.headers.get('Request-Id'),
        p.errors ?? [],
        p.type ?? null,
      );
    }
    return json as T;
  }

  get<T>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `encodeURIComponent` for ids in paths. */
export const seg = (id: string) => encodeURIComponent(id);
