import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../libs/config/src';
import { ConferenceConfig } from '../../services/conference/src/conference.config';
import { ConsoleConfig } from '../../services/console/src/console.config';
import { DocumentsConfig } from '../../services/documents/src/documents.config';
import { NotificationsConfig } from '../../services/notifications/src/notifications.config';
import { SchedulingConfig } from '../../services/scheduling/src/scheduling.config';

// No Docker engine runs here (issue 2): this test keeps docker-compose.yml true to the code instead.
interface ComposeService {
  image?: string;
  build?: { target?: string };
  command?: string[] | string;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  network_mode?: string;
}

const COMPOSE_FILE = join(__dirname, '..', '..', 'docker-compose.yml');
const text = readFileSync(COMPOSE_FILE, 'utf8');
const compose = parse(text) as { services: Record<string, ComposeService> };
const services: [string, new () => object][] = [
  ['conference', ConferenceConfig],
  ['scheduling', SchedulingConfig],
  ['documents', DocumentsConfig],
  ['notifications', NotificationsConfig],
  ['console', ConsoleConfig],
];
// The Compose Specification's JSON schema, schema/compose-spec.json of github.com/compose-spec/compose-spec
// at 170098ba07d9 (2026-06-23), kept beside this test. Its $schema names draft-07 by an address Ajv does not know.
const { $schema: _draft, ...composeSchema } = JSON.parse(readFileSync(join(__dirname, 'compose-spec.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validCompose = ajv.compile(composeSchema);

describe('docker-compose.yml', () => {
  it('runs Kafka (KRaft), PostgreSQL, Redis and a mail catcher, each with a health check', () => {
    for (const name of ['kafka', 'postgres', 'redis', 'mail']) {
      expect(compose.services[name]).toBeDefined();
      expect(compose.services[name].healthcheck?.test).toBeDefined();
    }
    expect(compose.services.kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it.each(services)('runs the %s service with every setting its code reads', (name, Config) => {
    const config = new Config();
    const service = compose.services[name];
    expect(service).toBeDefined();
    const environment = service.environment ?? {};
    const missing = Object.keys(config).filter((key) => !(key in environment));
    expect(missing).toEqual([]);
    const unknown = Object.keys(environment).filter((key) => !(key in config));
    expect(unknown).toEqual([]);
    expect(service.ports).toContain(`${(config as { PORT: number }).PORT}:${environment.PORT}`);
    expect(service.healthcheck?.test).toBeDefined();
    for (const dependency of ['kafka', 'postgres', 'bootstrap']) expect(service.depends_on?.[dependency]).toBeDefined();
  });

  it('points every service at the compose network, not at localhost', () => {
    for (const [name] of services) {
      const environment = compose.services[name].environment ?? {};
      expect(environment.KAFKA_BROKERS).toBe('kafka:9092');
      expect(environment.DATABASE_URL).toMatch(new RegExp(`@postgres:5432/cpc_${name}$`));
      expect(environment.REDIS_URL).toBe('redis://redis:6379');
    }
  });

  it('is valid for the Compose Specification, and a planted mistake is not', () => {
    expect([validCompose(compose), validCompose.errors ?? []]).toEqual([true, []]);
    const planted = structuredClone(compose) as { services: Record<string, Record<string, unknown>> };
    planted.services.redis.helthcheck = planted.services.redis.healthcheck;
    planted.services.conference.depends_on = { kafka: { condition: 'service_happy' } };
    expect(validCompose(planted)).toBe(false);
    expect(JSON.stringify(validCompose.errors)).toMatch(/helthcheck|additional/);
  });

  it('has no top-level name (older compose refuses it) and reads the same in YAML 1.1 as in 1.2', () => {
    expect(Object.keys(compose).sort()).toEqual(['services', 'volumes']);
    // A 1.1 reader takes an unquoted no, yes, on or off for a boolean and 22:22 for a base-60 number.
    expect(parse(text, { version: '1.1' })).toEqual(compose);
  });

  it.each(services)('starts the %s service: its compose environment passes its config class', (name, Config) => {
    const environment = compose.services[name].environment ?? {};
    expect(() => loadConfig(Config, environment)).not.toThrow();
    expect(compose.services[name].build?.target).toBe('runtime');
  });

  it('trusts the system CAs when SMTP_CA_FILE is empty, as the image has no stand-in certificate', () => {
    const environment = compose.services.notifications.environment ?? {};
    expect(environment.SMTP_CA_FILE).toBe('');
    expect(loadConfig(NotificationsConfig, environment).SMTP_CA_FILE).toBe('');
  });

  it('signs console users in at a local identity provider whose issuer is one address for the browser and the console', () => {
    // The console's default issuer (AUTH_ISSUER empty, outside production) is http://127.0.0.1:9400: inside the console's
    // container that is the console itself, so the provider must share its network namespace, and the console publish 9400.
    const config = loadConfig(ConsoleConfig, { ...compose.services.console.environment, NODE_ENV: 'development' });
    const oidc = compose.services.oidc;
    expect(oidc.network_mode).toBe('service:console');
    expect(oidc.build?.target).toBe('local');
    expect(oidc.environment?.OIDC_ISSUER).toBe(config.signInIssuer());
    expect(new URL(config.signInIssuer()).port).toBe(oidc.environment?.OIDC_PORT);
    expect(compose.services.console.ports).toContain(`${oidc.environment?.OIDC_PORT}:${oidc.environment?.OIDC_PORT}`);
    expect(oidc.environment?.OIDC_HOST).toBe('0.0.0.0'); // reachable through the published port
    expect(oidc.environment?.OIDC_CONSOLE_URL).toBe(config.CONSOLE_BASE_URL); // where it sends users back to
    expect(oidc.healthcheck?.test).toBeDefined();
  });

  it('runs the stand-ins and bootstrap from the local image, the stand-ins writing under /tmp', () => {
    for (const name of ['standins', 'bootstrap']) expect(compose.services[name].build?.target).toBe('local');
    expect(compose.services.standins.environment?.CPC_STANDINS_DIR).toMatch(/^\/tmp\//);
  });

  // `docker compose config` needs only the compose plugin, not an engine; this machine's client has none.
  const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  (plugin ? it : it.skip)(`passes docker compose config${plugin ? '' : ' (skipped: no docker compose plugin on this machine)'}`, () => {
    const result = spawnSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '-q'], { encoding: 'utf8' });
    expect([result.status, result.stderr]).toEqual([0, '']);
  });
});
