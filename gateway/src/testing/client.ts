export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestClient {
  request<T = unknown>(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse<T>>;
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<TestResponse<T>>;
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
}

/** Checks each answer (the OpenAPI contract, in the Node harness); throws to fail the test. */
export type AnswerCheck = (
  method: string,
  url: string,
  res: { status: number; headers: Headers; text: string },
) => void;

/** A small JSON client over any fetch-like handler: app.fetch in-process, or a real server. */
export function testClient(
  handler: (req: Request) => Response | Promise<Response>,
  base = 'http://127.0.0.1:8787',
  check?: AnswerCheck,
): TestClient {
  const request = async <T>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers = new Headers(init.headers);
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    }
    const res = await handler(new Request(new URL(path, base), { method, headers, body }));
    const text = await res.text();
    check?.(method, new URL(path, base).href, { status: res.status, headers: res.headers, text });
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: tests look at `text`.
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
  return {
    request,
    get: (path, headers) => request('GET', path, { headers }),
    post: (path, body, headers) => request('POST', path, { body, headers }),
  };
}
