import { HttpStatus } from '@nestjs/common';
import { Problem } from './problem';

/**
 * A backing service a request may need and find away (the identity provider: its JWKS or token endpoint),
 * or a worker pool of the service itself whose queue is full (documents' rendering and encryption).
 */
export type Dependency = 'postgresql' | 'kafka' | 'redis' | 'identity-provider' | 'worker-pool';

/** What `Retry-After` says during an outage: long enough for a pool to reconnect, short enough not to strand a caller. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

const NAMES: Record<Dependency, string> = {
  postgresql: 'PostgreSQL',
  kafka: 'Kafka',
  redis: 'Redis',
  'identity-provider': 'The identity provider',
  'worker-pool': 'The worker pool',
};

/**
 * The identity provider did not answer as it should (its JWKS while a token was being checked, its token
 * endpoint while one was being asked for): an outage, so 503 with `Retry-After`, never a 401 that would tell
 * the caller its token is bad. `cause` keeps what failed, for the log; the message names no host or secret.
 */
export class IdentityProviderUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdentityProviderUnavailable';
  }
}

/**
 * A worker pool's queue is full (CPU work waiting beyond its bound): the request is refused before
 * anything was changed, as a 503 with `Retry-After` like an outage, not queued without limit.
 */
export class WorkerPoolFull extends Error {
  constructor(readonly pool: string) {
    super(`the ${pool} worker pool's queue is full`);
    this.name = 'WorkerPoolFull';
  }
}

/**
 * A dependency did not answer: 503 problem+json (`/problems/dependency-unavailable`) naming which
 * one and when to try again, never the driver's message, host or port.
 */
export class DependencyUnavailableProblem extends Problem {
  constructor(
    readonly dependency: Dependency,
    readonly retryAfterSeconds = DEPENDENCY_RETRY_AFTER_SECONDS,
  ) {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      'dependency-unavailable',
      'Service unavailable',
      `${NAMES[dependency]} ${dependency === 'worker-pool' ? 'is full' : 'is not answering'}; nothing was changed by this request. Try again in ${retryAfterSeconds} seconds.`,
      { dependency, retryAfterSeconds },
    );
  }
}

// Network failures: attributed by the driver that raised them (their stack), since node's net errors name no client.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE: admin/crash shutdown, cannot connect now, connection exceptions, too many connections.
const PG_UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end/;
const TYPEORM_UNCONNECTED = new Set(['CannotExecuteNotConnectedError', 'ConnectionIsNotSetError', 'CannotConnectAlreadyConnectedError']);
const KAFKA_UNAVAILABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
  'KafkaJSLeaderNotFound',
]);
const REDIS_MESSAGES = /Connection is closed|Stream isn't writeable|enableOfflineQueue|Reached the max retries per request limit/;

/** Where each dependency listens, from the service's settings: a bare network error is attributed by its address. */
export type DependencyEndpoints = Partial<Record<Dependency, { host: string; port: number }[]>>;

/** The endpoints of a postgres:// URL, a comma-separated broker list and a redis:// URL (any may be absent). */
export function dependencyEndpointsOf(settings: { databaseUrl?: string; kafkaBrokers?: string; redisUrl?: string }): DependencyEndpoints {
  const fromUrl = (url: string | undefined, defaultPort: number) => {
    if (!url) return [];
    try {
      const parsed = new URL(url);
      return [{ host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || defaultPort) }];
    } catch {
      return []; // not a URL: such a dependency is attributed by its driver's errors only
    }
  };
  const brokers = (settings.kafkaBrokers ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean)
    .flatMap((broker) => fromUrl(`kafka://${broker}`, 9092));
  return { postgresql: fromUrl(settings.databaseUrl, 5432), kafka: brokers, redis: fromUrl(settings.redisUrl, 6379) };
}

function byEndpoint(error: { port?: unknown; address?: unknown; hostname?: unknown }, endpoints: DependencyEndpoints): Dependency | null {
  for (const [dependency, list] of Object.entries(endpoints) as [Dependency, { host: string; port: number }[]][]) {
    for (const { host, port } of list) {
      if (typeof error.hostname === 'string' && error.hostname === host) return dependency;
      // A host name resolves to an address we cannot compare: the port decides.
      if (error.port === port && (error.address === host || !/^[\d.:]+$/.test(host))) return dependency;
    }
  }
  return null;
}

/**
 * Which dependency this error says is away, or null when it is some other failure. Looks through
 * TypeORM's `driverError`, `cause` chains and AggregateError members (a dual-stack connect fails twice).
 * A bare network error (`connect ECONNREFUSED`, as pg's callback path passes it through TypeORM) is
 * attributed by the driver in its stack or by the address it failed to reach.
 */
export function unavailableDependency(error: unknown, endpoints: DependencyEndpoints = {}, depth = 0): Dependency | null {
  if (typeof error !== 'object' || error === null || depth > 6) return null;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const stack = typeof e.stack === 'string' ? e.stack : '';
  if (error instanceof IdentityProviderUnavailable || name === 'IdentityProviderUnavailable') return 'identity-provider';
  if (error instanceof WorkerPoolFull || name === 'WorkerPoolFull') return 'worker-pool';
  if (KAFKA_UNAVAILABLE.has(name)) return 'kafka';
  if (name === 'MaxRetriesPerRequestError' || (REDIS_MESSAGES.test(message) && !name.startsWith('KafkaJS'))) return 'redis';
  if (PG_UNAVAILABLE_STATES.has(code) || TYPEORM_UNCONNECTED.has(name) || PG_MESSAGES.test(message)) return 'postgresql';
  if (NETWORK_CODES.has(code)) {
    if (/[\\/](pg-pool|pg)[\\/]/.test(stack) || name === 'QueryFailedError') return 'postgresql';
    if (/[\\/]ioredis[\\/]/.test(stack)) return 'redis';
    if (/[\\/]kafkajs[\\/]/.test(stack)) return 'kafka';
    const found = byEndpoint(error as { port?: unknown; address?: unknown; hostname?: unknown }, endpoints);
    if (found) return found;
  }
  const nested = [
    (error as { driverError?: unknown }).driverError,
    (error as { cause?: unknown }).cause,
    (error as { originalError?: unknown }).originalError,
    ...(Array.isArray((error as { errors?: unknown }).errors) ? (error as { errors: unknown[] }).errors : []),
  ];
  for (const inner of nested) {
    const found = inner === error ? null : unavailableDependency(inner, endpoints, depth + 1);
    if (found) return found;
  }
  return null;
}
