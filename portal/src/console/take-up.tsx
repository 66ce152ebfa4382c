import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ok, type Schema } from './api';
import { DataTable, ListState, type TableSpec } from './list';
import { useSession } from './session';
import { styles, useLoad } from './ui';

type Row = Schema<'LimitOfferTakeUp'>['data'][number];

const BANDS = ['poor', 'fair', 'good', 'very_good', 'exceptional'] as const;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

const TABLE: TableSpec<Row> = {
  testId: 'take-up',
  rowKey: (r) => `${r.mode}-${r.score_band}-${r.experiment_arm}`,
  columns: [
    { label: 'Score band', cell: (r) => r.score_band.replace('_', ' ') },
    { label: 'Arm', cell: (r) => r.experiment_arm },
    { label: 'Mode', cell: (r) => r.mode },
    { label: 'Offered', cell: (r) => r.offered },
    { label: 'Accepted', cell: (r) => r.accepted },
    { label: 'Declined', cell: (r) => r.declined },
    { label: 'Expired', cell: (r) => r.expired },
    { label: 'Pending', cell: (r) => r.pending },
    { label: 'Take-up', cell: (r) => pct(r.take_up) },
  ],
};

/** For bank staff: how line holders answer limit offers, per score band and experiment arm. */
export function LimitOfferTakeUp() {
  const { api } = useSession();
  const [mode, setMode] = useState<'sandbox' | 'live'>('sandbox');
  const rows = useLoad(
    () => ok(api.GET('/v1/developer/admin/limit-offers/take-up', { params: { query: { mode } } })),
    [api, mode],
  );
  return (
    <section aria-labelledby="take-up">
      <h2 id="take-up">Limit offer take-up</h2>
      <div className={styles.field}>
        <label htmlFor="take-up-mode">Mode</label>
        <select
          id="take-up-mode"
          className={styles.select}
          value={mode}
          onChange={(e) => setMode(e.target.value as typeof mode)}
        >
          <option value="sandbox">Sandbox</option>
          <option value="live">Live</option>
        </select>
      </div>
      <ListState list={rows} what="take-up" empty="No limit offers yet.">
        {(data) => <TakeUpResults rows={data} />}
      </ListState>
    </section>
  );
}

/** One group of bars per score band: each arm's take-up, in percent. */
function TakeUpResults({ rows }: { rows: Row[] }) {
  const bands = BANDS.filter((b) => rows.some((r) => r.score_band === b)).map((band) => {
    const of = (arm: Row['experiment_arm']) =>
      rows.find((r) => r.score_band === band && r.experiment_arm === arm);
    const share = (r: Row | undefined) => (r?.take_up == null ? 0 : Math.round(r.take_up * 1000) / 10);
    return {
      band: band.replace('_', ' '),
      champion: share(of('champion')),
      challenger: share(of('challenger')),
    };
  });
  return (
    <>
      <figure
        className={styles.chart}
        aria-label="Take-up (accepted / offered) per score band and arm, in percent"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bands} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="band" fontSize={12} />
            <YAxis unit="%" domain={[0, 100]} fontSize={12} width={48} />
            <Tooltip />
            <Legend />
            <Bar dataKey="champion" name="champion take-up %" fill="#2e8555" isAnimationActive={false} />
            <Bar dataKey="challenger" name="challenger take-up %" fill="#4a7fc1" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <DataTable rows={rows} spec={TABLE} />
    </>
  );
}
