import { ok, type Schema } from './api';
import { useAction } from './form';
import { DataTable, ListState, type TableSpec } from './list';
import { useSession } from './session';
import { formatTime, ProblemNotice, SmallButton, styles, useLoad } from './ui';

type Product = Schema<'PublishedProduct'>;
type Metrics = Schema<'PublishedProductVersionMetrics'>;
interface VersionRow {
  label: string;
  version: string;
  upstream: string;
  share: string;
  metrics: Metrics;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/**
 * For bank product teams: each published product, its stable and canary versions with their
 * metrics (requests, 5xx rate, p50/p99 over the serving instance's last 200 calls), and the
 * notice of the last automatic rollback (DOMAIN.md "Published API products").
 */
export function ProductsView() {
  const { state, api } = useSession();
  const products = useLoad(() => ok(api.GET('/v1/developer/admin/products')), [api]);
  const { problem, run } = useAction();
  if (state.status === 'signed-in' && state.developer.role !== 'product_team')
    return (
      <>
        <h1>Products</h1>
        <p>This page is for the bank’s product teams.</p>
      </>
    );
  const promote = (id: string) =>
    run(async () => {
      await ok(api.POST('/v1/developer/admin/products/{id}/promote', { params: { path: { id } } }));
      await products.reload();
    });
  return (
    <>
      <h1>Products</h1>
      <p className={styles.muted}>
        Metrics are this gateway instance’s window of each version’s last 200 calls.{' '}
        <SmallButton onClick={() => products.reload()}>Refresh</SmallButton>
      </p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <ListState
        list={products}
        what="products"
        empty="No products yet: publish one with `npm run products`."
      >
        {(rows) => rows.map((p) => <ProductCard key={p.id} product={p} onPromote={() => promote(p.id)} />)}
      </ListState>
    </>
  );
}

function ProductCard({ product: p, onPromote }: { product: Product; onPromote: () => void }) {
  const rows: VersionRow[] = [];
  if (p.stable_version)
    rows.push({
      label: 'stable',
      version: p.stable_version.version,
      upstream: p.stable_version.upstream_url,
      share: `${100 - (p.canary_version ? p.canary_share : 0)}%`,
      metrics: p.stable_version.metrics,
    });
  if (p.canary_version)
    rows.push({
      label: 'canary',
      version: p.canary_version.version,
      upstream: p.canary_version.upstream_url,
      share: `${p.canary_share}%`,
      metrics: p.canary_version.metrics,
    });
  const table: TableSpec<VersionRow> = {
    testId: `versions-${p.id}`,
    labelledBy: `product-${p.id}`,
    rowKey: (r) => r.label,
    columns: [
      { label: 'Version', rowHeader: true, cell: (r) => `${r.version} (${r.label})` },
      { label: 'Upstream', cell: (r) => <code>{r.upstream}</code> },
      { label: 'Traffic', cell: (r) => r.share },
      { label: 'Requests', cell: (r) => r.metrics.requests },
      { label: '5xx rate', cell: (r) => percent(r.metrics.error_rate) },
      { label: 'p50', cell: (r) => `${r.metrics.p50_ms} ms` },
      { label: 'p99', cell: (r) => `${r.metrics.p99_ms} ms` },
    ],
  };
  const rollback = p.last_rollback;
  return (
    <section aria-labelledby={`product-${p.id}`} data-testid={`product-${p.id}`}>
      <h2 id={`product-${p.id}`}>
        {p.title} <code>{p.id}</code> <span className={styles.badge}>{p.status}</span>
      </h2>
      <p className={styles.muted}>
        Team {p.owner_team}
        {p.sunset_at ? ` · retired on ${formatTime(p.sunset_at)}` : ''}
      </p>
      {rollback ? (
        <div
          className={`alert alert--warning ${styles.alert}`}
          role="status"
          data-testid={`rollback-${p.id}`}
        >
          <p>
            Canary {rollback.version} was rolled back automatically on {formatTime(rollback.rolled_back_at)}:{' '}
            {rollback.reason}. The stable version serves everyone.
          </p>
          <small>
            At that moment: canary {rollback.canary.requests} requests, {percent(rollback.canary.error_rate)}{' '}
            5xx, p99 {rollback.canary.p99_ms} ms
            {rollback.stable
              ? `; stable ${rollback.stable.requests} requests, ${percent(rollback.stable.error_rate)} 5xx, p99 ${rollback.stable.p99_ms} ms`
              : ''}
            .
          </small>
        </div>
      ) : null}
      {rows.length ? <DataTable rows={rows} spec={table} /> : <p>No version is served.</p>}
      {p.canary_version ? (
        <p>
          <SmallButton
            onClick={onPromote}
            aria-label={`Promote ${p.canary_version.version} of ${p.id} to stable`}
          >
            Promote canary to stable
          </SmallButton>
        </p>
      ) : null}
    </section>
  );
}
