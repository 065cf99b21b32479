/** The event can never be applied (a broken invariant, a reference that will never exist): dead-letter it. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02',
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
]);

/**
 * An infrastructure failure (database, broker, cache gone for a while) is waited for, however long;
 * anything else is retried a few times and then dead-lettered so one bad event cannot block a partition.
 */
export function isTransientInfrastructureFailure(error: unknown): boolean {
  const candidate = error as { code?: string; name?: string; message?: string; driverError?: unknown } | null;
  if (!candidate) return false;
  if (candidate.code && TRANSIENT_CODES.has(candidate.code)) return true;
  if (candidate.driverError) return isTransientInfrastructureFailure(candidate.driverError);
  if (candidate.name && /Kafka(JS)?(Connection|NumberOfRetriesExceeded|Request|Broker)/.test(candidate.name)) return true;
  return /Connection terminated|connection timeout|Connection is closed|ECONNREFUSED/i.test(candidate.message ?? '');
}
