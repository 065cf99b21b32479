import { HttpStatus } from '@nestjs/common';
import { Problem } from './problem';

/** A backing service a request may need and find away. */
export type Dependency = 'postgresql' | 'kafka' | 'redis';

/** What `Retry-After` says during an outage: long enough for a pool to reconnect, short enough not to strand a caller. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

const NAMES: Record<Dependency, string> = { postgresql: 'PostgreSQL', kafka: 'Kafka', redis: 'Redis' };

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
      `${NAMES[dependency]} is not answering; nothing was changed by this request. Try again in ${retryAfterSeconds} seconds.`,
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

/**
 * Which dependency this error says is away, or null when it is some other failure. Looks through
 * TypeORM's `driverError`, `cause` chains and AggregateError members (a dual-stack connect fails twice).
 */
export function unavailableDependency(error: unknown, depth = 0): Dependency | null {
  if (typeof error !== 'object' || error === null || depth > 6) return null;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const stack = typeof e.stack === 'string' ? e.stack : '';
  if (KAFKA_UNAVAILABLE.has(name)) return 'kafka';
  if (name === 'MaxRetriesPerRequestError' || (REDIS_MESSAGES.test(message) && !name.startsWith('KafkaJS'))) return 'redis';
  if (PG_UNAVAILABLE_STATES.has(code) || TYPEORM_UNCONNECTED.has(name) || PG_MESSAGES.test(message)) return 'postgresql';
  if (NETWORK_CODES.has(code)) {
    if (/[\\/](pg-pool|pg)[\\/]/.test(stack) || name === 'QueryFailedError') return 'postgresql';
    if (/[\\/]ioredis[\\/]/.test(stack)) return 'redis';
    if (/[\\/]kafkajs[\\/]/.test(stack)) return 'kafka';
  }
  const nested = [
    (error as { driverError?: unknown }).driverError,
    (error as { cause?: unknown }).cause,
    (error as { originalError?: unknown }).originalError,
    ...(Array.isArray((error as { errors?: unknown }).errors) ? (error as { errors: unknown[] }).errors : []),
  ];
  for (const inner of nested) {
    const found = inner === error ? null : unavailableDependency(inner, depth + 1);
    if (found) return found;
  }
  return null;
}
