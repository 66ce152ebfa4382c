// autocannon (worker thread) calls this before each request: it attaches the next pre-signed DPoP
// proof (and, for the token load, the next body with its own client assertion), so every request
// carries fresh jtis as RFC 9449 and RFC 7523 demand. run.ts signs them before each measurement
// and hands them over in a file; running out would replay them, which the server refuses — the
// run then fails loudly instead of measuring errors.
const { readFileSync } = require('node:fs');

let items = [];
let file = '';
let next = 0;

module.exports = function setupRequest(req) {
  if (file !== process.env.BENCH_PRESIGNED) {
    file = process.env.BENCH_PRESIGNED;
    items = JSON.parse(readFileSync(file, 'utf8'));
    next = 0;
  }
  const item = items[next++ % items.length];
  if (typeof item === 'string') {
    req.headers = { ...req.headers, dpop: item };
  } else {
    req.headers = { ...req.headers, dpop: item.dpop };
    req.body = item.body;
  }
  return req;
};
