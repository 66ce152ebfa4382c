import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ok, type Schema } from './api';
import { DataTable, type TableSpec } from './list';
import { useSession } from './session';
import { Loading, ProblemNotice, SmallButton, styles, useLoad } from './ui';

type App = Schema<'App'>;
type UsageRow = Schema<'Usage'>['data'][number];

const CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
const CLASS_COLORS: Record<string, string> = {
  '2xx': '#2e8555',
  '3xx': '#4a7fc1',
  '4xx': '#d9822b',
  '5xx': '#c0392b',
};

type StatusClass = (typeof CLASSES)[number];
type DayRow = { day: string; mean: number | null; p95: number | null } & Record<StatusClass, number>;
const isClass = (c: string): c is StatusClass => (CLASSES as readonly string[]).includes(c);

const empty = (day: string): DayRow => ({
  day,
  '2xx': 0,
  '3xx': 0,
  '4xx': 0,
  '5xx': 0,
  p95: null,
  mean: null,
});

/** Every day from `from` to `to` (YYYY-MM-DD, UTC), so quiet days show as zero. */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`) && out.length < 366;
    t += 86_400_000
  )
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * Per day from `from` to `to`: requests by status class, the exact mean latency (weighted by
 * count), and the worst operation's p95 (percentiles of different operations do not combine).
 */
export function byDay(rows: UsageRow[], from: string, to: string): DayRow[] {
  const days = new Map<string, DayRow>(daysBetween(from, to).map((d) => [d, empty(d)]));
  const weight = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    const d = days.get(r.day) ?? empty(r.day);
    if (isClass(r.status_class)) d[r.status_class] += r.count;
    d.p95 = Math.max(d.p95 ?? 0, r.latency_ms.p95);
    days.set(r.day, d);
    const w = weight.get(r.day) ?? { sum: 0, n: 0 };
    w.sum += r.latency_ms.mean * r.count;
    w.n += r.count;
    weight.set(r.day, w);
  }
  return [...days.values()]
    .map((d) => {
      const w = weight.get(d.day);
      return { ...d, mean: w?.n ? Math.round((w.sum / w.n) * 10) / 10 : null };
    })
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** Per operation: totals by status class, exact mean latency, and the highest daily p95/p99. */
export function byOperation(rows: UsageRow[]) {
  const ops = new Map<
    string,
    { operation: string; count: number; errors: number; sum: number; p95: number; p99: number }
  >();
  for (const r of rows) {
    const o = ops.get(r.operation) ?? { operation: r.operation, count: 0, errors: 0, sum: 0, p95: 0, p99: 0 };
    o.count += r.count;
    if (r.status_class === '4xx' || r.status_class === '5xx') o.errors += r.count;
    o.sum += r.latency_ms.mean * r.count;
    o.p95 = Math.max(o.p95, r.latency_ms.p95);
    o.p99 = Math.max(o.p99, r.latency_ms.p99);
    ops.set(r.operation, o);
  }
  return [...ops.values()].sort((a, b) => b.count - a.count);
}

const OPERATIONS: TableSpec<ReturnType<typeof byOperation>[number]> = {
  testId: 'usage-operations',
  labelledBy: 'by-operation',
  rowKey: (o) => o.operation,
  columns: [
    { label: 'Operation', cell: (o) => <code>{o.operation}</code> },
    { label: 'Requests', cell: (o) => o.count },
    { label: '4xx/5xx', cell: (o) => o.errors },
    { label: 'Mean ms', cell: (o) => (o.count ? Math.round((o.sum / o.count) * 10) / 10 : 0) },
    { label: 'p95 ms', cell: (o) => o.p95 },
    { label: 'p99 ms', cell: (o) => o.p99 },
  ],
};

export function UsageTab({ app }: { app: App }) {
  const { api } = useSession();
  const usage = useLoad(
    () => ok(api.GET('/v1/developer/apps/{id}/usage', { params: { path: { id: app.id } } })),
    [api, app.id],
  );
  if (usage.error) return <ProblemNotice problem={usage.error} />;
  if (!usage.data) return <Loading what="usage" />;
  const days = byDay(usage.data.data, usage.data.from, usage.data.to);
  const ops = byOperation(usage.data.data);
  const total = ops.reduce((n, o) => n + o.count, 0);
  return (
    <section aria-labelledby="usage" data-testid="usage">
      <h2 id="usage">Usage</h2>
      <div className={styles.actions}>
        <p className={styles.muted}>
          {usage.data.from} to {usage.data.to} (UTC): <strong data-testid="usage-total">{total}</strong>{' '}
          requests.
        </p>
        <SmallButton onClick={() => usage.reload()}>Refresh</SmallButton>
      </div>
      {total === 0 ? (
        <p>No requests yet. Call the API with this app's credentials and refresh.</p>
      ) : (
        <>
          <h3 id="requests-chart">Requests per day by status</h3>
          <figure className={styles.chart} aria-labelledby="requests-chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" fontSize={12} />
                <YAxis allowDecimals={false} fontSize={12} width={40} />
                <Tooltip />
                <Legend />
                {CLASSES.map((c) => (
                  <Bar
                    key={c}
                    dataKey={c}
                    stackId="status"
                    fill={CLASS_COLORS[c]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <h3 id="latency-chart">Latency per day (ms)</h3>
          <figure className={styles.chart} aria-labelledby="latency-chart">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" fontSize={12} />
                <YAxis fontSize={12} width={40} />
                <Tooltip />
                <Legend />
                <Line dataKey="mean" name="mean" stroke="#4a7fc1" connectNulls isAnimationActive={false} />
                <Line
                  dataKey="p95"
                  name="p95 (slowest operation)"
                  stroke="#d9822b"
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </figure>
          <h3 id="by-operation">By operation</h3>
          <DataTable rows={ops} spec={OPERATIONS} />
          <p className={styles.muted}>p95 and p99 are the highest of the daily values per operation.</p>
        </>
      )}
    </section>
  );
}
