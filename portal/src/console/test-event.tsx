import { type FormEvent, useState } from 'react';
import testEvents from '../generated/test-events.json';
import { ok, type Schema } from './api';
import { useAction } from './form';
import { useSession } from './session';
import { ProblemNotice, styles } from './ui';

type Endpoint = Schema<'WebhookEndpoint'>;
type TestableType = Schema<'SendWebhookTestEvent'>['type'];

/** Each type a test can be sent of, with the event it sends (the reference's example of it). */
const EXAMPLES = testEvents as Record<TestableType, unknown>;
const TYPES = Object.keys(EXAMPLES) as TestableType[];

/**
 * Sends a test event of a chosen type to one endpoint: signed and delivered like any event, its
 * object the example of its type, marked `test: true`. Offers the types the endpoint takes.
 */
export function TestEvent({
  appId,
  endpoint,
  onSent,
}: {
  appId: string;
  endpoint: Endpoint;
  onSent(): void;
}) {
  const { api } = useSession();
  const { busy, problem, run } = useAction();
  const takes = TYPES.filter((t) => endpoint.enabled_events.some((e) => e === '*' || e === t));
  const [type, setType] = useState<TestableType | undefined>(takes[0]);
  const [sent, setSent] = useState<Schema<'WebhookTestEvent'> | null>(null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!type) return;
    setSent(null);
    await run(async () => {
      setSent(
        await ok(
          api.POST('/v1/developer/apps/{id}/webhook-endpoints/{endpoint_id}/test', {
            params: { path: { id: appId, endpoint_id: endpoint.id } },
            body: { type },
          }),
        ),
      );
      onSent();
    });
  };

  if (!type) return <p className={styles.muted}>This endpoint takes no event type a test can be sent of.</p>;
  return (
    <form onSubmit={send} className={styles.form} aria-busy={busy} aria-labelledby="test-event">
      <h4 id="test-event">Send a test event</h4>
      <div className={styles.field}>
        <label htmlFor="test-event-type">Event type</label>
        <select
          id="test-event-type"
          className={styles.select}
          value={type}
          onChange={(e) => setType(e.target.value as TestableType)}
        >
          {takes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <details>
        <summary>What it sends</summary>
        <pre data-testid="test-event-payload">{JSON.stringify(EXAMPLES[type], null, 2)}</pre>
      </details>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {sent ? (
        <p role="status" className={styles.muted}>
          Test event <code>{sent.id}</code> ({sent.type}) queued to <code>{endpoint.url}</code>: signed like
          every delivery and marked <code>test: true</code>. Refresh the log to see it arrive.
        </p>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" className="button button--primary" disabled={busy}>
          Send test event
        </button>
      </div>
    </form>
  );
}
