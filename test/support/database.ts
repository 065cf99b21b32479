import { Client } from 'pg';

async function queryDatabase<T>(connectionString: string, sql: string, params: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Reads a service's *_test database directly, to assert what it stored. */
export function queryService<T = Record<string, unknown>>(service: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return queryDatabase<T>(`postgres://postgres@127.0.0.1:5432/cpc_${service}_test`, sql, params);
}

/** Runs a statement on the server's maintenance database: CREATE or DROP a database of a test's own. */
export function queryAdmin<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return queryDatabase<T>('postgres://postgres@127.0.0.1:5432/postgres', sql, params);
}
