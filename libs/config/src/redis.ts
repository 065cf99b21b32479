/** Connection options (ioredis / BullMQ shape) from a redis:// or rediss:// URL. */
export function redisOptionsOf(url: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: object;
} {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * The Redis key prefix of a service's queues: the one configured, or `cpc-<database name>`, because
 * a queue's jobs name rows of one database and must never reach a service on another (a test run
 * and a development stack sharing one Redis). BullMQ keys are prefix:queue:id, so no ':' here.
 */
export function queuePrefixOf(configured: string, databaseUrl: string): string {
  if (configured) return configured;
  const database = new URL(databaseUrl).pathname.replace('/', '') || 'postgres';
  return `cpc-${database.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}
