import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ok, type Schema } from './api';
import { useAction } from './form';
import { GoLiveReviews } from './go-live-reviews';
import { DataTable, ListState, ListTable, type TableSpec } from './list';
import { useSession } from './session';
import { LimitOfferTakeUp } from './take-up';
import { formatTime, ProblemNotice, styles, useLoad } from './ui';

/**
 * For bank staff: go-live requests, partners, the live subscription review queue,
 * champion/challenger results and limit offer take-up.
 */
export function AdminView() {
  const { state } = useSession();
  if (state.status === 'signed-in' && state.developer.role !== 'bank_staff')
    return (
      <>
        <h1>Admin</h1>
        <p>This page is for bank staff.</p>
      </>
    );
  return (
    <>
      <h1>Admin</h1>
      <GoLiveReviews />
      <Reviews />
      <Experiments />
      <LimitOfferTakeUp />
      <Partners />
    </>
  );
}

type Review = Schema<'ProductSubscriptionReview'>;
type Arm = Schema<'ExperimentComparison'>['data'][number];
type Partner = Schema<'Partner'>;

const DECISIONS = [
  { decision: 'approve', label: 'Approve', className: 'button--success' },
  { decision: 'reject', label: 'Reject', className: 'button--danger' },
] as const;

function Reviews() {
  const { api } = useSession();
  const reviews = useLoad(
    () =>
      ok(
        api.GET('/v1/developer/admin/subscriptions', {
          params: { query: { status: 'requested', limit: 100 } },
        }),
      ),
    [api],
  );
  const { problem, run } = useAction();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const table: TableSpec<Review> = {
    testId: 'reviews',
    rowKey: (r) => r.id,
    columns: [
      { label: 'Requested', cell: (r) => formatTime(r.created_at) },
      {
        label: 'App',
        cell: (r) => (
          <>
            {r.app_name} <code>{r.app}</code>
          </>
        ),
      },
      { label: 'Owner', cell: (r) => r.developer_email },
      { label: 'Product', cell: (r) => `${r.product} (${r.mode})` },
      {
        label: 'Note to the partner',
        cell: (r) => (
          <>
            <label className={styles.srOnly} htmlFor={`note-${r.id}`}>
              Note for {r.app_name}, {r.product}
            </label>
            <input
              id={`note-${r.id}`}
              className={styles.select}
              value={notes[r.id] ?? ''}
              onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })}
              maxLength={1000}
            />
          </>
        ),
      },
      {
        label: 'Decision',
        cell: (r) => (
          <div className={styles.actions}>
            {DECISIONS.map((d) => (
              <button
                key={d.decision}
                type="button"
                className={`button button--sm ${d.className}`}
                onClick={() => decide(r.id, d.decision)}
                aria-label={`${d.label} ${r.product} for ${r.app_name}`}
              >
                {d.label}
              </button>
            ))}
          </div>
        ),
      },
    ],
  };

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    await run(async () => {
      const note = notes[id]?.trim();
      await ok(
        api.POST(`/v1/developer/admin/subscriptions/{id}/${decision}`, {
          params: { path: { id } },
          body: note ? { note } : {},
        }),
      );
      await reviews.reload();
    });
  };

  return (
    <section aria-labelledby="reviews">
      <h2 id="reviews">Subscription requests</h2>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <ListTable list={reviews} what="requests" empty="No requests waiting." table={table} />
    </section>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

function Experiments() {
  const { api } = useSession();
  const [kind, setKind] = useState<'loan_offer' | 'prequalification'>('loan_offer');
  const arms = useLoad(
    () => ok(api.GET('/v1/developer/admin/experiments', { params: { query: { kind } } })),
    [api, kind],
  );
  return (
    <section aria-labelledby="experiments">
      <h2 id="experiments">Champion and challenger</h2>
      <div className={styles.field}>
        <label htmlFor="experiment-kind">Decisions</label>
        <select
          id="experiment-kind"
          className={styles.select}
          value={kind}
          onChange={(e) => setKind(e.target.value as typeof kind)}
        >
          <option value="loan_offer">Loan offers</option>
          <option value="prequalification">Prequalifications</option>
        </select>
      </div>
      <ListState list={arms} what="results" empty="No decisions yet.">
        {(rows) => <ArmResults arms={rows} />}
      </ListState>
    </section>
  );
}

const ARMS: TableSpec<Arm> = {
  testId: 'experiments',
  rowKey: (a) => `${a.mode}-${a.arm}-${a.strategy_version}`,
  columns: [
    { label: 'Arm', cell: (a) => a.arm },
    { label: 'Mode', cell: (a) => a.mode },
    { label: 'Strategy', cell: (a) => <code>{a.strategy_version}</code> },
    { label: 'Decisions', cell: (a) => a.decisions },
    { label: 'Approved', cell: (a) => a.approved },
    { label: 'Approval rate', cell: (a) => pct(a.approval_rate) },
    { label: 'Mean APR', cell: (a) => pct(a.mean_apr) },
  ],
};

function ArmResults({ arms }: { arms: Arm[] }) {
  const rows = arms.map((a) => ({
    ...a,
    label: `${a.arm} · ${a.mode}`,
    approval: a.approval_rate === null ? 0 : Math.round(a.approval_rate * 10000) / 100,
    apr: a.mean_apr === null ? 0 : Math.round(a.mean_apr * 10000) / 100,
  }));
  return (
    <>
      <figure className={styles.chart} aria-label="Approval rate and mean APR per arm, in percent">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis yAxisId="approval" unit="%" domain={[0, 100]} fontSize={12} width={48} />
            <YAxis yAxisId="apr" orientation="right" unit="%" fontSize={12} width={48} />
            <Tooltip />
            <Legend />
            <Bar
              yAxisId="approval"
              dataKey="approval"
              name="approval rate % (left)"
              fill="#2e8555"
              isAnimationActive={false}
            />
            <Bar
              yAxisId="apr"
              dataKey="apr"
              name="mean APR % (right)"
              fill="#4a7fc1"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <DataTable rows={arms} spec={ARMS} />
    </>
  );
}

const PARTNERS: TableSpec<Partner> = {
  testId: 'partners',
  rowKey: (p) => p.id,
  columns: [
    {
      label: 'Partner',
      cell: (p) => (
        <>
          {p.name}
          {p.role === 'bank_staff' ? <span className={styles.muted}> (bank staff)</span> : null}
        </>
      ),
    },
    { label: 'Email', cell: (p) => p.email },
    { label: 'Apps', cell: (p) => p.apps.map((a) => `${a.name} (${a.mode})`).join(', ') || '—' },
    {
      label: 'Subscriptions (active / requested / rejected)',
      cell: ({ subscriptions: n }) => `${n.active} / ${n.requested} / ${n.rejected}`,
    },
    { label: 'Since', cell: (p) => formatTime(p.created_at) },
  ],
};

function Partners() {
  const { api } = useSession();
  const partners = useLoad(
    () => ok(api.GET('/v1/developer/admin/partners', { params: { query: { limit: 100 } } })),
    [api],
  );
  return (
    <section aria-labelledby="partners">
      <h2 id="partners">Partners</h2>
      <ListTable list={partners} what="partners" table={PARTNERS} />
    </section>
  );
}
