import { type FormEvent, useState } from 'react';
import { ok, type Schema } from './api';
import { useSession } from './session';
import { DataTable, Field, formatTime, ListState, styles, useLoad } from './ui';

type App = Schema<'App'>;

/** Recent requests of the app (a week), searchable by Request-Id or a prefix of it. */
export function RequestsTab({ app }: { app: App }) {
  const { api } = useSession();
  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState('');
  const requests = useLoad(
    () =>
      ok(
        api.GET('/v1/developer/apps/{id}/requests', {
          params: { path: { id: app.id }, query: { limit: 100, ...(query ? { request_id: query } : {}) } },
        }),
      ),
    [api, app.id, query],
  );

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
      <ListState
        list={requests}
        what="requests"
        empty={<p role="status">{query ? `No request matches ${query}.` : 'No requests yet.'}</p>}
      >
        {(rows) => (
          <DataTable
            testId="request-log"
            columns={['Time', 'Request id', 'Method', 'Path', 'Status', 'Latency']}
            rows={rows}
            row={(r) => (
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
            )}
          />
        )}
      </ListState>
    </section>
  );
}
