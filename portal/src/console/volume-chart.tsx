import type { Schema } from './api';
import { formatMoney, styles } from './ui';

type Txn = Schema<'BalanceTransaction'>;

const WIDTH = 640;
const HEIGHT = 180;
const PAD = 24;

/** Σ net per day of `txns`, oldest first. */
export function dailyNet(txns: Txn[]): { day: string; net: number; currency: string }[] {
  const days = new Map<string, { day: string; net: number; currency: string }>();
  for (const t of txns) {
    const day = t.created_at.slice(0, 10);
    const row = days.get(day) ?? { day, net: 0, currency: t.net.currency };
    row.net += t.net.amount;
    days.set(day, row);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** A plain SVG bar chart of daily net volume: credits up, debits down from the zero line. */
export function NetVolumeChart({ txns }: { txns: Txn[] }) {
  const days = dailyNet(txns);
  if (days.length === 0) return <p className={styles.muted}>No volume yet.</p>;
  const max = Math.max(1, ...days.map((d) => Math.abs(d.net)));
  const zero = HEIGHT / 2;
  const scale = (HEIGHT / 2 - PAD) / max;
  const slot = (WIDTH - 2 * PAD) / days.length;
  return (
    <figure className={styles.chart} data-testid="net-volume">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Daily net volume">
        <line x1={PAD} x2={WIDTH - PAD} y1={zero} y2={zero} stroke="currentColor" strokeOpacity={0.4} />
        {days.map((d, i) => {
          const h = Math.abs(d.net) * scale;
          // A few days would otherwise be a few very wide bars.
          const bar = Math.min(slot * 0.7, 48);
          const x = PAD + i * slot + (slot - bar) / 2;
          return (
            <g key={d.day}>
              <rect
                x={x}
                y={d.net >= 0 ? zero - h : zero}
                width={bar}
                height={Math.max(h, 1)}
                fill={d.net >= 0 ? '#2e8555' : '#c0392b'}
              >
                <title>{`${d.day}: ${formatMoney({ amount: d.net, currency: d.currency })}`}</title>
              </rect>
              <text x={x + bar / 2} y={HEIGHT - 4} fontSize={10} textAnchor="middle" fill="currentColor">
                {d.day.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.srOnly}>
        {days.map((d) => `${d.day} ${formatMoney({ amount: d.net, currency: d.currency })}`).join('; ')}
      </figcaption>
    </figure>
  );
}
