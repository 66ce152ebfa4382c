// The open-loop load generator of `npm run bench` (see open-loop.ts), in its own thread: requests
// leave on a fixed schedule, one every 1/rate seconds, whether or not earlier ones have answered,
// and each latency is measured from the moment its request was DUE, not from when it was sent.
// That is how "p99 at N requests/s" is defined (wrk2, k6 constant-arrival-rate): a server that
// stalls is charged for every request that queued behind the stall (no coordinated omission).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, method, headers, body, idReplacement, rate, duration, timeoutMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const interval = 1000 / rate;
const total = Math.max(1, Math.round(rate * duration));
const latencies = new Float64Array(total).fill(Number.NaN);
const perSecond = new Array(Math.ceil(duration) + 1).fill(0);
const statusCodes = {};
let errors = 0;
let timeouts = 0;
let settled = 0;
let sent = 0;
const start = performance.now() + 20;

const fill = (s) => (idReplacement ? s.replaceAll('[<id>]', randomUUID()) : s);

function finished() {
  settled++;
  if (settled === total) {
    agent.destroy();
    parentPort.postMessage({ latencies, perSecond, statusCodes, errors, timeouts, total });
  }
}

function fire(i, due) {
  const reqHeaders = {};
  for (const [k, v] of Object.entries(headers)) reqHeaders[k] = fill(v);
  const payload = body === undefined ? undefined : fill(body);
  if (payload !== undefined) reqHeaders['content-length'] = Buffer.byteLength(payload);
  let done = false;
  const req = http.request(url, { method, headers: reqHeaders, agent }, (res) => {
    res.resume();
    res.on('end', () => {
      if (done) return;
      done = true;
      const end = performance.now();
      latencies[i] = end - due;
      const second = Math.min(perSecond.length - 1, Math.floor((end - start) / 1000));
      perSecond[second]++;
      statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
      finished();
    });
  });
  req.setTimeout(timeoutMs, () => {
    if (done) return;
    done = true;
    timeouts++;
    errors++;
    req.destroy();
    finished();
  });
  req.on('error', () => {
    if (done) return;
    done = true;
    errors++;
    finished();
  });
  req.end(payload);
}

function tick() {
  const now = performance.now();
  while (sent < total && start + sent * interval <= now) {
    fire(sent, start + sent * interval);
    sent++;
  }
  if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
}

setTimeout(tick, Math.max(0, start - performance.now()));
