import { type FormEvent, useState } from 'react';
import { ok, type Schema } from './api';
import { Field } from './form';
import { ListTable, type TableSpec } from './list';
import { useSession } from './session';
import { formatTime, styles, useLoad } from './ui';

type App = Schema<'App'>;
type RequestRow = Schema<'RequestLog'>['data'][number];

const TABLE: TableSpec<RequestRow> = {
  testId: 'request-log',
  rowKey: (r) => r.request_id,
  columns: [
    { label: 'Time', cell: (r) => formatTime(r.created_at) },
    { label: 'Request id', cell: (r) => <code>{r.request_id}</code> },
    { label: 'Method', cell: (r) => r.method },
    { label: 'Path', cell: (r) => <code>{r.path}</code> },
    {
      label: 'Status',
      cell: (r) => (
        <span className={`${styles.badge} ${r.status < 400 ? styles.ok : styles.bad}`}>{r.status}</span>
      ),
    },
    { label: 'Latency', cell: (r) => `${r.latency_ms} ms` },
  ],
};

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
      <ListTable
        list={requests}
        what="requests"
        empty={<p role="status">{query ? `No request matches ${query}.` : 'No requests yet.'}</p>}
        table={TABLE}
      />
    </section>
  );
}
