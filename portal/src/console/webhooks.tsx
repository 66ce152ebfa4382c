import { type FormEvent, useState } from 'react';
import eventTypes from '../generated/event-types.json';
import { type App, type List, seg } from './api';
import { useSession } from './session';
import { Field, fieldError, formatTime, Loading, ProblemNotice, SecretOnce, styles, useLoad } from './ui';

interface Endpoint {
  id: string;
  url: string;
  description: string | null;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  created_at: string;
}
interface Delivery {
  id: string;
  event: string;
  event_type: string | null;
  attempt: number;
  succeeded: boolean;
  response_status: number | null;
  latency_ms: number;
  error: string | null;
  created_at: string;
}

const EVENT_TYPES = Object.entries(eventTypes as Record<string, string>);

/** The app's webhook endpoints, the form that adds one, and each endpoint's delivery log. */
export function WebhooksTab({ app }: { app: App }) {
  const { api } = useSession();
  const base = `/v1/developer/apps/${seg(app.id)}/webhook-endpoints`;
  const endpoints = useLoad(() => api.get<List<Endpoint>>(`${base}?limit=100`), [api, base]);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <>
      <section aria-labelledby="endpoints">
        <h2 id="endpoints">Webhook endpoints</h2>
        {secret ? (
          <SecretOnce label="Signing secret" value={secret.secret}>
            <p>
              Verify every delivery to <code>{secret.url}</code> with it (Standard Webhooks, HMAC-SHA256).
            </p>
          </SecretOnce>
        ) : null}
        {endpoints.error ? <ProblemNotice problem={endpoints.error} /> : null}
        {endpoints.loading && !endpoints.data ? <Loading what="endpoints" /> : null}
        {endpoints.data?.data.length === 0 ? <p>No endpoints yet.</p> : null}
        {endpoints.data?.data.length ? (
          <div className={styles.tableWrap}>
            <table data-testid="webhook-endpoints">
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className={styles.srOnly}>Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {endpoints.data.data.map((we) => (
                  <tr key={we.id}>
                    <td>
                      <code>{we.url}</code>
                    </td>
                    <td>{we.enabled_events.join(', ')}</td>
                    <td>
                      {we.status}
                      {we.disabled_reason ? ` (${we.disabled_reason})` : ''}
                    </td>
                    <td>{formatTime(we.created_at)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--sm button--secondary"
                        aria-expanded={open === we.id}
                        onClick={() => setOpen(open === we.id ? null : we.id)}
                      >
                        {open === we.id ? 'Hide deliveries' : 'Deliveries'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {open ? <Deliveries app={app} endpointId={open} /> : null}
      </section>
      <CreateEndpoint
        app={app}
        onCreated={(url, s) => {
          setSecret({ url, secret: s });
          endpoints.reload();
        }}
      />
    </>
  );
}

function CreateEndpoint({ app, onCreated }: { app: App; onCreated(url: string, secret: string): void }) {
  const { api } = useSession();
  const [problem, setProblem] = useState<unknown>(null);
  const [all, setAll] = useState(true);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const chosen = all ? ['*'] : form.getAll('event').map(String);
    setBusy(true);
    setProblem(null);
    try {
      const description = String(form.get('description') ?? '').trim();
      const created = await api.post<Endpoint & { secret: string }>(
        `/v1/developer/apps/${seg(app.id)}/webhook-endpoints`,
        { url: form.get('url'), enabled_events: chosen, ...(description ? { description } : {}) },
      );
      formElement.reset();
      setAll(true);
      onCreated(created.url, created.secret);
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="add-endpoint">
      <h2 id="add-endpoint">Add an endpoint</h2>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <form onSubmit={submit} className={styles.form} aria-busy={busy}>
        <Field
          label="Endpoint URL"
          name="url"
          type="url"
          required
          placeholder="https://shop.example/webhooks/tessera"
          hint={
            app.mode === 'sandbox'
              ? 'https to a public host, or http://127.0.0.1:… / localhost when this gateway runs on your machine too.'
              : 'https to a public host.'
          }
          error={fieldError(problem, 'url')}
        />
        <Field label="Description (optional)" name="description" maxLength={500} />
        <fieldset className={styles.form}>
          <legend>Events</legend>
          <div className={styles.checkbox}>
            <input id="we-all" type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
            <label htmlFor="we-all">All events, including types added later</label>
          </div>
          {all
            ? null
            : EVENT_TYPES.map(([type, description]) => (
                <div key={type} className={styles.checkbox}>
                  <input id={`we-${type}`} type="checkbox" name="event" value={type} />
                  <label htmlFor={`we-${type}`}>
                    <code>{type}</code> <span className={styles.muted}>{description}</span>
                  </label>
                </div>
              ))}
          {fieldError(problem, 'enabled_events') ? (
            <small className={styles.error}>{fieldError(problem, 'enabled_events')}</small>
          ) : null}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={busy}>
          Add endpoint
        </button>
      </form>
    </section>
  );
}

function Deliveries({ app, endpointId }: { app: App; endpointId: string }) {
  const { api } = useSession();
  const path = `/v1/developer/apps/${seg(app.id)}/webhook-endpoints/${seg(endpointId)}/deliveries?limit=50`;
  const deliveries = useLoad(() => api.get<List<Delivery>>(path), [api, path]);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  const redeliver = async (eventId: string) => {
    setProblem(null);
    setNotice(null);
    try {
      const r = await api.post<{ webhook_endpoints: string[] }>(
        `/v1/developer/apps/${seg(app.id)}/events/${seg(eventId)}/redeliver`,
      );
      setNotice(`${eventId} queued again to ${r.webhook_endpoints.length} endpoint(s).`);
    } catch (err) {
      setProblem(err);
    }
  };

  return (
    <section aria-labelledby="deliveries">
      <h3 id="deliveries">
        Delivery log <code>{endpointId}</code>
      </h3>
      <div className={styles.actions}>
        <button
          type="button"
          className="button button--sm button--secondary"
          onClick={() => deliveries.reload()}
        >
          Refresh
        </button>
      </div>
      {notice ? (
        <p role="status" className={styles.muted}>
          {notice}
        </p>
      ) : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
      {deliveries.error ? <ProblemNotice problem={deliveries.error} /> : null}
      {deliveries.loading && !deliveries.data ? <Loading what="deliveries" /> : null}
      {deliveries.data?.data.length === 0 ? <p>No deliveries yet.</p> : null}
      {deliveries.data?.data.length ? (
        <div className={styles.tableWrap}>
          <table data-testid="deliveries">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Attempt</th>
                <th scope="col">Result</th>
                <th scope="col">Latency</th>
                <th scope="col">
                  <span className={styles.srOnly}>Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.data.map((d) => (
                <tr key={d.id}>
                  <td>{formatTime(d.created_at)}</td>
                  <td>
                    <code>{d.event_type ?? d.event}</code>
                  </td>
                  <td>{d.attempt}</td>
                  <td>
                    <span className={`${styles.badge} ${d.succeeded ? styles.ok : styles.bad}`}>
                      {d.response_status ?? 'no response'}
                    </span>
                    {d.error ? <span className={styles.muted}> {d.error}</span> : null}
                  </td>
                  <td>{d.latency_ms} ms</td>
                  <td>
                    <button
                      type="button"
                      className="button button--sm button--secondary"
                      onClick={() => redeliver(d.event)}
                      aria-label={`Redeliver ${d.event}`}
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
