// Issues 5 and 15 benchmark: the parents' copy of a ~30-page minutes document, redacted (R-RED-INIT,
// R-RED-DV), rendered to Word and password-encrypted (R-DEL-PWD, ECMA-376 agile, 100,000 SHA-512 spins),
// next to rendering the same document alone (the professionals' copy) in the same run, as a ratio.
// Also: each key-derivation primitive alone (and officecrypto-tool's whole encryption, the library used
// before), and the event-loop delay (perf_hooks.monitorEventLoopDelay) and RSS of this process while a
// 10-parent circulation-like batch runs through the service's worker pool. Uses the built service
// (services/documents/dist): run `npx tsc -b services/documents` first. CPU only: no Kafka, no PostgreSQL.
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { report, summarise } from './stats.mjs';
const require = createRequire(import.meta.url);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'services', 'documents', 'dist');
const domain = require(join(dist, 'domain', 'index.js'));
const rendering = require(join(dist, 'infrastructure', 'rendering', 'index.js'));
const { SPUN_HASHES } = require(join(dist, 'infrastructure', 'rendering', 'agile-key-derivation.js'));
const { DocumentRenderingPool } = require(join(dist, 'infrastructure', 'rendering', 'rendering-pool.js'));
const officeCrypto = require('officecrypto-tool');

const COUNT = Number(process.env.BENCH_DOCUMENTS ?? 20);
const PAGES = Number(process.env.BENCH_PAGES ?? 30);
const PARENTS = Number(process.env.BENCH_PARENTS ?? 10);
const CIRCULATIONS = Number(process.env.BENCH_CIRCULATIONS ?? 3);
const WORDS_PER_PAGE = 500;
const cores = availableParallelism();
const loadAtStart = loadavg()[0];

const identity = {
  people: [
    { firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02', role: 'CHILD' },
    { firstName: 'Karen', lastName: 'Stone', knownAs: ['Kaz'], role: 'PARENT' },
    { firstName: 'Daniel', lastName: 'Price', knownAs: ['Danny'], role: 'PARENT' },
  ],
  addresses: ['12 Acacia Road, London W6 0AB'],
};

// Minutes as a clerk types them: ordinary prose with the case's names, an address, a phone number,
// an NHS number and a date of birth here and there, so the redactor has real work on every page.
const FILLER =
  'The conference discussed the progress made since the last meeting and the views of the professionals present. ' +
  'Attendance at school has improved and the health visitor reported that appointments were kept. ';
function page(n) {
  const facts = [
    `Karen Stone said that Amy had settled well; Kaz thanked the school.`,
    `Danny Price lives at 12 Acacia Road, London W6 0AB and can be reached on 07700 900123.`,
    `Amy Stone (born 02/04/2018, NHS number 943 476 5919) was seen alone by the social worker.`,
  ];
  let text = `${facts[n % facts.length]}\n`;
  while (text.split(/\s+/).length < WORDS_PER_PAGE) text += FILLER;
  return text;
}
const sections = Array.from({ length: PAGES }, (_, n) => ({
  heading: `Minutes, part ${n + 1}${n === 3 ? ' (Karen Stone)' : ''}`,
  text: page(n),
  classification: n % 10 === 7 ? 'CONFIDENTIAL' : 'OPEN',
  ...(n % 10 === 5 ? { sensitivity: 'DOMESTIC_ABUSE' } : {}),
}));
const title = 'Child protection plan and minutes';

async function measure(name, once, count = COUNT) {
  for (let i = 0; i < 2; i += 1) await once(); // warm-up: JIT and lazy requires
  const latencies = [];
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    await once();
    latencies.push(performance.now() - t0);
  }
  return { name, ...summarise(latencies, performance.now() - started, count) };
}

