import { LOCAL_JWT_SECRET, loadConfig, type ServiceConfig } from '@cpc/config';
import type { Role } from '@cpc/contracts';
import { signDevelopmentToken } from '@cpc/http';
import { randomUUID } from 'node:crypto';

/**
 * A service's configuration for a test: its *_test database, a free port, and a consumer group of
 * its own so tests never share offsets with each other or with a running development stack.
 */
export function testConfig<C extends ServiceConfig>(shape: new () => C, overrides: Record<string, string> = {}): C {
  const defaults = new shape();
  return loadConfig(shape, {
    ...kafkaConnectionFromEnvironment(),
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    PORT: '0',
    DATABASE_URL: `${defaults.DATABASE_URL}_test`,
    KAFKA_GROUP_ID: `${defaults.KAFKA_GROUP_ID}-test-${randomUUID().slice(0, 8)}`,
    OUTBOX_POLL_INTERVAL_MS: '200',
    ...overrides,
  });
}

/**
 * The tests' Kafka connection as the environment gives it (test/setup-integration.ts points
 * KAFKA_BROKERS at the tests' own broker; TLS and SASL settings when a run is told to use a secured one).
 * The consumer group is never taken from the environment: each service under test has its own.
 */
function kafkaConnectionFromEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[0].startsWith('KAFKA_') && entry[0] !== 'KAFKA_GROUP_ID' && entry[1] !== undefined,
    ),
  );
}

export const TEST_LA = 'LBHF';

/** Who a test caller is: its local authority (TEST_LA unless told), its login and, for a SYSTEM client, its scope. */
export interface TestCaller {
  la?: string;
  sub?: string;
  scope?: string;
}

/** A development JWT for a caller with these roles in this local authority (HS256, development secret). */
export function developmentToken(roles: Role[], options: TestCaller = {}): string {
  return signDevelopmentToken(LOCAL_JWT_SECRET, {
    sub: options.sub ?? `user-${roles.join('-').toLowerCase()}`,
    name: `Test ${roles.join(' ')}`,
    roles,
    la: options.la ?? TEST_LA,
    ...(options.scope ? { scope: options.scope } : {}),
  });
}

/** A bearer header for a caller with these roles in this local authority (HS256, development secret). */
export function bearer(roles: Role[], options: TestCaller = {}): { Authorization: string } {
  return { Authorization: `Bearer ${developmentToken(roles, options)}` };
}
