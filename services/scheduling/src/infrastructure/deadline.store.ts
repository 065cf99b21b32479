import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ConferenceTiming } from '../domain/conference-timing';
import type { DeadlineStatus, Role } from '@cpc/contracts';
import type { Deadline, DeadlineReminder, ListedDeadline, ReminderState } from '../domain/deadline';
import type { DeadlineCount } from './scheduling.metrics';

/** A reminder as stored in `deadlines.reminders` (instants as ISO strings in jsonb). */
interface StoredReminder {
  at: string;
  remind: Role[];
  state: ReminderState;
  sentAt: string | null;
}

/** Which of one local authority's deadlines to list, and which page. */
export interface DeadlineFilter {
  conferenceId?: string;
  status?: DeadlineStatus;
  kind?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  page: number;
  pageSize: number;
}

const DEADLINE_COLUMNS = `id, conference_id, local_authority, kind, description, status, version, due_at, conference_start,
  reminders, alert, responsible, met_at, breached_at, stood_down_at, status_reason`;

/** A pending deadline as the rebuild needs it: enough to know its wake-ups. */
export type PendingDeadline = Pick<Deadline, 'id' | 'version' | 'status' | 'dueAt' | 'reminders'>;

/**
 * Deadlines, conference timings and satisfactions in PostgreSQL: the truth every wake-up re-reads. Rows are
 * mapped by hand (typed rows, no TypeORM entity): every statement of these tables is in this file.
 */
