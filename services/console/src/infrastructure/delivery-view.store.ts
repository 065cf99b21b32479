import type { DataSource, EntityManager } from 'typeorm';
import type { CirculationView, NotificationView, RecipientView } from '../domain/read-model';

/** A recipient with the participant's name and role as the console holds them (masked contacts only). */
export interface RecipientRow extends RecipientView {
  participantName: string | null;
}

/**
 * Every query of console_circulations, console_circulation_recipients and console_notifications, rows
 * mapped by hand. Writes run in the inbox's transaction; reads are scoped to one local authority.
 */
export class DeliveryViewStore {
  constructor(private readonly dataSource: DataSource) {}

  async saveCirculation(manager: EntityManager, view: CirculationView): Promise<void> {
    await manager.query(
      `INSERT INTO console_circulations (id, conference_id, local_authority, plan_id, plan_version, circulated_at, complete, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET complete = $7, updated_at = GREATEST(console_circulations.updated_at, $8)`,
      [view.id, view.conferenceId, view.localAuthority, view.planId, view.planVersion, view.circulatedAt, view.complete, view.updatedAt],
    );
  }

  /** CirculationRecipientUpdated may name a circulation whose PlanCirculated this console has not read. */
  async markCirculation(manager: EntityManager, id: string, complete: boolean, at: Date): Promise<void> {
    await manager.query(`UPDATE console_circulations SET complete = $2, updated_at = GREATEST(updated_at, $3) WHERE id = $1`, [
      id,
      complete,
      at,
    ]);
  }

  async saveRecipient(manager: EntityManager, view: RecipientView): Promise<void> {
    await manager.query(
      `INSERT INTO console_circulation_recipients (circulation_id, participant_id, conference_id, local_authority, role, status,
         reason_code, reason, delivery_ids, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (circulation_id, participant_id) DO UPDATE SET role = $5, status = $6, reason_code = $7, reason = $8,
         delivery_ids = $9, updated_at = $10`,
      [
        view.circulationId,
        view.participantId,
        view.conferenceId,
        view.localAuthority,
        view.role,
        view.status,
        view.reasonCode,
        view.reason,
        JSON.stringify(view.deliveryIds),
        view.updatedAt,
      ],
    );
  }

  async saveNotification(manager: EntityManager, view: NotificationView): Promise<void> {
    await manager.query(
      `INSERT INTO console_notifications (id, conference_id, local_authority, delivery_id, template, channel, recipient_masked, status,
         failure, reason, attempts, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET delivery_id = COALESCE($4, console_notifications.delivery_id), status = $8, failure = $9,
         reason = $10, attempts = $11, at = $12`,
      [
        view.id,
        view.conferenceId,
        view.localAuthority,
        view.deliveryId,
        view.template,
        view.channel,
        view.recipientMasked,
        view.status,
        view.failure,
        view.reason,
        view.attempts,
        view.at,
      ],
    );
  }

  /** The latest circulations of the local authority, newest first. */
  async circulations(localAuthority: string, limit: number, conferenceId?: string): Promise<CirculationView[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM console_circulations WHERE local_authority = $1 ${conferenceId ? 'AND conference_id = $3' : ''}
       ORDER BY circulated_at DESC, id LIMIT $2`,
      conferenceId ? [localAuthority, limit, conferenceId] : [localAuthority, limit],
    );
    return rows.map(circulationOf);
  }

  async recipients(localAuthority: string, circulationIds: string[]): Promise<RecipientRow[]> {
    if (circulationIds.length === 0) return [];
    const rows = await this.dataSource.query(
      `SELECT r.*, p.name AS participant_name FROM console_circulation_recipients r
       LEFT JOIN console_participants p ON p.participant_id = r.participant_id
       WHERE r.local_authority = $1 AND r.circulation_id = ANY($2)
       ORDER BY r.role, p.name, r.participant_id`,
      [localAuthority, circulationIds],
    );
    return rows.map(recipientOf);
  }

  /** Recipients not SENT (held or failed) of the local authority's circulations: the work to do. */
  async unsettledRecipients(localAuthority: string, limit: number): Promise<RecipientRow[]> {
    const rows = await this.dataSource.query(
      `SELECT r.*, p.name AS participant_name FROM console_circulation_recipients r
       LEFT JOIN console_participants p ON p.participant_id = r.participant_id
       WHERE r.local_authority = $1 AND r.status IN ('FAILED', 'HELD')
       ORDER BY r.status, r.updated_at DESC, r.participant_id LIMIT $2`,
      [localAuthority, limit],
    );
    return rows.map(recipientOf);
  }

  /** Messages that failed for good (a temporary failure is still being retried by notifications). */
  async failedNotifications(localAuthority: string, limit: number): Promise<NotificationView[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM console_notifications WHERE local_authority = $1 AND status = 'FAILED' AND failure = 'PERMANENT'
       ORDER BY at DESC, id LIMIT $2`,
      [localAuthority, limit],
    );
    return rows.map(notificationOf);
  }
}

function circulationOf(row: any): CirculationView {
  return {
    id: row.id,
    conferenceId: row.conference_id,
    localAuthority: row.local_authority,
    planId: row.plan_id,
    planVersion: row.plan_version,
    circulatedAt: new Date(row.circulated_at),
    complete: row.complete,
    updatedAt: new Date(row.updated_at),
  };
}

function recipientOf(row: any): RecipientRow {
  return {
    circulationId: row.circulation_id,
    participantId: row.participant_id,
    conferenceId: row.conference_id,
    localAuthority: row.local_authority,
    role: row.role,
    status: row.status,
    reasonCode: row.reason_code,
    reason: row.reason,
    deliveryIds: row.delivery_ids,
    updatedAt: new Date(row.updated_at),
    participantName: row.participant_name ?? null,
  };
}

function notificationOf(row: any): NotificationView {
  return {
    id: row.id,
    conferenceId: row.conference_id,
    localAuthority: row.local_authority,
    deliveryId: row.delivery_id,
    template: row.template,
    channel: row.channel,
    recipientMasked: row.recipient_masked,
    status: row.status,
    failure: row.failure,
    reason: row.reason,
    attempts: row.attempts,
    at: new Date(row.at),
  };
}
