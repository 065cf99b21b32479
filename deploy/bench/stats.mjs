// Shared arithmetic of the benchmarks: percentiles and a printed table with ratios to the baseline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarise(latenciesMs, elapsedMs, count) {
  return { count, perSecond: count / (elapsedMs / 1000), p50: percentile(latenciesMs, 50), p99: percentile(latenciesMs, 99) };
}

/** Prints rows {name, ...figures} and the ratio of each figure to the baseline row's. */
export function report(name, rows, baselineName, notes = []) {
  const baseline = rows.find((r) => r.name === baselineName);
  const keys = Object.keys(rows[0]).filter((k) => k !== 'name');
  const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : String(v));
  console.log(['case', ...keys, ...(baseline ? keys.map((k) => `${k} ×base`) : [])].join('\t'));
  for (const row of rows) {
    const ratios = baseline ? keys.map((k) => (typeof row[k] === 'number' && baseline[k] ? (row[k] / baseline[k]).toFixed(2) : '')) : [];
    console.log([row.name, ...keys.map((k) => fmt(row[k])), ...ratios].join('\t'));
  }
  for (const note of notes) console.log(`note: ${note}`);
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.local', 'bench');
  mkdirSync(dir, { recursive: true }); // a bench run alone, not through run.mjs, on a fresh clone
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify({ name, at: new Date().toISOString(), rows, notes }, null, 2),
  );
}

/**
 * The machine's load before a bench measures anything: printed, and the bench refused (exit 0 with the
 * reason) when the 1-minute figure is above the core count, since other work would be measured;
 * BENCH_IGNORE_LOAD=1 reports anyway, marked. With `waitSeconds`, first waits that long for the load
 * to come down (a bench run under the heavy-work lock starts right after another job).
 */
export async function checkLoad({ waitSeconds = 0 } = {}) {
  const cores = availableParallelism();
  const ignore = process.env.BENCH_IGNORE_LOAD === '1';
  const deadline = Date.now() + waitSeconds * 1000;
  while (!ignore && loadavg()[0] > cores && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5000));
  const load = loadavg();
  console.log(`load average ${load.map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) on ${cores} cores`);
  const overloaded = load[0] > cores;
  if (overloaded && !ignore) {
    console.log(
      `skipped: load average ${load[0].toFixed(2)} above ${cores} cores (other work would be measured; BENCH_IGNORE_LOAD=1 overrides)`,
    );
    process.exit(0);
  }
  if (overloaded) console.log(`warning: load average ${load[0].toFixed(2)} above ${cores} cores, reporting anyway (BENCH_IGNORE_LOAD=1)`);
  return { load, cores, overloaded };
}
