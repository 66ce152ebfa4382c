import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ok, type Schema } from './api';
import { useSession } from './session';
import { DataTable, formatTime, ListState, ProblemNotice, styles, useLoad } from './ui';

/** For bank staff: partners, the live subscription review queue, and champion/challenger results. */
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
      <Reviews />
      <Experiments />
      <Partners />
    </>
  );
}

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
  const [problem, setProblem] = useState<unknown>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    setProblem(null);
    try {
      const note = notes[id]?.trim();
      await ok(
        api.POST(`/v1/developer/admin/subscriptions/{id}/${decision}`, {
          params: { path: { id } },
          body: note ? { note } : {},
        }),
      );
      await reviews.reload();
    } catch (err) {
      setProblem(err);
    }
  };

  return (
    <section aria-labelledby="reviews">
      <h2 id="reviews">Subscription requests</h2>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <ListState list={reviews} what="requests" empty="No requests waiting.">
        {(rows) => (
          <DataTable
            testId="reviews"
            columns={['Requested', 'App', 'Owner', 'Product', 'Note to the partner', 'Decision']}
            rows={rows}
            row={(r) => (
              <tr key={r.id}>
                <td>{formatTime(r.created_at)}</td>
                <td>
                  {r.app_name} <code>{r.app}</code>
                </td>
                <td>{r.developer_email}</td>
                <td>
                  {r.product} ({r.mode})
                </td>
                <td>
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
                </td>
                <td>
                  <div className={styles.actions}>
                    <button
                      type="button"
                      className="button button--sm button--success"
                      onClick={() => decide(r.id, 'approve')}
                      aria-label={`Approve ${r.product} for ${r.app_name}`}
                    >
                      Approve
                    </button>
                    <button
                      type="button"
                      className="button button--sm button--danger"
                      onClick={() => decide(r.id, 'reject')}
                      aria-label={`Reject ${r.product} for ${r.app_name}`}
                    >
                      Reject
                    </button>
                  </div>
                </td>
              </tr>
            )}
          />
        )}
      </ListState>
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

function ArmResults({ arms }: { arms: Schema<'ExperimentComparison'>['data'] }) {
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
      <DataTable
        testId="experiments"
        columns={['Arm', 'Mode', 'Strategy', 'Decisions', 'Approved', 'Approval rate', 'Mean APR']}
        rows={arms}
        row={(a) => (
          <tr key={`${a.mode}-${a.arm}-${a.strategy_version}`}>
            <td>{a.arm}</td>
            <td>{a.mode}</td>
            <td>
              <code>{a.strategy_version}</code>
            </td>
            <td>{a.decisions}</td>
            <td>{a.approved}</td>
            <td>{pct(a.approval_rate)}</td>
            <td>{pct(a.mean_apr)}</td>
          </tr>
        )}
      />
    </>
  );
}

function Partners() {
  const { api } = useSession();
  const partners = useLoad(
    () => ok(api.GET('/v1/developer/admin/partners', { params: { query: { limit: 100 } } })),
    [api],
  );
  return (
    <section aria-labelledby="partners">
      <h2 id="partners">Partners</h2>
      <ListState list={partners} what="partners">
        {(rows) => (
          <DataTable
            testId="partners"
            columns={['Partner', 'Email', 'Apps', 'Subscriptions (active / requested / rejected)', 'Since']}
            rows={rows}
            row={(p) => (
              <tr key={p.id}>
                <td>
                  {p.name}
                  {p.role === 'bank_staff' ? <span className={styles.muted}> (bank staff)</span> : null}
                </td>
                <td>{p.email}</td>
                <td>{p.apps.map((a) => `${a.name} (${a.mode})`).join(', ') || '—'}</td>
                <td>
                  {p.subscriptions.active} / {p.subscriptions.requested} / {p.subscriptions.rejected}
                </td>
                <td>{formatTime(p.created_at)}</td>
              </tr>
            )}
          />
        )}
      </ListState>
    </section>
  );
}
