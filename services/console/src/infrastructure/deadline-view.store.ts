import type { DataSource, EntityManager } from 'typeorm';
import type { ConferenceView, DeadlineView } from '../domain/read-model';
import { conferenceOf } from './conference-view.store';

/** What the Today lists are cut by (the local authority is always the user's own). */
export interface DeadlineFilters {
  team?: string;
  chair?: string;
  /** The conferences this user chairs ("my conferences"): their user id, never their name. */
  chairUserId?: string;
  kind?: string;
  status?: string;
}

/** The Today windows as instants: the application computes them from the domain's bands. */
export interface TodayBounds {
  now: Date;
  in24h: Date;
  inWeek: Date;
  breachesSince: Date;
}

export type TodayListName = 'breached' | 'next24h' | 'thisWeek';

export interface DeadlineRow {
  deadline: DeadlineView;
  conference: ConferenceView | null;
}

/**
 * Every query of console_deadlines, rows mapped by hand into DeadlineView. A deadline's events come in
 * order (one partition per conference); the version guard keeps an older version from overwriting a
 * newer one whatever happens. Reads are scoped to one local authority.
 */
export class DeadlineViewStore {
  constructor(private readonly dataSource: DataSource) {}

  async save(manager: EntityManager, view: DeadlineView): Promise<void> {
    await manager.query(
      `INSERT INTO console_deadlines (id, conference_id, local_authority, rule, description, responsible, due_at, status, version,
         met_at, breached_at, stood_down_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET rule = $4, description = $5, responsible = $6, due_at = $7, status = $8, version = $9,
         met_at = COALESCE($10, console_deadlines.met_at), breached_at = COALESCE($11, console_deadlines.breached_at),
         stood_down_reason = COALESCE($12, console_deadlines.stood_down_reason)
       WHERE console_deadlines.version <= $9`,
      [
        view.id,
        view.conferenceId,
        view.localAuthority,
        view.rule,
        view.description,
        JSON.stringify(view.responsible),
        view.dueAt,
        view.status,
        view.version,
        view.metAt,
        view.breachedAt,
        view.stoodDownReason,
      ],
    );
  }

  /** How many deadlines each Today list holds, whatever the list limit. */
  async todayCounts(localAuthority: string, filters: DeadlineFilters, bounds: TodayBounds): Promise<Record<TodayListName, number>> {
    const { where, params } = todayWhere(localAuthority, filters, bounds);
    const rows = await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE ${BAND.breached}) AS breached,
         count(*) FILTER (WHERE ${BAND.next24h}) AS next24h,
         count(*) FILTER (WHERE ${BAND.thisWeek}) AS this_week
       FROM console_deadlines d LEFT JOIN console_conferences c ON c.id = d.conference_id
       WHERE ${where}`,
      params,
    );
    return { breached: Number(rows[0].breached), next24h: Number(rows[0].next24h), thisWeek: Number(rows[0].this_week) };
  }

  /** One Today list, most urgent first (the longest overdue, or the soonest due), at most `limit` rows. */
  async todayList(
    localAuthority: string,
    filters: DeadlineFilters,
    bounds: TodayBounds,
    list: TodayListName,
    limit: number,
  ): Promise<DeadlineRow[]> {
    const { where, params } = todayWhere(localAuthority, filters, bounds);
    const rows = await this.dataSource.query(
      `SELECT d.*, c.id AS c_id, c.local_authority AS c_local_authority, c.kind AS c_kind, c.status AS c_status,
         c.participation_option AS c_participation_option, c.team AS c_team, c.chair_name AS c_chair_name,
         c.scheduled_start AS c_scheduled_start, c.duration_minutes AS c_duration_minutes, c.children AS c_children,
         c.warnings AS c_warnings, c.updated_at AS c_updated_at
       FROM console_deadlines d LEFT JOIN console_conferences c ON c.id = d.conference_id
       WHERE ${where} AND ${BAND[list]}
       ORDER BY d.due_at, d.id LIMIT ${Number(limit)}`,
      params,
    );
    return rows.map((row: any) => ({ deadline: deadlineOf(row), conference: row.c_id ? conferenceOf(unprefixed(row, 'c_')) : null }));
  }

  async forConference(localAuthority: string, conferenceId: string): Promise<DeadlineView[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM console_deadlines WHERE conference_id = $1 AND local_authority = $2 ORDER BY due_at, id`,
      [conferenceId, localAuthority],
    );
    return rows.map(deadlineOf);
  }
}

// $2 now, $3 in 24 h, $4 in a week, $5 breaches shown since (the domain's bandOf, in SQL).
const BAND: Record<TodayListName, string> = {
  breached: `((d.status = 'BREACHED' AND COALESCE(d.breached_at, d.due_at) >= $5) OR (d.status = 'PENDING' AND d.due_at < $2))`,
  next24h: `(d.status = 'PENDING' AND d.due_at >= $2 AND d.due_at < $3)`,
  thisWeek: `(d.status = 'PENDING' AND d.due_at >= $3 AND d.due_at < $4)`,
};

function todayWhere(localAuthority: string, filters: DeadlineFilters, bounds: TodayBounds): { where: string; params: unknown[] } {
  const params: unknown[] = [localAuthority, bounds.now, bounds.in24h, bounds.inWeek, bounds.breachesSince];
  // Any of the three lists (which also names every bound, so PostgreSQL knows each parameter's type).
  const clauses = [`d.local_authority = $1`, `(${BAND.breached} OR ${BAND.next24h} OR ${BAND.thisWeek})`];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    clauses.push(`${column} = $${params.length}`);
  };
  add('c.team', filters.team);
  add('c.chair_name', filters.chair);
  if (filters.chairUserId !== undefined) {
    // "My conferences": any CHAIR participant of the conference is this user (by the identity provider's sub, never by name).
    params.push(filters.chairUserId);
    clauses.push(
      `EXISTS (SELECT 1 FROM console_participants p WHERE p.conference_id = d.conference_id AND p.role = 'CHAIR' AND p.user_id = $${params.length})`,
    );
  }
  add('c.kind', filters.kind);
  add('c.status', filters.status);
  return { where: clauses.join(' AND '), params };
}

function unprefixed(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

function deadlineOf(row: any): DeadlineView {
  return {
    id: row.id,
    conferenceId: row.conference_id,
    localAuthority: row.local_authority,
    rule: row.rule,
    description: row.description,
    responsible: row.responsible,
    dueAt: new Date(row.due_at),
    status: row.status,
    version: row.version,
    metAt: row.met_at ? new Date(row.met_at) : null,
    breachedAt: row.breached_at ? new Date(row.breached_at) : null,
    stoodDownReason: row.stood_down_reason,
  };
}
