import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The layer and boundary rules of eslint.config.mjs (STYLE.md §1, §2) bite: each planted import is linted
 * with the ESLint Node API against the real config, at a path where it would sit, and must be refused
 * naming the rule; the allowed directions must pass. ESLint runs in a child process because it loads the
 * config with a dynamic import, which Jest's module sandbox does not offer.
 */
const ROOT = resolve(__dirname, '../..');

interface Planted {
  file: string;
  source: string;
}

interface Linted {
  file: string;
  messages: { ruleId: string | null; message: string }[];
}

function lint(planted: Planted[]): Linted[] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      const planted = JSON.parse(process.argv[1]);
      const out = [];
      for (const { file, source } of planted) {
        const [result] = await eslint.lintText(source, { filePath: file });
        out.push({ file, messages: result.messages.map(({ ruleId, message }) => ({ ruleId, message })) });
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(planted)], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

const importing = (specifier: string) => `import { planted } from '${specifier}';\nexport const used = planted;\n`;

const violations: [string, string, string, string][] = [
  ['application → api', 'services/conference/src/application/planted.ts', '../api/schedule-conference.dto', 'no-application-to-api'],
  [
    'api → infrastructure',
    'services/documents/src/api/planted.listener.ts',
    '../infrastructure/case-identity.entity',
    'no-api-to-infrastructure',
  ],
  ['domain → application', 'services/scheduling/src/domain/planted.ts', '../application/fire-deadline', 'no-domain-to-outer-layers'],
  [
    'domain → infrastructure, deeper',
    'services/documents/src/domain/redaction/planted.ts',
    '../../infrastructure/document-cipher',
    'no-domain-to-outer-layers',
  ],
  ['domain → a framework', 'services/conference/src/domain/planted.ts', '@nestjs/common', 'no-domain-to-frameworks'],
  ['domain → @cpc/http', 'services/conference/src/domain/planted.ts', '@cpc/http', 'no-domain-to-frameworks'],
  ['domain → configuration', 'services/documents/src/domain/planted.ts', '../documents.config', 'no-domain-to-service-root'],
  [
    'infrastructure → application',
    'services/scheduling/src/infrastructure/planted.store.ts',
    '../application/fire-deadline',
    'no-infrastructure-to-application',
  ],
  [
    'infrastructure → api',
    'services/documents/src/infrastructure/rendering/planted.ts',
    '../../api/documents.dto',
    'no-infrastructure-to-api',
  ],
  [
    'config → infrastructure',
    'services/documents/src/documents.config.ts',
    './infrastructure/document-cipher',
    'no-config-to-infrastructure',
  ],
  [
    'service → service, relative',
    'services/conference/src/application/planted.ts',
    '../../../scheduling/src/domain/deadline',
    'no-service-to-service',
  ],
  ['service → service, by package', 'services/documents/src/application/planted.ts', '@cpc/conference-service', 'no-service-to-service'],
  [
    'service test → another service',
    'services/conference/src/api/planted.int-spec.ts',
    '../../../documents/test/documents-harness',
    'no-service-to-service',
  ],
  [
    'service test → the stand-ins, around the shared test support',
    'services/notifications/src/api/planted.int-spec.ts',
    '../../../../deploy/local/standins/standins-process',
    'no-service-to-service',
  ],
  [
    'lib → service, relative',
    'libs/http/src/planted.ts',
    '../../../services/conference/src/domain/conference-lifecycle',
    'no-lib-to-service',
  ],
  ['lib → service, by package', 'libs/messaging/src/planted.ts', '@cpc/scheduling-service', 'no-lib-to-service'],
];

const allowed: [string, string, string][] = [
  ['api → application', 'services/conference/src/api/planted.controller.ts', '../application/schedule-conference'],
  ['api → domain', 'services/conference/src/api/planted.controller.ts', '../domain/preparation-steps'],
  ['application → infrastructure', 'services/documents/src/application/planted.ts', '../infrastructure/circulation.store'],
  ['application → domain', 'services/documents/src/application/planted.ts', '../domain'],
  ['infrastructure → domain', 'services/scheduling/src/infrastructure/planted.store.ts', '../domain/deadline'],
  ['domain → domain', 'services/documents/src/domain/redaction/planted.ts', '../share-policy'],
  ['composition root → any layer', 'services/documents/src/documents.module.ts', './infrastructure/document-cipher'],
  ['a lib → another lib', 'libs/http/src/planted.ts', '@cpc/contracts'],
  ['a test → the shared test support', 'services/scheduling/src/api/planted.int-spec.ts', '../../../../test/support'],
  ['a test → any layer of its service', 'services/documents/src/api/planted.int-spec.ts', '../infrastructure/circulation.store'],
];

