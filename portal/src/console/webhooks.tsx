import { type FormEvent, useState } from 'react';
import eventTypes from '../generated/event-types.json';
import { ok, type Schema } from './api';
import { Field, fieldError, useAction } from './form';
import { actionsColumn, ListTable, type TableSpec } from './list';
import { useSession } from './session';
import { TestEvent } from './test-event';
import { formatTime, ProblemNotice, SecretOnce, SmallButton, styles, useLoad } from './ui';

type App = Schema<'App'>;
type Endpoint = Schema<'WebhookEndpoint'>;
type Delivery = Schema<'WebhookDeliveryAttempt'>;
type EnabledEvents = Schema<'CreateWebhookEndpoint'>['enabled_events'];

const EVENT_TYPES = Object.entries(eventTypes as Record<string, string>);

/** The app's webhook endpoints, the form that adds one, and each endpoint's delivery log. */
export function WebhooksTab({ app }: { app: App }) {
  const { api } = useSession();
  const endpoints = useLoad(
    () =>
      ok(
        api.GET('/v1/developer/apps/{id}/webhook-endpoints', {
          params: { path: { id: app.id }, query: { limit: 100 } },
        }),
      ),
    [api, app.id],
  );
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const openEndpoint = endpoints.data?.data.find((we) => we.id === open);
  const table: TableSpec<Endpoint> = {
    testId: 'webhook-endpoints',
    rowKey: (we) => we.id,
    columns: [
      { label: 'URL', cell: (we) => <code>{we.url}</code> },
      { label: 'Events', cell: (we) => we.enabled_events.join(', ') },
      {
        label: 'Status',
        cell: (we) => `${we.status}${we.disabled_reason ? ` (${we.disabled_reason})` : ''}`,
      },
      { label: 'Created', cell: (we) => formatTime(we.created_at) },
      actionsColumn((we) => (
        <SmallButton aria-expanded={open === we.id} onClick={() => setOpen(open === we.id ? null : we.id)}>
          {open === we.id ? 'Hide deliveries' : 'Deliveries'}
        </SmallButton>
      )),
    ],
  };

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
        <ListTable list={endpoints} what="endpoints" empty="No endpoints yet." table={table} />
        {openEndpoint ? <Deliveries app={app} endpoint={openEndpoint} /> : null}
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
  const { busy, problem, run } = useAction();
  const [all, setAll] = useState(true);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    // The checkboxes' values are the event types the gateway emits (event-types.json).
    const chosen = (all ? ['*'] : form.getAll('event').map(String)) as EnabledEvents;
    return run(async () => {
      const description = String(form.get('description') ?? '').trim();
      const created = await ok(
        api.POST('/v1/developer/apps/{id}/webhook-endpoints', {
          params: { path: { id: app.id } },
          body: {
            url: String(form.get('url')),
            enabled_events: chosen,
            ...(description ? { description } : {}),
          },
        }),
      );
      formElement.reset();
      setAll(true);
      onCreated(created.url, created.secret);
    });
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

function Deliveries({ app, endpoint }: { app: App; endpoint: Endpoint }) {
  const endpointId = endpoint.id;
  const { api } = useSession();
  const deliveries = useLoad(
    () =>
      ok(
        api.GET('/v1/developer/apps/{id}/webhook-endpoints/{endpoint_id}/deliveries', {
          params: { path: { id: app.id, endpoint_id: endpointId }, query: { limit: 50 } },
        }),
      ),
    [api, app.id, endpointId],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const { problem, run } = useAction();
  const table: TableSpec<Delivery> = {
    testId: 'deliveries',
    rowKey: (d) => d.id,
    columns: [
      { label: 'Time', cell: (d) => formatTime(d.created_at) },
      { label: 'Event', cell: (d) => <code>{d.event_type ?? d.event}</code> },
      { label: 'Attempt', cell: (d) => d.attempt },
      {
        label: 'Result',
        cell: (d) => (
          <>
            <span className={`${styles.badge} ${d.succeeded ? styles.ok : styles.bad}`}>
              {d.response_status ?? 'no response'}
            </span>
            {d.error ? <span className={styles.muted}> {d.error}</span> : null}
          </>
        ),
      },
      { label: 'Latency', cell: (d) => `${d.latency_ms} ms` },
      actionsColumn((d) => (
        <SmallButton onClick={() => redeliver(d.event)} aria-label={`Redeliver ${d.event}`}>
          Redeliver
        </SmallButton>
      )),
    ],
  };

  const redeliver = async (eventId: string) => {
    setNotice(null);
    await run(async () => {
      const r = await ok(
        api.POST('/v1/developer/apps/{id}/events/{event_id}/redeliver', {
          params: { path: { id: app.id, event_id: eventId } },
        }),
      );
      setNotice(`${eventId} queued again to ${r.webhook_endpoints.length} endpoint(s).`);
    });
  };

  return (
    <section aria-labelledby="deliveries">
      <h3 id="deliveries">
        Delivery log <code>{endpointId}</code>
      </h3>
      <div className={styles.actions}>
        <SmallButton onClick={() => deliveries.reload()}>Refresh</SmallButton>
      </div>
      {notice ? (
        <p role="status" className={styles.muted}>
          {notice}
        </p>
      ) : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
      <ListTable list={deliveries} what="deliveries" empty="No deliveries yet." table={table} />
      <TestEvent appId={app.id} endpoint={endpoint} onSent={() => deliveries.reload()} />
    </section>
  );
}
