// The steady-rate load generator of the REST benchmarks, in a process of its own like autocannon-load.mjs,
// with the same options as JSON in argv[2] (url, rate, duration, connections, method, headers, body; "[<id>]"
// in a header or the body becomes a unique id per request) and the same one-line JSON answer.
//
// Why not autocannon's `overallRate`: it gives each connection a budget per second and resets it on a
// one-second timer, so a connection sends its share back to back at the top of each second and then waits;
// "100/s over 10 connections" is a burst of 100 every second, measured as the burst's latency. Here the
// requests are spaced evenly (request i is due at start + i / rate), open loop: a request is sent when due
// whether or not the earlier ones have been answered, over a keep-alive pool of `connections` sockets, and
// its latency counts from when it was due, not from when it went out (no coordinated omission: a server
// that falls behind is charged the wait it caused).
import { randomUUID } from 'node:crypto';
import http from 'node:http';

const options = JSON.parse(process.argv[2]);
const url = new URL(options.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections ?? 10 });
const total = Math.round(options.rate * options.duration);
const spacingMs = 1000 / options.rate;
const latencies = [];
let non2xx = 0;
let errors = 0;
let timeouts = 0;
let firstFailure;
let answered = 0;
const REQUEST_TIMEOUT_MS = 30_000;
const withId = (text, id) => (typeof text === 'string' ? text.replaceAll('[<id>]', id) : text);

const finished = new Promise((resolve) => {
  const settle = () => {
    answered += 1;
    if (answered === total) resolve();
  };
  const send = (dueAt) => {
    const id = randomUUID();
    const body = withId(options.body ?? '', id);
    const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name, withId(value, id)]));
    let done = false;
    // Each request settles exactly once: answered, failed, or out of time (counted from when it was due, so a
    // request still queued in the agent is bounded too).
    const finish = (outcome, detail) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (outcome === 'ok') latencies.push(performance.now() - dueAt);
      else if (outcome === 'status') non2xx += 1;
      else if (outcome === 'timeout') timeouts += 1;
      else errors += 1;
      if (outcome !== 'ok') firstFailure ??= detail;
      settle();
    };
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('error', (error) => finish('error', { error: error.message }));
        response.on('aborted', () => finish('error', { error: 'response aborted' }));
        response.on('end', () =>
          response.statusCode >= 200 && response.statusCode < 300 ? finish('ok') : finish('status', { statusCode: response.statusCode }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish('timeout', { error: `no answer within ${REQUEST_TIMEOUT_MS} ms` });
      request.destroy();
    }, REQUEST_TIMEOUT_MS);
    request.on('error', (error) => finish('error', { error: error.message }));
    request.end(body);
  };

  const started = performance.now() + 20;
  let next = 0;
  const tick = () => {
    const now = performance.now();
    // Everything due by now goes now (a late timer sends its backlog at once; each is charged from its due time).
    while (next < total && started + next * spacingMs <= now) {
      send(started + next * spacingMs);
      next += 1;
    }
    if (next < total) setTimeout(tick, Math.max(0, started + next * spacingMs - performance.now()));
  };
  setTimeout(tick, 20);
});

const started = performance.now();
await finished;
const elapsedSeconds = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(`${JSON.stringify({ latencies, non2xx, errors, timeouts, elapsedSeconds, firstFailure })}\n`);
