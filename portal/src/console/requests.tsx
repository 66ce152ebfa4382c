import { type FormEvent, useState } from 'react';
import { type App, type List, seg } from './api';
import { useSession } from './session';
import { Field, formatTime, Loading, ProblemNotice, styles, useLoad } from './ui';

interface RequestRow {
  request_id: string;
  method: string;
  path: string;
  operation: string;
  status: number;
  latency_ms: number;
  created_at: string;
}

/** Recent requests of the app (a week), searchable by Request-Id or a prefix of it. */
export function RequestsTab({ app }: { app: App }) {
  const { api } = useSession();
  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState('');
  const path = `/v1/developer/apps/${seg(app.id)}/requests?limit=100${
    query ? `&request_id=${encodeURIComponent(query)}` : ''
  }`;
  const requests = useLoad(() => api.get<List<RequestRow>>(path), [api, path]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() === query) requests.reload();
    else setQuery(draft.trim());
  };

  return (
    <section aria-labelledby="request-log">
      <h2 id="request-log">Request log</h2>
      <p className={styles.muted}>
        The last week of this app's requests: method, path, status and latency, never bodies or tokens. Every
        response carries its <code>Request-Id</code> header.
      </p>
      <search>
        <form onSubmit={search} className={styles.form}>
          <Field
            label="Request id"
            name="request_id"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="req_…"
            hint="The whole id or its beginning. Empty shows the latest."
          />
          <div className={styles.actions}>
            <button type="submit" className="button button--primary">
              Search
            </button>
            {query ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setDraft('');
                  setQuery('');
                }}
              >
                Clear
              </button>
            ) : null}
          </div>
        </form>
      </search>
      {requests.error ? <ProblemNotice problem={requests.error} /> : null}
      {requests.loading && !requests.data ? <Loading what="requests" /> : null}
      {requests.data?.data.length === 0 ? (
        <p role="status">{query ? `No request matches ${query}.` : 'No requests yet.'}</p>
      ) : null}
      {requests.data?.data.length ? (
        <div className={styles.tableWrap}>
          <table data-testid="request-log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Request id</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Status</th>
                <th scope="col">Latency</th>
              </tr>
            </thead>
            <tbody>
              {requests.data.data.map((r) => (
                <tr key={r.request_id}>
                  <td>{formatTime(r.created_at)}</td>
                  <td>
                    <code>{r.request_id}</code>
                  </td>
                  <td>{r.method}</td>
                  <td>
                    <code>{r.path}</code>
                  </td>
                  <td>
                    <span className={`${styles.badge} ${r.status < 400 ? styles.ok : styles.bad}`}>
                      {r.status}
                    </span>
                  </td>
                  <td>{r.latency_ms} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
