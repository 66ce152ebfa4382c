// autocannon (worker thread) calls this before each request: it attaches the next pre-signed DPoP
// proof, so every request carries a fresh jti as RFC 9449 demands. Proofs are signed by run.ts
// before each measurement and handed over in a file; running out would replay proofs, which the
// gateway refuses — the run then fails loudly instead of measuring errors.
const { readFileSync } = require('node:fs');

let proofs = [];
let file = '';
let next = 0;

module.exports = function setupRequest(req) {
  if (file !== process.env.BENCH_DPOP_PROOFS) {
    file = process.env.BENCH_DPOP_PROOFS;
    proofs = JSON.parse(readFileSync(file, 'utf8'));
    next = 0;
  }
  req.headers = { ...req.headers, dpop: proofs[next++ % proofs.length] };
  return req;
};