const renderOnly = await measure('render only (professionals copy)', () =>
  rendering.renderWordDocument({ title, sections: domain.buildProfessionalCopy(sections).sections }),
);
let findings = 0;
let bytes = 0;
const parentCopy = await measure('redact + render + encrypt (parents copy, this thread)', async () => {
  const copy = domain.buildParentCopy(sections, identity, true);
  findings = copy.findings.length;
  const word = await rendering.renderWordDocument({ title, sections: copy.sections });
  const encrypted = await rendering.encryptWordDocument(word, rendering.generateDocumentPassword());
  bytes = encrypted.length;
});
// Where the time goes: the two steps the parents' copy adds to rendering, each alone.
const redactOnly = await measure('redact only', () => domain.buildParentCopy(sections, identity, true));
const renderedOnce = await rendering.renderWordDocument({ title, sections: domain.buildParentCopy(sections, identity, true).sections });
const encryptOnly = await measure('encrypt only', () => rendering.encryptWordDocument(renderedOnce, rendering.generateDocumentPassword()));
// Each key-derivation primitive, 100,000 spins of the same password and salt (they give the same bytes).
const salt = Buffer.alloc(16, 7);
const derivations = [];
for (const [primitive, spin] of Object.entries(SPUN_HASHES)) {
  derivations.push(await measure(`key derivation: ${primitive}`, () => spin('K7QM-3XHP-WR9T-BZ4C', salt, 100_000), Math.min(COUNT, 10)));
}
// The library used before (three derivations per file, a Buffer per spin), for the before/after figure.
const officecryptoTool = await measure(
  'encrypt only, officecrypto-tool (before)',
  () => officeCrypto.encrypt(renderedOnce, { password: rendering.generateDocumentPassword() }),
  Math.min(COUNT, 5),
);

// A circulation-like batch through the worker pool, as Circulation.circulate drives it: one task that
// redacts and renders both copies, then one encryption per parent, all at once; this thread only waits.
const workers = Math.max(1, cores - 1);
const pool = new DocumentRenderingPool({ workers, maxQueue: 1 + PARENTS });
await pool.renderCirculationCopies({ title, sections, identity, sensitiveCase: true }); // warm-up: worker start, lazy requires
await pool.encryptParentCopy(renderedOnce, 'WARM-UP');
const delay = monitorEventLoopDelay({ resolution: 1 });
let peakRss = process.memoryUsage().rss;
const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const circulationLatencies = [];
const parentCopyThroughPool = [];
delay.enable();
const batchStarted = performance.now();
for (let c = 0; c < CIRCULATIONS; c += 1) {
  const t0 = performance.now();
  pool.reserve(1 + PARENTS);
  const copies = await pool.renderCirculationCopies({ title, sections, identity, sensitiveCase: true });
  await Promise.all(
    Array.from({ length: PARENTS }, async () => {
      await pool.encryptParentCopy(Buffer.from(copies.parent), rendering.generateDocumentPassword());
      parentCopyThroughPool.push(performance.now() - t0);
    }),
  );
  circulationLatencies.push(performance.now() - t0);
}
const batchMs = performance.now() - batchStarted;
delay.disable();
clearInterval(rssSampler);
await pool.onApplicationShutdown();
const poolRow = {
  name: `${PARENTS}-parent circulation through the pool (${workers} worker${workers === 1 ? '' : 's'})`,
  ...summarise(circulationLatencies, batchMs, CIRCULATIONS),
};
const ms = (ns) => (ns / 1e6).toFixed(1);

report('documents-render', [renderOnly, parentCopy, redactOnly, encryptOnly, officecryptoTool, ...derivations, poolRow], renderOnly.name, [
  `${cores} cores, load average ${loadAtStart.toFixed(2)} at start${loadAtStart > cores ? ' — ABOVE the core count: other work competes for the CPU, figures are not comparable' : ''}`,
  `${COUNT} documents each, sequential; ${PAGES} sections of ~${WORDS_PER_PAGE} words (${sections.reduce((sum, s) => sum + s.text.split(/\s+/).length, 0)} words, ${sections.reduce((s, x) => s + x.text.length, 0)} characters)`,
  `parents copy: ${findings} redactions per document, encrypted file ${bytes} bytes (ECMA-376 agile, AES-256, SHA-512, 100,000 spins, one derivation per file)`,
  `pool: ${CIRCULATIONS} circulations of 1 render task + ${PARENTS} parent copies; the last parent copy of each ready after p50 ${summarise(parentCopyThroughPool, batchMs, parentCopyThroughPool.length).p50.toFixed(0)} ms`,
  `event-loop delay of this thread during the batch (monitorEventLoopDelay, 1 ms resolution): p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms (target p99 < 20 ms)`,
  `RSS of the process (main thread and workers): peak ${(peakRss / 2 ** 20).toFixed(0)} MB during the batch, ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB at the end (target < 400 MB)`,
  'latency: ms per document (per circulation for the pool row)',
]);
process.exit(0);
