import { Client } from 'pg';

/** Reads a service's *_test database directly, to assert what it stored. */
export async function queryService<T = Record<string, unknown>>(service: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/cpc_${service}_test` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
