import { useState } from 'react';
import { type App, type List, seg } from './api';
import { useSession } from './session';
import { formatTime, Loading, ProblemNotice, styles, useLoad } from './ui';

interface Product {
  id: string;
  name: string;
  description: string;
  scopes: string[];
}
interface Subscription {
  id: string;
  product: string;
  mode: 'sandbox' | 'live';
  status: 'active' | 'requested' | 'rejected';
  note: string | null;
  decided_at: string | null;
  created_at: string;
}

/** The API products, and the app's access to each in sandbox (at once) and live (reviewed). */
export function SubscriptionsTab({ app, onChange }: { app: App; onChange(): void }) {
  const { api } = useSession();
  const path = `/v1/developer/apps/${seg(app.id)}/subscriptions`;
  const data = useLoad(
    () =>
      Promise.all([api.get<List<Product>>('/v1/developer/products'), api.get<List<Subscription>>(path)]).then(
        ([products, subscriptions]) => ({ products: products.data, subscriptions: subscriptions.data }),
      ),
    [api, path],
  );
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const subscribe = async (product: string, mode: 'sandbox' | 'live') => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(path, { product, mode });
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
      <div className={styles.tableWrap}>
        <table data-testid="subscriptions">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Scopes</th>
              <th scope="col">Sandbox</th>
              <th scope="col">Live</th>
            </tr>
          </thead>
          <tbody>
            {data.data.products.map((p) => {
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
            })}
          </tbody>
        </table>
      </div>
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
