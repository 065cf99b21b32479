import tseslint from 'typescript-eslint';

/*
 * Layer and boundary rules (STYLE.md §1, §2), one `no-restricted-imports` pattern per forbidden direction, in the
 * manner of Domain-Driven Hexagon's `.dependency-cruiser.js` (`no-domain-to-api-deps`, ...):
 *
 *   api/ → application/ → domain/; infrastructure/ is used by application/ and may use domain/.
 *
 * Why: a use case that imports a DTO or a controller cannot be called from a Kafka listener, a queue or a test without
 * dragging HTTP along; a controller that reaches into infrastructure/ skips the use case and its transaction; domain
 * code that imports a framework cannot be tested as plain functions. No service imports another (they meet only
 * through libs/contracts and Kafka), and libs never import a service, so each service deploys on its own.
 * `<service>.module.ts`, `<service>.definition.ts` and `main.ts` are the composition roots and may wire any layer.
 * Tests may reach across layers (a harness builds the real module); they still may not leave their service.
 * The rules are proven to bite by eslint-boundaries.spec.ts.
 */
const LAYERS = ['api', 'application', 'domain', 'infrastructure'];

/** A relative import into the named folder of the same service, at any depth. */
const into = (folder) => `^\\.{1,2}/(\\.\\./)*${folder}(/|$)`;

const forbidden = {
  apiToInfrastructure: {
    regex: into('infrastructure'),
    message: 'no-api-to-infrastructure: api/ calls a use case in application/, which owns the store and the transaction.',
  },
  applicationToApi: {
    regex: into('api'),
    message: 'no-application-to-api: a use case declares its own input type in application/; the DTO in api/ satisfies it.',
  },
  infrastructureToApi: {
    regex: into('api'),
    message: 'no-infrastructure-to-api: stores, queues and channels know nothing of controllers or DTOs.',
  },
  infrastructureToApplication: {
    regex: into('application'),
    message: 'no-infrastructure-to-application: infrastructure/ is used by application/, never the other way round.',
  },
  domainToOuterLayers: {
    regex: into('(api|application|infrastructure)'),
    message: 'no-domain-to-outer-layers: domain/ is plain TypeScript and imports only domain/.',
  },
  domainToFrameworks: {
    regex: '^(@nestjs/.*|typeorm(/.*)?|kafkajs|bullmq|ioredis|pg|express|@cpc/(http|messaging|runtime|observability))$',
    message: 'no-domain-to-frameworks: domain/ never imports a framework, a driver or an HTTP/messaging lib.',
  },
  domainToServiceRoot: {
    regex: '^(\\.\\./)+[a-z-]+\\.(config|module|definition)$',
    message: 'no-domain-to-service-root: domain/ takes what it needs as arguments, not from configuration or the module.',
  },
  configToInfrastructure: {
    regex: into('infrastructure'),
    message: 'no-config-to-infrastructure: a config class validates settings; what it checks lives in domain/ or in the config itself.',
  },
  anotherService: {
    regex: '^@cpc/[a-z-]+-service(/.*)?$',
    message: 'no-service-to-service: services share libs/ only; what one says to another is an event in libs/contracts.',
  },
  libToService: {
    regex: '^@cpc/[a-z-]+-service(/.*)?$',
    message: 'no-lib-to-service: libs never import a service.',
  },
};

/** A relative import that climbs `levels` folders or more, i.e. out of the package the file sits in. */
const leaving = (levels, message) => ({ regex: `^(\\.\\./){${levels}}`, message });

/** What tests may reach outside their service: the repository's shared test support only (it re-exports the stand-ins). */
const TEST_SUPPORT = '(\\.\\./)*test/support';

const MAX_DEPTH = 5;
/** EntityManager methods that read or write rows (a use case passes the manager to a store instead). */
const ENTITY_MANAGER_METHODS =
  'find|findOne|findOneBy|findBy|findAndCount|findOneOrFail|save|insert|update|upsert|delete|remove|softDelete|increment|decrement|count|exists|existsBy';
const ts = (prefix, depth) => `${prefix}/${'*/'.repeat(depth - 1)}*.ts`;
const tests = (prefix, depth) => [ts(prefix, depth).replace(/\*\.ts$/, '*.spec.ts'), ts(prefix, depth).replace(/\*\.ts$/, '*.int-spec.ts')];

