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
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    PORT: '0',
    DATABASE_URL: `${defaults.DATABASE_URL}_test`,
    KAFKA_GROUP_ID: `${defaults.KAFKA_GROUP_ID}-test-${randomUUID().slice(0, 8)}`,
    OUTBOX_POLL_INTERVAL_MS: '200',
    ...overrides,
  });
}

export const TEST_LA = 'LBHF';

/** A bearer header for a caller with these roles in this local authority (HS256, development secret). */
export function bearer(roles: Role[], options: { la?: string; sub?: string; scope?: string } = {}): { Authorization: string } {
  const token = signDevelopmentToken(LOCAL_JWT_SECRET, {
    sub: options.sub ?? `user-${roles.join('-').toLowerCase()}`,
    name: `Test ${roles.join(' ')}`,
    roles,
    la: options.la ?? TEST_LA,
    ...(options.scope ? { scope: options.scope } : {}),
  });
  return { Authorization: `Bearer ${token}` };
}
