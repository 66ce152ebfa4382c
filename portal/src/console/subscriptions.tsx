import { ok, type Schema } from './api';
import { useAction } from './form';
import { DataTable, type TableSpec } from './list';
import { useSession } from './session';
import { formatTime, Loading, ProblemNotice, SmallButton, styles, useLoad } from './ui';

type App = Schema<'App'>;
type Subscription = Schema<'ProductSubscription'>;
type Product = Schema<'ApiProduct'>;
type Mode = Subscription['mode'];

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
  const { busy, problem, run } = useAction();

  const subscribe = async (product: Product['id'], mode: Mode) => {
    return run(async () => {
      await ok(api.POST('/v1/developer/apps/{id}/subscriptions', { ...path, body: { product, mode } }));
      await data.reload();
      onChange();
    });
  };

  if (data.error) return <ProblemNotice problem={data.error} />;
  if (!data.data) return <Loading what="subscriptions" />;
  const access = (mode: Mode) => (p: Product) => (
    <Access
      product={p}
      mode={mode}
      subscription={data.data?.subscriptions.find((s) => s.product === p.id && s.mode === mode)}
      busy={busy}
      onSubscribe={() => subscribe(p.id, mode)}
    />
  );
  const table: TableSpec<Product> = {
    testId: 'subscriptions',
    rowKey: (p) => p.id,
    columns: [
      { label: 'Product', rowHeader: true, cell: (p) => <span title={p.description}>{p.name}</span> },
      { label: 'Scopes', cell: (p) => <code>{p.scopes.join(' ')}</code> },
      { label: 'Sandbox', cell: access('sandbox') },
      { label: 'Live', cell: access('live') },
    ],
  };

  return (
    <section aria-labelledby="subscriptions">
      <h2 id="subscriptions">Products</h2>
      <p className={styles.muted}>
        An active subscription lets the app request the product's scopes. Sandbox access is granted at once;
        live access is reviewed by the bank.
      </p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <DataTable rows={data.data.products} spec={table} />
    </section>
  );
}

/** The app's subscription in one mode, or the button that asks for it. */
function Access({
  product,
  mode,
  subscription,
  busy,
  onSubscribe,
}: {
  product: Product;
  mode: Mode;
  subscription: Subscription | undefined;
  busy: boolean;
  onSubscribe(): void;
}) {
  if (subscription) return <Status s={subscription} />;
  return (
    <SmallButton
      disabled={busy}
      onClick={onSubscribe}
      aria-label={mode === 'live' ? `Request live access to ${product.name}` : undefined}
    >
      {mode === 'live' ? 'Request live access' : 'Subscribe'}
    </SmallButton>
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