/** One config object per folder and depth, so each file gets exactly one complete list (flat config replaces, not merges). */
function boundaryConfigs() {
  const configs = [];
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    // From services/<svc>/src/<layer>/.../file.ts, `depth` climbs reach the service root; one more leaves it.
    const outOfService = leaving(
      depth + 1,
      'no-service-to-service: a relative import may not leave its service; share code through libs/.',
    );
    const outOfServiceInTests = { ...outOfService, regex: `${outOfService.regex}(?!${TEST_SUPPORT})` };
    const layered = {
      api: [forbidden.apiToInfrastructure],
      application: [forbidden.applicationToApi],
      domain: [forbidden.domainToOuterLayers, forbidden.domainToFrameworks, forbidden.domainToServiceRoot],
      infrastructure: [forbidden.infrastructureToApi, forbidden.infrastructureToApplication],
    };
    for (const layer of LAYERS) {
      if (depth < 2) continue;
      const prefix = `services/*/src/${layer}`;
      configs.push({
        files: [ts(prefix, depth - 1)],
        rules: { 'no-restricted-imports': ['error', { patterns: [...layered[layer], forbidden.anotherService, outOfService] }] },
      });
      configs.push({
        files: tests(prefix, depth - 1),
        rules: { 'no-restricted-imports': ['error', { patterns: [forbidden.anotherService, outOfServiceInTests] }] },
      });
    }
    if (depth === 1) {
      configs.push({
        files: ['services/*/src/*.ts', 'services/*/test/*.ts'],
        rules: { 'no-restricted-imports': ['error', { patterns: [forbidden.anotherService, outOfService] }] },
      });
      configs.push({
        files: ['services/*/src/*.config.ts'],
        rules: {
          'no-restricted-imports': ['error', { patterns: [forbidden.configToInfrastructure, forbidden.anotherService, outOfService] }],
        },
      });
      configs.push({
        files: ['services/*/src/*.spec.ts', 'services/*/test/*.ts'],
        rules: { 'no-restricted-imports': ['error', { patterns: [forbidden.anotherService, outOfServiceInTests] }] },
      });
    } else {
      configs.push({
        files: [ts('services/*/test', depth)],
        rules: { 'no-restricted-imports': ['error', { patterns: [forbidden.anotherService, outOfServiceInTests] }] },
      });
    }
    // From libs/<lib>/src/.../file.ts, `depth` climbs reach the lib root; one more leaves it (into another lib or a service).
    configs.push({
      files: [ts('libs/*/src', depth)],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [forbidden.libToService, leaving(depth + 1, 'no-lib-to-service: a lib imports other libs by @cpc/<name> only.')] },
        ],
      },
    });
  }
  return configs;
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.local/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      // A stray comma in a providers list is an undefined provider, which Nest reports as a "circular dependency".
      'no-sparse-arrays': 'error',
      // STYLE.md: configuration is read once, in the config lib.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through @cpc/config.' }],
    },
  },
  {
    files: ['libs/config/**', '**/*.spec.ts', '**/*.int-spec.ts', 'test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  ...boundaryConfigs(),
  {
    // STYLE.md §2, issue 10 item 1: every table behind a store in infrastructure/; use cases and the
    // edge run no SQL and hold no repository (they call a store, passing the transaction's manager).
    files: ['services/*/src/application/**/*.ts', 'services/*/src/api/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(query|getRepository|createQueryBuilder)$/]',
          message: 'no-sql-outside-stores: SQL and repositories belong in a store in infrastructure/.',
        },
        {
          // The EntityManager's own reads and writes (manager.update(Entity, ...), dataSource.manager.save(...)).
          selector: `CallExpression[callee.property.name=/^(${ENTITY_MANAGER_METHODS})$/]:matches([callee.object.name='manager'], [callee.object.property.name='manager'])`,
          message: 'no-sql-outside-stores: reads and writes through the EntityManager belong in a store in infrastructure/.',
        },
      ],
    },
  },
  {
    // Issue 12: every message a test puts on Kafka is a CloudEvent the official SDK reads, sent as the outbox
    // relay sends it. Test code has one producer, test/support/contract-events.ts (ContractEventPublisher); a
    // message deliberately outside the contract goes through its publishOutsideContract, which asks why.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'services/*/test/**/*.ts', 'test/**/*.ts'],
    ignores: ['test/support/contract-events.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='producer']",
          message: 'one-test-publisher: publish through ContractEventPublisher (test/support), as the outbox relay does.',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(send|sendBatch)$/] > ObjectExpression.arguments > Property[key.name=/^(topic|topicMessages)$/]',
          message: 'one-test-publisher: publish through ContractEventPublisher (test/support), as the outbox relay does.',
        },
      ],
    },
  },
);
