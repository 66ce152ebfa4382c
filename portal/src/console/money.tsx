import { type FormEvent, useState } from 'react';
import { ok, type Schema } from './api';
import { Field, useAction } from './form';
import { DataTable, ListTable, type TableSpec } from './list';
import { useSession } from './session';
import { formatMoney, formatTime, ProblemNotice, styles, useLoad } from './ui';
import { NetVolumeChart } from './volume-chart';

type App = Schema<'App'>;
type Txn = Schema<'BalanceTransaction'>;
type Payout = Schema<'Payout'>;

/** The app's merchant money, as the app itself reads it: balance, movements, payouts, reports. */
export function MoneyTab({ app }: { app: App }) {
  const { api } = useSession();
  const path = { path: { id: app.id } };
  const balance = useLoad(
    () => ok(api.GET('/v1/developer/apps/{id}/balance', { params: path })),
    [api, app.id],
  );
  const txns = useLoad(
    () =>
      ok(
        api.GET('/v1/developer/apps/{id}/balance-transactions', {
          params: { ...path, query: { limit: 100 } },
        }),
      ),
    [api, app.id],
  );
  const payouts = useLoad(
    () => ok(api.GET('/v1/developer/apps/{id}/payouts', { params: { ...path, query: { limit: 100 } } })),
    [api, app.id],
  );
  return (
    <>
      <section aria-labelledby="balance">
        <h2 id="balance">Balance</h2>
        {balance.error ? <ProblemNotice problem={balance.error} /> : null}
        {balance.data ? (
          <p data-testid="balance">
            Available {balance.data.available.map(formatMoney).join(', ')} · Pending{' '}
            {balance.data.pending.map(formatMoney).join(', ')}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="volume">
        <h2 id="volume">Daily net volume</h2>
        {txns.data ? <NetVolumeChart txns={txns.data.data} /> : null}
        <h3>Fees by product</h3>
        {txns.data ? <DataTable rows={feesByType(txns.data.data)} spec={FEES} /> : null}
      </section>
      <section aria-labelledby="transactions">
        <h2 id="transactions">Balance transactions</h2>
        <FindTransaction app={app} />
        <ListTable list={txns} what="balance transactions" empty="No money has moved yet." table={TXNS} />
      </section>
      <section aria-labelledby="payouts">
        <h2 id="payouts">Payouts</h2>
        <ListTable list={payouts} what="payouts" empty="No payouts yet." table={PAYOUTS} />
      </section>
      <SettlementDownload app={app} />
    </>
  );
}

const TXNS: TableSpec<Txn> = {
  testId: 'balance-transactions',
  rowKey: (t) => t.id,
  columns: [
    { label: 'Id', rowHeader: true, cell: (t) => <code>{t.id}</code> },
    { label: 'Created', cell: (t) => formatTime(t.created_at) },
    { label: 'Type', cell: (t) => t.type },
    { label: 'Amount', cell: (t) => formatMoney(t.amount) },
    { label: 'Fee', cell: (t) => formatMoney(t.fee) },
    { label: 'Net', cell: (t) => formatMoney(t.net) },
    { label: 'Source', cell: (t) => <code>{t.source}</code> },
    { label: 'Status', cell: (t) => t.status },
  ],
};

const PAYOUTS: TableSpec<Payout> = {
  testId: 'payouts',
  rowKey: (p) => p.id,
  columns: [
    { label: 'Id', rowHeader: true, cell: (p) => <code>{p.id}</code> },
    { label: 'Created', cell: (p) => formatTime(p.created_at) },
    { label: 'Amount', cell: (p) => formatMoney(p.amount) },
    { label: 'Status', cell: (p) => p.status },
    { label: 'To', cell: (p) => `····${p.destination.last4}` },
    { label: 'Arrival', cell: (p) => formatTime(p.arrival_at) },
    { label: 'Automatic', cell: (p) => (p.automatic ? 'yes' : 'no') },
  ],
};

interface FeeRow {
  type: string;
  fee: { amount: number; currency: string };
  count: number;
}
/** What the bank's fees came to per kind of movement (refunds give a share back). */
function feesByType(txns: Txn[]): FeeRow[] {
  const rows = new Map<string, FeeRow>();
  for (const t of txns) {
    if (t.fee.amount === 0) continue;
    const row = rows.get(t.type) ?? { type: t.type, fee: { amount: 0, currency: t.fee.currency }, count: 0 };
    row.fee.amount += t.fee.amount;
    row.count += 1;
    rows.set(t.type, row);
  }
  return [...rows.values()];
}
const FEES: TableSpec<FeeRow> = {
  testId: 'fees',
  rowKey: (r) => r.type,
  columns: [
    { label: 'Product', rowHeader: true, cell: (r) => r.type },
    { label: 'Movements', cell: (r) => r.count },
    { label: 'Fees', cell: (r) => formatMoney(r.fee) },
  ],
};

function FindTransaction({ app }: { app: App }) {
  const { api } = useSession();
  const [id, setId] = useState('');
  const [found, setFound] = useState<Txn | null>(null);
  const { busy, problem, run } = useAction();
  const find = async (event: FormEvent) => {
    event.preventDefault();
    setFound(null);
    await run(async () => {
      setFound(
        await ok(
          api.GET('/v1/developer/apps/{id}/balance-transactions/{txn_id}', {
            params: { path: { id: app.id, txn_id: id.trim() } },
          }),
        ),
      );
    });
  };
  return (
    <form onSubmit={find} className={styles.actions} aria-label="Find a balance transaction">
      <Field
        label="Find by id"
        placeholder="txn_…"
        value={id}
        onChange={(e) => setId(e.target.value)}
        required
      />
      <button type="submit" className="button button--secondary button--sm" disabled={busy}>
        Find
      </button>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {found ? <DataTable rows={[found]} spec={{ ...TXNS, testId: 'found-transaction' }} /> : null}
    </form>
  );
}

function SettlementDownload({ app }: { app: App }) {
  const { api } = useSession();
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const { busy, problem, run } = useAction();
  const download = (format: 'csv' | 'json') =>
    run(async () => {
      const params = { path: { id: app.id }, query: { date } };
      const body =
        format === 'csv'
          ? await ok(
              api.GET('/v1/developer/apps/{id}/reports/settlement', {
                params,
                parseAs: 'text',
                headers: { Accept: 'text/csv' },
              }),
            )
          : JSON.stringify(
              await ok(api.GET('/v1/developer/apps/{id}/reports/settlement', { params })),
              null,
              2,
            );
      const url = URL.createObjectURL(
        new Blob([body as string], { type: format === 'csv' ? 'text/csv' : 'application/json' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `settlement-${date}.${format}`;
      a.click();
      URL.revokeObjectURL(url);
    });
  return (
    <section aria-labelledby="reports">
      <h2 id="reports">Settlement reports</h2>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <Field label="Business day" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      <div className={styles.actions}>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => download('csv')}
        >
          Download CSV
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => download('json')}
        >
          Download JSON
        </button>
      </div>
    </section>
  );
}
