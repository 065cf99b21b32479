import type { DataSource, EntityManager } from 'typeorm';
import type { ConferenceView, ParticipantView, TimelineEntry } from '../domain/read-model';

/**
 * Every query of console_conferences, console_participants and console_timeline. Rows are mapped by
 * hand into the domain's view types (typed rows, no TypeORM entities). Writes run in the caller's
 * transaction (the inbox's); reads are always scoped to one local authority.
 */
export class ConferenceViewStore {
  constructor(private readonly dataSource: DataSource) {}

  /** ConferenceScheduled: the row as the event states it (a replay writes the same row again). */
  async saveConference(manager: EntityManager, view: Omit<ConferenceView, 'chairName' | 'team'> & { team: string | null }): Promise<void> {
    await manager.query(
      `INSERT INTO console_conferences (id, local_authority, kind, status, participation_option, team, scheduled_start,
         duration_minutes, children, warnings, strategy_discussion_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET local_authority = $2, kind = $3, status = $4, participation_option = $5,
         team = COALESCE($6, console_conferences.team), scheduled_start = $7, duration_minutes = $8, children = $9,
         warnings = $10, strategy_discussion_at = $11, updated_at = $12`,
      [
        view.id,
        view.localAuthority,
        view.kind,
        view.status,
        view.participationOption,
        view.team,
        view.scheduledStart,
        view.durationMinutes,
        JSON.stringify(view.children),
        JSON.stringify(view.warnings),
        view.strategyDiscussionAt,
        view.updatedAt,
      ],
    );
  }

  /** A later event changes some fields of a conference already known; one not known yet is left alone. */
  async updateConference(
    manager: EntityManager,
    id: string,
    at: Date,
    changes: Partial<Pick<ConferenceView, 'status' | 'participationOption' | 'scheduledStart' | 'chairName' | 'team' | 'warnings'>>,
  ): Promise<void> {
    const columns: Record<string, unknown> = {
      status: changes.status,
      participation_option: changes.participationOption,
      scheduled_start: changes.scheduledStart,
      chair_name: changes.chairName,
      team: changes.team,
      warnings: changes.warnings ? JSON.stringify(changes.warnings) : undefined,
    };
    const set = Object.entries(columns).filter(([, value]) => value !== undefined);
    const assignments = set.map(([column], index) => `${column} = $${index + 3}`);
    await manager.query(
      `UPDATE console_conferences SET updated_at = $2${assignments.length ? `, ${assignments.join(', ')}` : ''} WHERE id = $1`,
      [id, at, ...set.map(([, value]) => value)],
    );
  }

  async statusOf(manager: EntityManager, id: string): Promise<string | null> {
    const rows: { status: string }[] = await manager.query(`SELECT status FROM console_conferences WHERE id = $1`, [id]);
    return rows[0]?.status ?? null;
  }

  async saveParticipant(manager: EntityManager, view: ParticipantView): Promise<void> {
    await manager.query(
      `INSERT INTO console_participants (participant_id, conference_id, local_authority, role, name, agency, email_masked,
         mobile_masked, preferred_channel, contact_confirmed, language, needs_interpreter, support_needs, user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (participant_id) DO UPDATE SET role = $4, name = $5, agency = $6, email_masked = $7, mobile_masked = $8,
         preferred_channel = $9, contact_confirmed = $10, language = $11, needs_interpreter = $12, support_needs = $13, user_id = $14`,
      [
        view.participantId,
        view.conferenceId,
        view.localAuthority,
        view.role,
        view.name,
        view.agency,
        view.emailMasked,
        view.mobileMasked,
        view.preferredChannel,
        view.contactConfirmed,
        view.language,
        view.needsInterpreter,
        JSON.stringify(view.supportNeeds),
        view.userId,
      ],
    );
  }

  /** One line per event; a redelivered or replayed event finds its line already there. */
  async appendTimeline(manager: EntityManager, entry: TimelineEntry): Promise<void> {
    await manager.query(
      `INSERT INTO console_timeline (event_id, conference_id, local_authority, occurred_at, source, type, category, title, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING`,
      [
        entry.eventId,
        entry.conferenceId,
        entry.localAuthority,
        entry.occurredAt,
        entry.source,
        entry.type,
        entry.category,
        entry.title,
        entry.detail,
      ],
    );
  }

  async conference(localAuthority: string, id: string): Promise<ConferenceView | null> {
    const rows = await this.dataSource.query(`SELECT * FROM console_conferences WHERE id = $1 AND local_authority = $2`, [
      id,
      localAuthority,
    ]);
    return rows[0] ? conferenceOf(rows[0]) : null;
  }

  async participants(localAuthority: string, conferenceId: string): Promise<ParticipantView[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM console_participants WHERE conference_id = $1 AND local_authority = $2 ORDER BY role, name, participant_id`,
      [conferenceId, localAuthority],
    );
    return rows.map(participantOf);
  }

  /** The whole timeline across services, in the order things happened (event time, then event id). */
  async timeline(localAuthority: string, conferenceId: string): Promise<TimelineEntry[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM console_timeline WHERE conference_id = $1 AND local_authority = $2 ORDER BY occurred_at, event_id`,
      [conferenceId, localAuthority],
    );
    return rows.map(timelineOf);
  }

  /** The teams and chairs a local authority's conferences have: the choices of the Today filters. */
  async filterChoices(localAuthority: string): Promise<{ teams: string[]; chairs: string[] }> {
    const rows: { team: string | null; chair_name: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT team, chair_name FROM console_conferences WHERE local_authority = $1`,
      [localAuthority],
    );
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
    return { teams: distinct(rows.map((r) => r.team)), chairs: distinct(rows.map((r) => r.chair_name)) };
  }
}

export function conferenceOf(row: any): ConferenceView {
  return {
    id: row.id,
    localAuthority: row.local_authority,
    kind: row.kind,
    status: row.status,
    participationOption: row.participation_option,
    team: row.team,
    chairName: row.chair_name,
    scheduledStart: new Date(row.scheduled_start),
    durationMinutes: row.duration_minutes,
    children: row.children,
    warnings: row.warnings,
    strategyDiscussionAt: row.strategy_discussion_at ? new Date(row.strategy_discussion_at) : null,
    updatedAt: new Date(row.updated_at),
  };
}

function participantOf(row: any): ParticipantView {
  return {
    participantId: row.participant_id,
    conferenceId: row.conference_id,
    localAuthority: row.local_authority,
    role: row.role,
    name: row.name,
    agency: row.agency,
    emailMasked: row.email_masked,
    mobileMasked: row.mobile_masked,
    preferredChannel: row.preferred_channel,
    contactConfirmed: row.contact_confirmed,
    language: row.language,
    needsInterpreter: row.needs_interpreter,
    supportNeeds: row.support_needs,
    userId: row.user_id,
  };
}

function timelineOf(row: any): TimelineEntry {
  return {
    eventId: row.event_id,
    conferenceId: row.conference_id,
    localAuthority: row.local_authority,
    occurredAt: new Date(row.occurred_at),
    source: row.source,
    type: row.type,
    category: row.category,
    title: row.title,
    detail: row.detail,
  };
}
