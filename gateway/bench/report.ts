import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings } from './measure';
import type { Outcome } from './run';

const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';
/** Above this, something else competed for the cores during a round. */
const OTHER_CPU_WARN_PERCENT = 10;

/** The results as a Markdown table (what the terminal shows and README keeps). */
function markdown(outcomes: Outcome[]): string {
  const rows = outcomes.map((o) => {
    const busy = Math.max(...o.rounds.map((r) => r.otherCpuPercent), 0);
    const server = o.rounds.length
      ? Math.round(o.rounds.reduce((a, r) => a + r.serverCorePercent, 0) / o.rounds.length)
      : 0;
    return o.status === 'skipped' || o.requestsPerSec === undefined
      ? `| ${o.name} | skipped | | | | | | |`
      : `| ${o.name} | ${Math.round(o.requestsPerSec).toLocaleString('en-US')} | ${Math.round(o.p99! * 10) / 10} | ${o.serverUsPerRequest} | ${o.compareWith ?? '—'} | ${o.ratio === undefined ? '—' : `**${o.ratio.toFixed(2)}**`} | ${o.cpuRatio === undefined ? '—' : o.cpuRatio.toFixed(2)} | ${server}%${busy > OTHER_CPU_WARN_PERCENT ? ` (other CPU ${busy}%!)` : ''} |`;
  });
  return [
    '| scenario | req/s (median) | p99 ms | server CPU µs/req | compared with (same run) | ratio (req/s) | ratio (CPU/req) | server core busy |',
    '|---|---:|---:|---:|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function writeResults(
  settings: Settings,
  outcomes: Outcome[],
  ok: boolean,
  decisionsPerSecond: number,
): string {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const cpu = cpus();
  const doc = {
    finishedAt: new Date().toISOString(),
    ok,
    settings: {
      ...settings,
      loadGenerator:
        'autocannon 8 in 1 worker thread of the bench process, pinned to core 1; servers in their own processes on core 0',
    },
    machine: { node: process.version, cpus: cpu.length, cpuModel: cpu[0]?.model.trim() },
    decisionsPerSecond: Math.round(decisionsPerSecond),
    results: outcomes,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(doc, null, 2)}\n`);
  const table = markdown(outcomes);
  for (const o of outcomes) if (o.problem) console.log(`  ${o.name}: ${o.problem}`);
  console.log(`results: ${relative(process.cwd(), RESULTS_FILE)}`);
  const contended = outcomes.some((o) => o.rounds.some((r) => r.otherCpuPercent > OTHER_CPU_WARN_PERCENT));
  const caveat = contended
    ? '\n\nThis run shared the machine with other work (rows marked "other CPU …!"): read the CPU/req\nratios, and rerun `npm run bench` on a quiet machine for the throughput ratios.'
    : '';
  const overheads = outcomes
    .filter((o) => o.addedP99 !== undefined && o.ratio !== undefined)
    .map(
      (o) =>
        `\n\n${o.name}: ${o.ratio!.toFixed(2)}× the req/s of ${o.compareWith}, p99 +${Math.round(o.addedP99! * 10) / 10} ms (${Math.round(o.p99! * 10) / 10} against ${Math.round((o.p99! - o.addedP99!) * 10) / 10}), same run.`,
    )
    .join('');
  return `${table}${overheads}\n\nDecision function alone, in process: ${Math.round(decisionsPerSecond).toLocaleString('en-US')} decisions/s.${caveat}`;
}

/** Replaces README's results block, so the performance section shows the last full run. */
export function writeReadmeTable(table: string, settings: Settings): void {
  const text = readFileSync(README, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) {
    console.log(`README.md has no ${START} … ${END} block: not updated`);
    return;
  }
  const cpu = cpus();
  const stamp = `Last full run ${new Date().toISOString().slice(0, 10)}: \`npm run bench\`, ${settings.rounds} rounds of ${settings.duration} s, ${settings.connections} connections, node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim()}.`;
  writeFileSync(README, `${text.slice(0, a + START.length)}\n${stamp}\n\n${table}\n${text.slice(b)}`);
  // Biome formats Markdown tables too: align the new one as `npx biome check` expects.
  execFileSync('npx', ['biome', 'format', '--write', README], { stdio: 'ignore' });
  console.log('README.md: performance table updated');
}