describe('layer and boundary rules (eslint.config.mjs)', () => {
  const results = lint([
    ...violations.map(([, file, specifier]) => ({ file, source: importing(specifier) })),
    ...allowed.map(([, file, specifier]) => ({ file, source: importing(specifier) })),
  ]);

  it.each(violations.map((row, i) => [...row, i] as const))('refuses %s (%s imports %s) naming %s', (_, file, specifier, rule, i) => {
    const restricted = results[i].messages.filter((m) => m.ruleId === 'no-restricted-imports');
    expect(restricted).toHaveLength(1);
    expect(restricted[0].message).toContain(specifier);
    expect(restricted[0].message).toContain(`${rule}:`);
  });

  it.each(allowed.map((row, i) => [...row, violations.length + i] as const))('allows %s (%s imports %s)', (_, __, ___, i) => {
    expect(results[i].messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});

describe('SQL only in stores (eslint.config.mjs no-sql-outside-stores)', () => {
  const sql = [
    'export async function planted(dataSource: any, manager: any) {',
    "  await dataSource.query('SELECT 1');",
    "  await manager.getRepository('Conference').findOneBy({});",
    "  await manager.update('Conference', { id: 1 }, { status: 'CLOSED' });",
    '  await dataSource.manager.save({ id: 1 });',
    "  return manager.createQueryBuilder().select('1');",
    '}',
    '',
  ].join('\n');
  const places = {
    refused: ['services/notifications/src/application/planted.ts', 'services/documents/src/api/planted.controller.ts'],
    allowed: ['services/notifications/src/infrastructure/planted.store.ts', 'services/documents/src/api/planted.int-spec.ts'],
  };
  const results = lint([...places.refused, ...places.allowed].map((file) => ({ file, source: sql })));
  const restricted = (i: number) => results[i].messages.filter((m) => m.ruleId === 'no-restricted-syntax');

  it.each(places.refused.map((file, i) => [file, i] as const))(
    "refuses query, getRepository, createQueryBuilder and the EntityManager's reads and writes in %s",
    (_, i) => {
      expect(restricted(i)).toHaveLength(5);
      for (const message of restricted(i)) expect(message.message).toContain('no-sql-outside-stores:');
    },
  );

  it.each(places.allowed.map((file, i) => [file, places.refused.length + i] as const))('allows them in %s', (_, i) => {
    expect(restricted(i)).toEqual([]);
  });
});

describe('one publisher in test code (eslint.config.mjs one-test-publisher, issue 12)', () => {
  const publishing = [
    'export async function planted(kafka: any, producer: any) {',
    '  const own = kafka.producer({ idempotent: true });',
    "  await producer.send({ topic: 'conference.events', messages: [{ key: 'k', value: '{}' }] });",
    '  await own.sendBatch({ topicMessages: [] });',
    '}',
    '',
  ].join('\n');
  const places = {
    refused: [
      'services/documents/test/planted-harness.ts',
      'services/notifications/src/api/planted.int-spec.ts',
      'test/e2e/planted.e2e-spec.ts',
      'test/support/planted.ts',
      'deploy/local/oidc/planted.int-spec.ts',
    ],
    allowed: ['test/support/contract-events.ts', 'libs/messaging/src/planted-relay.ts'],
  };
  const results = lint([...places.refused, ...places.allowed].map((file) => ({ file, source: publishing })));
  const restricted = (i: number) => results[i].messages.filter((m) => m.ruleId === 'no-restricted-syntax');

  it.each(places.refused.map((file, i) => [file, i] as const))('refuses a producer of its own and a raw send in %s', (_, i) => {
    expect(restricted(i)).toHaveLength(3);
    for (const message of restricted(i)) expect(message.message).toContain('one-test-publisher:');
  });

  it.each(places.allowed.map((file, i) => [file, places.refused.length + i] as const))('allows them in %s', (_, i) => {
    expect(restricted(i)).toEqual([]);
  });
});
