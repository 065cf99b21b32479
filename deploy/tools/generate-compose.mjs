#!/usr/bin/env node
// docker-compose.yml from the code: every setting each service's config class reads goes
// into its `environment`, with the class's default, re-pointed at the compose network. `npm run docs`
// writes it; deploy/docker/compose.spec.ts checks it against the config classes and the Compose
// Specification. No top-level `name:` (older compose refuses it: `docker compose -p` names the project),
// and it is written as YAML 1.1 so every string a 1.1 reader would take for a boolean or a
// base-60 number (`no`, `5432:5432`) is quoted.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = ['conference', 'scheduling', 'documents', 'notifications', 'console'];

/** The services' production image (the Dockerfile's last stage) and the local one with the stand-ins. */
const SERVICE_IMAGE = { context: '.', dockerfile: 'deploy/docker/Dockerfile', target: 'runtime' };
const LOCAL_IMAGE = { context: '.', dockerfile: 'deploy/docker/Dockerfile', target: 'local' };

/** The compose-network value of a setting whose local default names a local address. */
function composeValue(service, key, value) {
  if (key === 'DATABASE_URL') return `postgres://postgres:postgres@postgres:5432/cpc_${service}`;
  if (key === 'KAFKA_BROKERS') return 'kafka:9092';
  if (key === 'REDIS_URL') return 'redis://redis:6379';
  // Notifications: Mailpit is the relay here; its certificate is self-signed, and SMTP_CA_FILE empty
  // means the system's CAs, so email waits until SMTP_CA_FILE names a CA the container trusts (README "Docker").
  if (key === 'SMTP_HOST') return 'mail';
  if (key === 'SMTP_PORT') return '1025';
  if (key === 'SMTP_CA_FILE') return '';
  if (key === 'DOCUMENTS_BASE_URL') return 'http://documents:3003';
  // The console's address is the browser's (the published port), not a container's.
  if (key === 'CONSOLE_BASE_URL') return String(value);
  if (value === undefined || value === null) return '';
  return String(value)
    .replace(/(127\.0\.0\.1|localhost):2525/, 'mail:1025')
    .replace(/(127\.0\.0\.1|localhost):(\d+)/, (_, _h, port) => `standins:${port}`);
}

export function composeDocument() {
  const services = {
    kafka: {
      image: 'apache/kafka:3.9.1',
      environment: {
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
        KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://kafka:9092',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
        KAFKA_HEAP_OPTS: '-Xms256m -Xmx512m',
      },
      ports: ['9092:9092'],
      healthcheck: {
        test: ['CMD-SHELL', '/opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --list >/dev/null 2>&1'],
        interval: '10s',
        timeout: '10s',
        retries: 12,
      },
    },
    postgres: {
      image: 'postgres:15',
      environment: { POSTGRES_PASSWORD: 'postgres' },
      volumes: ['./deploy/docker/postgres-init.sql:/docker-entrypoint-initdb.d/init.sql:ro', 'pgdata:/var/lib/postgresql/data'],
      ports: ['5432:5432'],
      healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres'], interval: '5s', timeout: '5s', retries: 20 },
    },
    redis: {
      image: 'redis:7',
      command: ['redis-server', '--save', '', '--appendonly', 'no'],
      ports: ['6379:6379'],
      healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '5s', retries: 20 },
    },
    mail: {
      image: 'axllent/mailpit:v1.21',
      environment: {
        MP_SMTP_REQUIRE_STARTTLS: 'true',
        MP_SMTP_TLS_CERT: 'sans:mail',
        MP_SMTP_TLS_KEY: 'sans:mail',
        MP_SMTP_AUTH_ACCEPT_ANY: 'true',
      },
      ports: ['1025:1025', '8025:8025'],
      healthcheck: { test: ['CMD', '/mailpit', 'readyz'], interval: '10s', timeout: '5s', retries: 10 },
    },
    standins: {
      build: LOCAL_IMAGE,
      command: ['node', 'deploy/local/standins/run-standins.mjs'],
      // The image runs as a non-root user: the stand-ins' certificate goes under /tmp, never /app.
      environment: { NOTIFY_STANDIN_HOST: '0.0.0.0', SMTP_STANDIN_HOST: '0.0.0.0', CPC_STANDINS_DIR: '/tmp/cpc-standins' },
      ports: ['8090:8090'],
      healthcheck: {
        test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:8090/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"],
        interval: '10s',
        timeout: '5s',
        retries: 10,
      },
    },
    // The local identity provider (deploy/local/oidc) the console signs users in at. It shares the
    // console's network namespace, so its issuer http://127.0.0.1:9400 (the console's default) is the
    // same address for the browser (the console publishes 9400) and for the console, which fetches the
    // provider's discovery, keys and tokens from it.
    oidc: {
      build: LOCAL_IMAGE,
      command: ['node', 'deploy/local/oidc/run-local-identity.mjs'],
      network_mode: 'service:console',
      environment: {
        OIDC_HOST: '0.0.0.0',
        OIDC_PORT: '9400',
        OIDC_ISSUER: 'http://127.0.0.1:9400',
        OIDC_CONSOLE_URL: 'http://127.0.0.1:3005',
        CPC_CACHE_DIR: '/tmp/cpc-oidc',
      },
      healthcheck: {
        test: [
          'CMD',
          'node',
          '-e',
          "fetch('http://127.0.0.1:9400/.well-known/openid-configuration').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))",
        ],
        interval: '10s',
        timeout: '5s',
        retries: 10,
      },
      depends_on: { console: { condition: 'service_started' } },
    },
    bootstrap: {
      build: LOCAL_IMAGE,
      command: ['node', 'deploy/local/bootstrap.mjs'],
      environment: {
        DATABASE_ADMIN_URL: 'postgres://postgres:postgres@postgres:5432/postgres',
        KAFKA_BROKERS: 'kafka:9092',
        REDIS_URL: 'redis://redis:6379',
      },
      depends_on: {
        kafka: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      },
      restart: 'on-failure',
    },
  };
  for (const name of SERVICES) {
    const file = join(root, 'services', name, 'dist', `${name}.config.js`);
    const Config = Object.values(require(file)).find((v) => typeof v === 'function' && v.name.endsWith('Config'));
    const config = new Config();
    const environment = {};
    for (const key of Object.keys(config)) environment[key] = composeValue(name, key, config[key]);
    environment.NODE_ENV = 'development';
    services[name] = {
      build: SERVICE_IMAGE,
      command: ['node', `services/${name}/dist/main.js`],
      environment,
      // The console also publishes the local identity provider's port: `oidc` runs in its network namespace.
      ports: [`${config.PORT}:${environment.PORT}`, ...(name === 'console' ? ['9400:9400'] : [])],
      healthcheck: {
        test: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${config.PORT}/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
        ],
        interval: '10s',
        timeout: '5s',
        retries: 12,
      },
      depends_on: {
        kafka: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        bootstrap: { condition: 'service_completed_successfully' },
        ...(name === 'notifications' ? { mail: { condition: 'service_healthy' }, standins: { condition: 'service_healthy' } } : {}),
      },
    };
  }
  return { services, volumes: { pgdata: {} } };
}

export function composeText() {
  return `# Generated by npm run docs (deploy/tools/generate-compose.mjs) from the services' config classes: do not edit.\n# docker compose up --build   (for users with Docker; the local stack needs none: README "Quick start")\n${stringify(composeDocument(), { lineWidth: 0, version: '1.1', aliasDuplicateObjects: false })}`;
}
