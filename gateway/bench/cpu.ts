import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time of a process (user + system, ms), from /proc; 0 where there is no /proc. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function machine(): { busy: number; total: number } {
  // /proc/stat, unlike os.cpus(), counts softirq time (where loopback TCP is often accounted)
  // and steal time (the VM's host running something else).
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .slice(0, 200)
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map((v) => Number(v) * TICK_MS);
    if (
      steal !== undefined &&
      [user, nice, system, idle, iowait, irq, softirq, steal].every(Number.isFinite)
    ) {
      const busy = user! + nice! + system! + irq! + softirq! + steal;
      return { busy, total: busy + idle! + iowait! };
    }
  } catch {
    // not Linux: fall back to os.cpus()
  }
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

export interface CpuShares {
  /** The server process, in percent of one core: near 100 means the server, not the load, set the pace. */
  serverCorePercent: number;
  /** CPU the server spent (ms): per request, the cost that contention for the core does not change. */
  serverMs: number;
  /** Processes other than the server and this load generator, in percent of the whole machine. */
  otherPercent: number;
}

/** Starts watching; the returned function gives the shares since. */
export function watchCpu(serverPid: number): () => CpuShares {
  const m0 = machine();
  const s0 = processCpuMs(serverPid);
  const p0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const m1 = machine();
    const server = processCpuMs(serverPid) - s0;
    const p = process.cpuUsage(p0);
    const ours = (p.user + p.system) / 1000;
    const total = m1.total - m0.total;
    const elapsed = performance.now() - t0;
    return {
      serverCorePercent: elapsed > 0 ? (server / elapsed) * 100 : 0,
      serverMs: server,
      otherPercent: total > 0 ? Math.max(0, ((m1.busy - m0.busy - ours - server) / total) * 100) : 0,
    };
  };
}
