import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type List, seg } from './api';
import { useSession } from './session';
import { formatTime, Loading, ProblemNotice, styles, useLoad } from './ui';

type Counts = { active: number; requested: number; rejected: number };
interface Partner {
  id: string;
  email: string;
  name: string;
  role: string;
  created_at: string;
  apps: { id: string; name: string; mode: string; status: string; subscriptions: Counts }[];
  subscriptions: Counts;
}
interface Review {
  id: string;
  app: string;
  app_name: string;
  developer_email: string;
  product: string;
  mode: string;
  status: string;
  created_at: string;
}
interface Arm {
  mode: string;
  arm: 'champion' | 'challenger';
  strategy_version: string;
  decisions: number;
  approved: number;
  approval_rate: number | null;
  mean_apr: number | null;
}

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
    () => api.get<List<Review>>('/v1/developer/admin/subscriptions?status=requested&limit=100'),
    [api],
  );
  const [problem, setProblem] = useState<unknown>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    setProblem(null);
    try {
      const note = notes[id]?.trim();
      await api.post(`/v1/developer/admin/subscriptions/${seg(id)}/${decision}`, note ? { note } : {});
      await reviews.reload();
    } catch (err) {
      setProblem(err);
    }
  };

  return (
    <section aria-labelledby="reviews">
      <h2 id="reviews">Subscription requests</h2>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {reviews.error ? <ProblemNotice problem={reviews.error} /> : null}
      {reviews.loading && !reviews.data ? <Loading what="requests" /> : null}
      {reviews.data?.data.length === 0 ? <p>No requests waiting.</p> : null}
      {reviews.data?.data.length ? (
        <div className={styles.tableWrap}>
          <table data-testid="reviews">
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">App</th>
                <th scope="col">Owner</th>
                <th scope="col">Product</th>
                <th scope="col">Note to the partner</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {reviews.data.data.map((r) => (
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
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

function Experiments() {
  const { api } = useSession();
  const [kind, setKind] = useState<'loan_offer' | 'prequalification'>('loan_offer');
  const arms = useLoad(
    () => api.get<{ data: Arm[] }>(`/v1/developer/admin/experiments?kind=${kind}`),
    [api, kind],
  );
  const rows = (arms.data?.data ?? []).map((a) => ({
    ...a,
    label: `${a.arm} · ${a.mode}`,
    approval: a.approval_rate === null ? 0 : Math.round(a.approval_rate * 10000) / 100,
    apr: a.mean_apr === null ? 0 : Math.round(a.mean_apr * 10000) / 100,
  }));
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
      {arms.error ? <ProblemNotice problem={arms.error} /> : null}
      {arms.loading && !arms.data ? <Loading what="results" /> : null}
      {arms.data && rows.length === 0 ? <p>No decisions yet.</p> : null}
      {rows.length ? (
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
          <div className={styles.tableWrap}>
            <table data-testid="experiments">
              <thead>
                <tr>
                  <th scope="col">Arm</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Strategy</th>
                  <th scope="col">Decisions</th>
                  <th scope="col">Approved</th>
                  <th scope="col">Approval rate</th>
                  <th scope="col">Mean APR</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
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
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function Partners() {
  const { api } = useSession();
  const partners = useLoad(() => api.get<List<Partner>>('/v1/developer/admin/partners?limit=100'), [api]);
  return (
    <section aria-labelledby="partners">
      <h2 id="partners">Partners</h2>
      {partners.error ? <ProblemNotice problem={partners.error} /> : null}
      {partners.loading && !partners.data ? <Loading what="partners" /> : null}
      {partners.data?.data.length ? (
        <div className={styles.tableWrap}>
          <table data-testid="partners">
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Email</th>
                <th scope="col">Apps</th>
                <th scope="col">Subscriptions (active / requested / rejected)</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {partners.data.data.map((p) => (
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
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
