import { withCorrelationId } from '@cpc/observability';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditLog, type AuditEntry } from './audit';
import { HttpTables1763800000001 } from './http.migration';

// The audit log against the real PostgreSQL: entries that come while a write is in flight share the
// next INSERT, and still every entry is its own row with its own time and correlation id; a row the
// database refuses fails only its own entry; shutting down writes what is queued. A database of its own.
jest.setTimeout(60_000);
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `cpc_audit_test_${randomUUID().slice(0, 8)}`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface AuditRow {
  at: Date;
  actor: string;
  actor_roles: string[];
  local_authority: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: number;
  correlation_id: string | null;
  detail: Record<string, unknown> | null;
}

const entryArbitrary: fc.Arbitrary<AuditEntry> = fc.record({
  principal: fc.record({
    sub: fc.string({ minLength: 1, maxLength: 40 }),
    name: fc.string({ maxLength: 20 }),
    roles: fc.subarray(['CHAIR', 'CLERK', 'SOCIAL_WORKER', 'PARENT', 'POLICE'], { minLength: 1 }),
    la: fc.string({ minLength: 1, maxLength: 12 }),
  }),
  action: fc.string({ minLength: 1, maxLength: 60 }),
  resourceType: fc.constantFrom('conferences', 'documents', 'notifications'),
  resourceId: fc.option(fc.uuid(), { nil: null }),
  outcome: fc.constantFrom(200, 201, 204, 403, 404, 409, 422),
  detail: fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 })), { nil: undefined }),
});

describe('AuditLog', () => {
  let dataSource: DataSource;
  let audit: AuditLog;
  let inserts: number;

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${DATABASE}"`);
    dataSource = await new DataSource({
      type: 'postgres',
      url: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
      migrations: [HttpTables1763800000001],
      migrationsRun: true,
    }).initialize();
    // Counts the INSERTs the log sends (the real query runs: nothing is stood in for).
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((sql: string, ...rest: unknown[]) => {
      if (sql.startsWith('INSERT INTO audit_log')) inserts += 1;
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as DataSource['query'];
  });
  beforeEach(async () => {
    audit = new AuditLog(dataSource);
    inserts = 0;
    await dataSource.query('TRUNCATE audit_log');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  });

  const rows = (): Promise<AuditRow[]> =>
    dataSource.query(
      'SELECT at, actor, actor_roles, local_authority, action, resource_type, resource_id, outcome, correlation_id, detail FROM audit_log',
    );

  it('property: entries recorded at once are each one row as given, with the time and correlation id of their call, in one INSERT', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entryArbitrary, { minLength: 2, maxLength: 120 }), async (entries) => {
        await dataSource.query('TRUNCATE audit_log');
        inserts = 0;
        const before = Date.now();
        const recorded = entries.map((entry, i) => withCorrelationId(`corr-${i}`, () => audit.record(entry)));
        await Promise.all(recorded);
        const written = await rows();
        expect(written).toHaveLength(entries.length);
        expect(inserts).toBe(1); // all asked for in one go (under AUDIT_BATCH_MAX): one statement
        const byCorrelation = new Map(written.map((row) => [row.correlation_id, row]));
        entries.forEach((entry, i) => {
          const row = byCorrelation.get(`corr-${i}`);
          expect(row).toBeDefined();
          expect(row).toMatchObject({
            actor: entry.principal.sub.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd'),
            actor_roles: entry.principal.roles,
            resource_type: entry.resourceType,
            resource_id: entry.resourceId ?? null,
            outcome: entry.outcome,
            detail: entry.detail ?? null,
          });
          expect(row!.at.getTime()).toBeGreaterThanOrEqual(before - 5);
          expect(row!.at.getTime()).toBeLessThanOrEqual(Date.now() + 5);
        });
      }),
      { numRuns: 15 },
    );
  });

  it('a quiet log writes each entry at once, one INSERT each, no timer waited for', async () => {
    const entry = fc.sample(entryArbitrary, 1)[0];
    for (let i = 0; i < 5; i += 1) await audit.record(entry);
    expect(inserts).toBe(5);
    expect(await rows()).toHaveLength(5);
  });

  it('a row the database refuses fails its own entry only; the entries sharing its INSERT are written', async () => {
    const [good, other] = fc.sample(entryArbitrary, 2);
    // NUL is refused by PostgreSQL's text; roles are not cleaned (they come from a verified token), so this one fails.
    const refused: AuditEntry = { ...good, principal: { ...good.principal, roles: ['CHAIR\u0000'] } };
    const outcomes = await Promise.allSettled([audit.record(good), audit.record(other), audit.record(refused), audit.record(good)]); // one INSERT, refused
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await rows()).toHaveLength(3);
    expect(inserts).toBe(5); // the four together, then each alone
  });

  it('writes what is queued before the application shuts down', async () => {
    const entries = fc.sample(entryArbitrary, 50);
    const recorded = entries.map((entry) => audit.record(entry).catch(() => undefined)); // fire and forget, as the interceptor does
    await audit.beforeApplicationShutdown();
    expect(await rows()).toHaveLength(50);
    await Promise.all(recorded);
  });

  it('inside a transaction, the entry commits or rolls back with the change', async () => {
    const [entry] = fc.sample(entryArbitrary, 1);
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.record(entry, manager);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows()).toHaveLength(0);
    await dataSource.transaction((manager) => audit.record(entry, manager));
    expect(await rows()).toHaveLength(1);
  });
});
