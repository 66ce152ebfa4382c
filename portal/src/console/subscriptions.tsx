import { useState } from 'react';
import { ok, type Schema } from './api';
import { useSession } from './session';
import { DataTable, formatTime, Loading, ProblemNotice, styles, useLoad } from './ui';

type App = Schema<'App'>;
type Subscription = Schema<'ProductSubscription'>;
type ProductId = Schema<'CreateProductSubscription'>['product'];

/** The API products, and the app's access to each in sandbox (at once) and live (reviewed). */
export function SubscriptionsTab({ app, onChange }: { app: App; onChange(): void }) {
  const { api } = useSession();
  const path = { params: { path: { id: app.id } } };
  const data = useLoad(
    () =>
      Promise.all([
        ok(api.GET('/v1/developer/products')),
        ok(api.GET('/v1/developer/apps/{id}/subscriptions', { params: { path: { id: app.id } } })),
      ]).then(([products, subscriptions]) => ({
        products: products.data,
        subscriptions: subscriptions.data,
      })),
    [api, app.id],
  );
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const subscribe = async (id: string, mode: 'sandbox' | 'live') => {
    // The document types a product's id as a string and what it subscribes to as their enum.
    const product = id as ProductId;
    setBusy(true);
    setProblem(null);
    try {
      await ok(api.POST('/v1/developer/apps/{id}/subscriptions', { ...path, body: { product, mode } }));
      await data.reload();
      onChange();
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  };

  if (data.error) return <ProblemNotice problem={data.error} />;
  if (!data.data) return <Loading what="subscriptions" />;
  const find = (product: string, mode: string) =>
    data.data?.subscriptions.find((s) => s.product === product && s.mode === mode);

  return (
    <section aria-labelledby="subscriptions">
      <h2 id="subscriptions">Products</h2>
      <p className={styles.muted}>
        An active subscription lets the app request the product's scopes. Sandbox access is granted at once;
        live access is reviewed by the bank.
      </p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <DataTable
        testId="subscriptions"
        columns={['Product', 'Scopes', 'Sandbox', 'Live']}
        rows={data.data.products}
        row={(p) => {
          const sandbox = find(p.id, 'sandbox');
          const live = find(p.id, 'live');
          return (
            <tr key={p.id}>
              <th scope="row" title={p.description}>
                {p.name}
              </th>
              <td>
                <code>{p.scopes.join(' ')}</code>
              </td>
              <td>
                {sandbox ? (
                  <Status s={sandbox} />
                ) : (
                  <button
                    type="button"
                    className="button button--sm button--secondary"
                    disabled={busy}
                    onClick={() => subscribe(p.id, 'sandbox')}
                  >
                    Subscribe
                  </button>
                )}
              </td>
              <td>
                {live ? (
                  <Status s={live} />
                ) : (
                  <button
                    type="button"
                    className="button button--sm button--secondary"
                    disabled={busy}
                    onClick={() => subscribe(p.id, 'live')}
                    aria-label={`Request live access to ${p.name}`}
                  >
                    Request live access
                  </button>
                )}
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}

function Status({ s }: { s: Subscription }) {
  const cls = s.status === 'active' ? styles.ok : s.status === 'rejected' ? styles.bad : '';
  return (
    <span>
      <span className={`${styles.badge} ${cls}`}>{s.status}</span>
      {s.decided_at ? <span className={styles.muted}> {formatTime(s.decided_at)}</span> : null}
      {s.note ? <span className={styles.muted}> “{s.note}”</span> : null}
    </span>
  );
}
