// The load generator of the REST benchmarks, in a process of its own so its cost is not the measured
// server's: runs autocannon with the options given as JSON in argv[2] (url, connections, duration,
// overallRate, method, headers, body; "[<id>]" in a header or the body becomes a unique id per
// request) and prints one JSON line: every 2xx response time in ms (sub-millisecond, from
// autocannon's 'response' event), the count of other answers, errors and timeouts, and the elapsed
// seconds; the first non-2xx status is kept to say what went wrong.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const options = JSON.parse(process.argv[2]);
const latencies = [];
let non2xx = 0;
let firstFailure;
const started = performance.now();
const instance = autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.duration,
  ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  idReplacement: true,
  requests: [{ method: options.method, headers: options.headers, body: options.body }],
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  else {
    non2xx += 1;
    firstFailure ??= { statusCode };
  }
});
const result = await instance;
const elapsedSeconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    latencies,
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    elapsedSeconds,
    firstFailure,
  })}\n`,
);
