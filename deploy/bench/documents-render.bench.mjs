// Issue 5 benchmark: documents/s of the parents' copy of a ~30-page minutes document, redacted
// (R-RED-INIT, R-RED-DV), rendered to Word and password-encrypted (R-DEL-PWD), next to rendering the
// same document alone (the professionals' copy) in the same run, as a ratio. Uses the built service
// (services/documents/dist): run `npx tsc -b services/documents` first. CPU only: no Kafka, no PostgreSQL.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report, summarise } from './stats.mjs';
const require = createRequire(import.meta.url);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'services', 'documents', 'dist');
const domain = require(join(dist, 'domain', 'index.js'));
const rendering = require(join(dist, 'infrastructure', 'rendering', 'index.js'));

const COUNT = Number(process.env.BENCH_DOCUMENTS ?? 20);
const PAGES = Number(process.env.BENCH_PAGES ?? 30);
const WORDS_PER_PAGE = 500;

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

async function measure(name, once) {
  for (let i = 0; i < 2; i += 1) await once(); // warm-up: JIT and lazy requires
  const latencies = [];
  const started = performance.now();
  for (let i = 0; i < COUNT; i += 1) {
    const t0 = performance.now();
    await once();
    latencies.push(performance.now() - t0);
  }
  return { name, ...summarise(latencies, performance.now() - started, COUNT) };
}

const renderOnly = await measure('render only (professionals copy)', () =>
  rendering.renderWordDocument({ title, sections: domain.buildProfessionalCopy(sections).sections }),
);
let findings = 0;
let bytes = 0;
const parentCopy = await measure('redact + render + encrypt (parents copy)', async () => {
  const copy = domain.buildParentCopy(sections, identity, true);
  findings = copy.findings.length;
  const word = await rendering.renderWordDocument({ title, sections: copy.sections });
  const encrypted = rendering.encryptWordDocument(word, rendering.generateDocumentPassword());
  bytes = encrypted.length;
});
// Where the time goes: the two steps the parents' copy adds to rendering, each alone.
const redactOnly = await measure('redact only', () => domain.buildParentCopy(sections, identity, true));
const renderedOnce = await rendering.renderWordDocument({ title, sections: domain.buildParentCopy(sections, identity, true).sections });
const encryptOnly = await measure('encrypt only', () => rendering.encryptWordDocument(renderedOnce, rendering.generateDocumentPassword()));
const words = sections.reduce((sum, s) => sum + s.text.split(/\s+/).length, 0);
report('documents-render', [renderOnly, parentCopy, redactOnly, encryptOnly], renderOnly.name, [
  `${COUNT} documents each, sequential, one core; ${PAGES} sections of ~${WORDS_PER_PAGE} words (${words} words, ${sections.reduce((s, x) => s + x.text.length, 0)} characters)`,
  `parents copy: ${findings} redactions per document, encrypted file ${bytes} bytes (ECMA-376 agile, AES-256, SHA-512, 100,000 spins)`,
  'latency: ms per document',
]);
process.exit(0);