@Injectable()
export class DeadlineStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One conference's changes one at a time, whichever topic they came from: a report shared (documents
   * topic) and the deadline it satisfies being created (conference topic) must not miss each other.
   */
  async lockConference(manager: EntityManager, conferenceId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 4))', [conferenceId]);
  }

  async conference(manager: EntityManager, conferenceId: string): Promise<ConferenceTiming | null> {
    const [row] = await manager.query('SELECT * FROM conference_timings WHERE conference_id = $1', [conferenceId]);
    if (!row) return null;
    return {
      conferenceId: row.conference_id,
      localAuthority: row.local_authority,
      scheduledStart: row.scheduled_start,
      participationOption: row.participation_option,
      stage: row.stage,
      concludedAt: row.concluded_at,
      contingencyAt: row.contingency_at,
      contingencyTasks: row.contingency_tasks,
    };
  }

  async saveConference(manager: EntityManager, timing: ConferenceTiming): Promise<void> {
    await manager.query(
      `INSERT INTO conference_timings (conference_id, local_authority, scheduled_start, participation_option, stage, concluded_at, contingency_at, contingency_tasks)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (conference_id) DO UPDATE SET local_authority = $2, scheduled_start = $3, participation_option = $4, stage = $5,
         concluded_at = $6, contingency_at = $7, contingency_tasks = $8, updated_at = now()`,
      [
        timing.conferenceId,
        timing.localAuthority,
        timing.scheduledStart,
        timing.participationOption,
        timing.stage,
        timing.concludedAt,
        timing.contingencyAt,
        JSON.stringify(timing.contingencyTasks),
      ],
    );
  }

  /** The conference's deadlines, locked until the transaction ends (wake-ups wait for a move to commit). */
  async deadlinesOf(manager: EntityManager, conferenceId: string): Promise<Deadline[]> {
    const rows = await manager.query(`SELECT ${DEADLINE_COLUMNS} FROM deadlines WHERE conference_id = $1 ORDER BY kind FOR UPDATE`, [
      conferenceId,
    ]);
    return rows.map(toDeadline);
  }

  async lockDeadline(manager: EntityManager, id: string): Promise<Deadline | null> {
    const [row] = await manager.query(`SELECT ${DEADLINE_COLUMNS} FROM deadlines WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toDeadline(row) : null;
  }

  /** Inserts or updates deadlines in one statement (a conference's ten at once when it is scheduled). */
  async save(manager: EntityManager, deadlines: readonly Deadline[]): Promise<void> {
    if (deadlines.length === 0) return;
    const columns = 16;
    const values = deadlines.map((_, row) => `(${Array.from({ length: columns }, (__, c) => `$${row * columns + c + 1}`).join(', ')})`);
    await manager.query(
      `INSERT INTO deadlines (${DEADLINE_COLUMNS}) VALUES ${values.join(', ')}
       ON CONFLICT (id) DO UPDATE SET description = EXCLUDED.description, status = EXCLUDED.status, version = EXCLUDED.version,
         due_at = EXCLUDED.due_at, conference_start = EXCLUDED.conference_start, reminders = EXCLUDED.reminders, alert = EXCLUDED.alert,
         responsible = EXCLUDED.responsible, met_at = EXCLUDED.met_at, breached_at = EXCLUDED.breached_at,
         stood_down_at = EXCLUDED.stood_down_at, status_reason = EXCLUDED.status_reason, updated_at = now()`,
      deadlines.flatMap((d) => [
        d.id,
        d.conferenceId,
        d.localAuthority,
        d.kind,
        d.description,
        d.status,
        d.version,
        d.dueAt,
        d.conferenceStart,
        JSON.stringify(d.reminders.map(storedReminder)),
        JSON.stringify(d.alert),
        JSON.stringify(d.responsible),
        d.metAt,
        d.breachedAt,
        d.stoodDownAt,
        d.statusReason,
      ]),
    );
  }

  async satisfactions(manager: EntityManager, conferenceId: string): Promise<Map<string, Date>> {
    const rows: { kind: string; satisfied_at: Date }[] = await manager.query(
      'SELECT kind, satisfied_at FROM deadline_satisfactions WHERE conference_id = $1',
      [conferenceId],
    );
    return new Map(rows.map((row) => [row.kind, row.satisfied_at]));
  }

  /** The first time a kind was satisfied counts; a later repeat of the step does not move it. */
  async recordSatisfaction(manager: EntityManager, conferenceId: string, kinds: string[], at: Date, eventType: string): Promise<void> {
    if (kinds.length === 0) return;
    await manager.query(
      `INSERT INTO deadline_satisfactions (conference_id, kind, satisfied_at, event_type)
       SELECT $1, kind, $3, $4 FROM unnest($2::text[]) AS kind
       ON CONFLICT (conference_id, kind) DO NOTHING`,
      [conferenceId, kinds, at, eventType],
    );
  }

  /**
   * Pending deadlines in pages (keyset on due time and id), for the rebuild of Redis. Each page walks
   * the partial index `deadlines_pending_due` from where the last one ended, whatever the planner
   * believes: on a table whose statistics lag (a bulk load, a fast-growing table before autovacuum's
   * ANALYZE) it estimated a few hundred rows and chose a bitmap scan and a sort of every row after the
   * key, for every page, so a rebuild of 1,000,000 deadlines read ~500,000,000 rows (issue 15).
   */
  async *pendingPages(pageSize: number): AsyncGenerator<PendingDeadline[]> {
    // The key in PostgreSQL's own precision (microseconds, as text): a JS Date keeps milliseconds, and a
    // key cut short would read again the rows of the last page that share its millisecond.
    let after: { dueKey: string; id: string } | null = null;
    for (;;) {
      const from: { dueKey: string; id: string } | null = after;
      const rows = await this.dataSource.transaction(async (manager) => {
        // Local to this transaction: only this query is steered to the index, and the key is printed as ISO
        // (with its numeric offset, read back the same under any DateStyle order and TimeZone).
        await manager.query(
          `SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('DateStyle', 'ISO', true)`,
        );
        const page: { id: string; version: number; due_at: Date; due_key: string; reminders: StoredReminder[] }[] = await manager.query(
          `SELECT id, version, due_at, due_at::text AS due_key, reminders FROM deadlines
           WHERE status = 'PENDING' ${from ? 'AND (due_at, id) > ($2::timestamptz, $3::uuid)' : ''}
           ORDER BY due_at, id LIMIT $1`,
          from ? [pageSize, from.dueKey, from.id] : [pageSize],
        );
        return page;
      });
      if (rows.length === 0) return;
      yield rows.map((row) => ({
        id: row.id,
        version: row.version,
        status: 'PENDING' as const,
        dueAt: row.due_at,
        reminders: row.reminders.map(toReminder),
      }));
      const last = rows[rows.length - 1];
      after = { dueKey: last.due_key, id: last.id };
      if (rows.length < pageSize) return;
    }
  }

  /** One local authority's deadlines by due time, one page of them, and how many match in all. */
  async list(localAuthority: string, filter: DeadlineFilter): Promise<{ items: ListedDeadline[]; total: number }> {
    const where = ['local_authority = $1'];
    const values: unknown[] = [localAuthority];
    const and = (condition: string, value: unknown) => {
      values.push(value);
      where.push(condition.replace('?', `$${values.length}`));
    };
    if (filter.conferenceId) and('conference_id = ?', filter.conferenceId);
    if (filter.status) and('status = ?', filter.status);
    if (filter.kind) and('kind = ?', filter.kind);
    if (filter.dueBefore) and('due_at < ?', filter.dueBefore);
    if (filter.dueAfter) and('due_at >= ?', filter.dueAfter);
    return this.pageOf(where.join(' AND '), values, 'due_at ASC, id ASC', filter.pageSize, (filter.page - 1) * filter.pageSize);
  }

  /** One deadline, if it belongs to the local authority (another's is not found). */
  async one(localAuthority: string, id: string): Promise<ListedDeadline | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${DEADLINE_COLUMNS}, updated_at FROM deadlines WHERE id = $1 AND local_authority = $2`,
      [id, localAuthority],
    );
    return row ? toListedDeadline(row) : null;
  }

  /** Pending deadlines due in [from, until), soonest first. */
  async fallingDue(localAuthority: string, from: Date, until: Date, limit: number): Promise<{ items: ListedDeadline[]; total: number }> {
    return this.pageOf(
      "local_authority = $1 AND status = 'PENDING' AND due_at >= $2 AND due_at < $3",
      [localAuthority, from, until],
      'due_at ASC, id ASC',
      limit,
      0,
    );
  }

  /** Deadlines breached since an instant, the latest first. */
  async breachedSince(localAuthority: string, since: Date, limit: number): Promise<{ items: ListedDeadline[]; total: number }> {
    return this.pageOf(
      "local_authority = $1 AND status = 'BREACHED' AND breached_at >= $2",
      [localAuthority, since],
      'breached_at DESC, id ASC',
      limit,
      0,
    );
  }

  /** Counts by status and kind, of one local authority or (for the metrics) of all. */
  async counts(localAuthority?: string): Promise<DeadlineCount[]> {
    const rows: { status: string; kind: string; count: string }[] = localAuthority
      ? await this.dataSource.query(
          'SELECT status, kind, count(*) AS count FROM deadlines WHERE local_authority = $1 GROUP BY status, kind',
          [localAuthority],
        )
      : await this.dataSource.query('SELECT status, kind, count(*) AS count FROM deadlines GROUP BY status, kind');
    return rows.map((row) => ({ status: row.status, kind: row.kind, count: Number(row.count) }));
  }

  private async pageOf(where: string, values: unknown[], order: string, limit: number, offset: number) {
    const n = values.length;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${DEADLINE_COLUMNS}, updated_at FROM deadlines WHERE ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...values, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM deadlines WHERE ${where}`, values),
    ]);
    return { items: (rows as Record<string, any>[]).map(toListedDeadline), total: total as number };
  }

  /** Pending deadlines whose due time passed more than a grace period ago: their wake-up was lost. */
  async overdue(before: Date, limit: number): Promise<{ id: string; version: number }[]> {
    return this.dataSource.query(
      `SELECT id, version FROM deadlines WHERE status = 'PENDING' AND due_at < $1 ORDER BY due_at, id LIMIT $2`,
      [before, limit],
    );
  }
}

function storedReminder(reminder: DeadlineReminder): StoredReminder {
  return { at: reminder.at.toISOString(), remind: reminder.remind, state: reminder.state, sentAt: reminder.sentAt?.toISOString() ?? null };
}

function toReminder(stored: StoredReminder): DeadlineReminder {
  return { at: new Date(stored.at), remind: stored.remind, state: stored.state, sentAt: stored.sentAt ? new Date(stored.sentAt) : null };
}

function toDeadline(row: Record<string, any>): Deadline {
  return {
    id: row.id,
    conferenceId: row.conference_id,
    localAuthority: row.local_authority,
    kind: row.kind,
    description: row.description,
    status: row.status,
    version: row.version,
    dueAt: row.due_at,
    conferenceStart: row.conference_start,
    reminders: (row.reminders as StoredReminder[]).map(toReminder),
    alert: row.alert,
    responsible: row.responsible,
    metAt: row.met_at,
    breachedAt: row.breached_at,
    stoodDownAt: row.stood_down_at,
    statusReason: row.status_reason,
  };
}

function toListedDeadline(row: Record<string, any>): ListedDeadline {
  return { ...toDeadline(row), updatedAt: row.updated_at };
}
