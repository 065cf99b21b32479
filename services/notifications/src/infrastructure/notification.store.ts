import { currentCorrelationId } from '@cpc/observability';
import type { DataSource, EntityManager } from 'typeorm';

/** One row of the delivery log. The store maps rows as typed rows (no TypeORM entity). */
export interface NotificationRow {
  id: string;
  dedupe_key: string;
  conference_id: string;
  local_authority: string;
  delivery_id: string | null;
  participant_id: string | null;
  /** The correlation id of the event or request that asked for the message. */
  correlation_id: string | null;
  template: string;
  channel: 'EMAIL' | 'SMS';
  provider: 'smtp' | 'notify';
  recipient: string;
  recipient_masked: string;
  recipient_role: string;
  personalisation: Record<string, string>;
  document_id: string | null;
  sealed_secret: string | null;
  status: 'PENDING' | 'HELD' | 'SENT' | 'DELIVERED' | 'FAILED';
  hold_reason: string | null;
  attempts: number;
  resends: number;
  /** The end of a worker's claim to send it (SEND_CLAIM_MS), or null. */
  sending_until: Date | null;
  last_error: string | null;
  provider_reference: string | null;
  settled_by: string | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
}

/** A row to insert: the planned message, its provider and whether it is held. */
export type NewNotification = Pick<
  NotificationRow,
  | 'id'
  | 'dedupe_key'
  | 'conference_id'
  | 'local_authority'
  | 'delivery_id'
  | 'participant_id'
  | 'template'
  | 'channel'
  | 'provider'
  | 'recipient'
  | 'recipient_masked'
  | 'recipient_role'
  | 'personalisation'
  | 'document_id'
  | 'sealed_secret'
  | 'hold_reason'
>;

/** Filters of GET /notifications, all optional but the local authority. */
export interface NotificationFilter {
  localAuthority: string;
  conferenceId?: string;
  status?: string;
  deliveryId?: string;
  participantId?: string;
  recipientRole?: string;
  page: number;
  pageSize: number;
}

/** How a receipt reached us, kept on the row for operators. */
export type ReceiptSource = 'CALLBACK' | 'POLL';

// One advisory lock for the receipt poll, so two replicas never poll at once ('cpc-rcpt' in hex).
const RECEIPT_POLL_LOCK = 0x6370632d72637074n;

/**
 * Every statement on the delivery log (`notifications`). Methods taking a manager run inside the
 * caller's transaction; the others stand alone.
 */
export class NotificationStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a message unless its dedupe key exists; returns the id when it is new. */
  static async insert(manager: EntityManager, row: NewNotification): Promise<string | undefined> {
    const held = row.hold_reason !== null;
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notifications (id, dedupe_key, conference_id, local_authority, delivery_id, participant_id, template, channel, provider,
         recipient, recipient_masked, recipient_role, personalisation, document_id, sealed_secret, status, hold_reason, last_error,
         correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        row.id,
        row.dedupe_key,
        row.conference_id,
        row.local_authority,
        row.delivery_id,
        row.participant_id,
        row.template,
        row.channel,
        row.provider,
        row.recipient,
        row.recipient_masked,
        row.recipient_role,
        JSON.stringify(row.personalisation),
        row.document_id,
        row.sealed_secret,
        held ? 'HELD' : 'PENDING',
        row.hold_reason,
        held ? `held: ${row.hold_reason}` : null,
        // The event (or request) that asked for the message: its later events carry the same id.
        currentCorrelationId() ?? null,
      ],
    );
    return inserted[0]?.id;
  }

  /** Records a delivery that cannot be sent as asked as FAILED at once (no provider); true when new. */
  static async insertFailed(
    manager: EntityManager,
    failed: {
      id: string;
      dedupeKey: string;
      conferenceId: string;
      localAuthority: string;
      deliveryId: string;
      participantId: string | null;
      template: string;
      channel: 'EMAIL' | 'SMS';
      recipientRole: string;
      reason: string;
    },
  ): Promise<boolean> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notifications (id, dedupe_key, conference_id, local_authority, delivery_id, participant_id, template, channel, provider,
         recipient, recipient_masked, recipient_role, status, last_error, failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'none', '', '***', $9, 'FAILED', $10, now()) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        failed.id,
        failed.dedupeKey,
        failed.conferenceId,
        failed.localAuthority,
        failed.deliveryId,
        failed.participantId,
        failed.template,
        failed.channel,
        failed.recipientRole,
        failed.reason,
      ],
    );
    return inserted.length > 0;
  }

  /** The SENT message Notify knows by this id, locked for settling; undefined when unknown or settled. */
  static async lockSent(manager: EntityManager, providerReference: string): Promise<NotificationRow | undefined> {
    const rows: NotificationRow[] = await manager.query(
      "SELECT * FROM notifications WHERE provider_reference = $1 AND status = 'SENT' FOR UPDATE",
      [providerReference],
    );
    return rows[0];
  }

  /**
   * The provider took the message: SENT, its claim given up; false (nothing changed) when the message
   * moved on to a newer generation meanwhile (held again, and perhaps released to new details), which
   * is then still to be sent.
   */
  static async markSent(
    manager: EntityManager,
    id: string,
    generation: number,
    attempts: number,
    providerReference: string,
  ): Promise<boolean> {
    const [, count] = (await manager.query(
      `UPDATE notifications SET status = 'SENT', attempts = $2, provider_reference = $3, sent_at = now(), last_error = NULL,
         sending_until = NULL, updated_at = now() WHERE id = $1 AND resends = $4`,
      [id, attempts, providerReference, generation],
    )) as [unknown, number];
    return count > 0;
  }

  /** Whether this generation of the message is still the one to send (PENDING, same `resends`), locked. */
  static async lockCurrent(manager: EntityManager, id: string, generation: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      "SELECT 1 FROM notifications WHERE id = $1 AND resends = $2 AND status = 'PENDING' FOR UPDATE",
      [id, generation],
    );
    return rows.length > 0;
  }

  static async markDelivered(manager: EntityManager, id: string, source: ReceiptSource): Promise<void> {
    // R-DEL-PWD: the sealed password is kept only as long as delivery needs it.
    await manager.query(
      `UPDATE notifications SET status = 'DELIVERED', delivered_at = now(), last_error = NULL, settled_by = $2, sealed_secret = NULL,
         updated_at = now() WHERE id = $1`,
      [id, source],
    );
  }

  static async markFailed(manager: EntityManager, id: string, attempts: number, reason: string, source?: ReceiptSource): Promise<void> {
    await manager.query(
      `UPDATE notifications SET status = 'FAILED', attempts = $2, last_error = $3, failed_at = now(), settled_by = $4, sealed_secret = NULL,
         updated_at = now() WHERE id = $1`,
      [id, attempts, reason, source ?? null],
    );
  }

  /** Back to PENDING for one more send (a provider's technical failure); returns the new resend count. */
  static async resetForResend(manager: EntityManager, id: string, reason: string): Promise<number> {
    const [rows] = (await manager.query(
      `UPDATE notifications SET status = 'PENDING', provider_reference = NULL, resends = resends + 1, last_error = $2, updated_at = now()
       WHERE id = $1 RETURNING resends`,
      [id, reason],
    )) as [{ resends: number }[], number];
    return rows[0].resends;
  }

  /** HELD messages for a participant that may still go (not withdrawn), newest first, locked for release. */
  static async lockHeld(manager: EntityManager, participantId: string): Promise<NotificationRow[]> {
    return manager.query(
      `SELECT * FROM notifications WHERE participant_id = $1 AND status = 'HELD' AND hold_reason IS DISTINCT FROM 'SUPERSEDED'
       ORDER BY created_at DESC FOR UPDATE`,
      [participantId],
    );
  }

  /**
   * DeliveryWithdrawn: the delivery, held or not yet sent, never goes. It stays HELD (hold reason
   * SUPERSEDED, which no release takes) and its generation moves on, so a queued send job does nothing.
   */
  static async withdraw(manager: EntityManager, deliveryId: string, note: string): Promise<number> {
    const [, count] = (await manager.query(
      `UPDATE notifications SET status = 'HELD', hold_reason = 'SUPERSEDED', last_error = $2, resends = resends + 1, updated_at = now()
       WHERE delivery_id = $1 AND status IN ('HELD', 'PENDING')`,
      [deliveryId, note],
    )) as [unknown, number];
    return count;
  }

  /** A HELD message goes: PENDING, with the recipient and wording it should now have. */
  static async release(
    manager: EntityManager,
    id: string,
    now: Pick<NotificationRow, 'template' | 'channel' | 'provider' | 'recipient' | 'recipient_masked' | 'personalisation'>,
  ): Promise<void> {
    await manager.query(
      `UPDATE notifications SET status = 'PENDING', hold_reason = NULL, last_error = NULL, template = $2, channel = $3, provider = $4,
         recipient = $5, recipient_masked = $6, personalisation = $7, updated_at = now() WHERE id = $1 AND status = 'HELD'`,
      [id, now.template, now.channel, now.provider, now.recipient, now.recipient_masked, JSON.stringify(now.personalisation)],
    );
  }

  /**
   * R-CONTACT: a family member's contact is no longer confirmed (a new email or mobile), so what has
   * not yet gone to them is held again. The generation moves on: a send job already queued for the
   * old details finds it is not the current one and sends nothing. Returns the messages held.
   */
  static async holdUnsent(
    manager: EntityManager,
    participantId: string,
    note: string,
  ): Promise<Pick<NotificationRow, 'id' | 'template'>[]> {
    const [rows] = (await manager.query(
      `UPDATE notifications SET status = 'HELD', hold_reason = 'HELD_CONTACT_UNCONFIRMED', last_error = $2, resends = resends + 1,
         updated_at = now() WHERE participant_id = $1 AND status = 'PENDING' RETURNING id, template`,
      [participantId, note],
    )) as [Pick<NotificationRow, 'id' | 'template'>[], number];
    return rows;
  }

  /** A HELD message stays held; the note says why it was not released. */
  static async noteHeld(manager: EntityManager, id: string, note: string): Promise<void> {
    await manager.query("UPDATE notifications SET last_error = $2, updated_at = now() WHERE id = $1 AND status = 'HELD'", [id, note]);
  }

  /**
   * Claims a PENDING message of this generation for one send, for `forMs`: the row when this worker
   * may send it; `{ busyUntil }` when another worker's claim has not lapsed; undefined when there is
   * nothing to send (sent, held, failed, or a newer generation).
   */
  async claimForSending(id: string, generation: number, forMs: number): Promise<NotificationRow | { busyUntil: Date } | undefined> {
    // One round trip decides: the claim if it is free, otherwise the row as it stands (in one statement,
    // so a claim that lapses between two reads cannot make a sendable message look done).
    const rows = (await this.dataSource.query(
      `WITH claimed AS (
         UPDATE notifications SET sending_until = now() + make_interval(secs => $3::double precision / 1000)
         WHERE id = $1 AND status = 'PENDING' AND resends = $2 AND (sending_until IS NULL OR sending_until <= now())
         RETURNING *)
       SELECT true AS won, claimed.* FROM claimed
       UNION ALL
       SELECT false AS won, n.* FROM notifications n
       WHERE n.id = $1 AND n.status = 'PENDING' AND n.resends = $2 AND NOT EXISTS (SELECT 1 FROM claimed)`,
      [id, generation, forMs],
    )) as (NotificationRow & { won: boolean })[];
    const [row] = rows;
    if (!row) return undefined;
    const { won, ...notification } = row;
    if (won) return notification;
    // Not claimed by this call: taken by another worker until sending_until (the statement's snapshot saw it held).
    return { busyUntil: new Date(notification.sending_until ?? Date.now() + 1000) };
  }

  /**
   * A temporary failure: the attempt counted and why, the claim given up so the retry may take it. Only
   * for the generation still current (like markSent): a message held again and released meanwhile is a
   * newer message whose attempts and claim a stale send must not touch. Its retry then finds no claim.
   */
  async recordRetry(id: string, generation: number, attempts: number, reason: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE notifications SET attempts = $2, last_error = $3, sending_until = NULL, updated_at = now() WHERE id = $1 AND resends = $4',
      [id, attempts, reason, generation],
    );
  }

  async get(id: string): Promise<NotificationRow | undefined> {
    const rows: NotificationRow[] = await this.dataSource.query('SELECT * FROM notifications WHERE id = $1', [id]);
    return rows[0];
  }

  /** Notify messages SENT longer ago than `afterMs` with no receipt, least recently checked first. */
  async awaitingReceipt(
    afterMs: number,
    limit: number,
  ): Promise<{ id: string; provider_reference: string; correlation_id: string | null }[]> {
    return this.dataSource.query(
      `SELECT id, provider_reference, correlation_id FROM notifications
       WHERE status = 'SENT' AND provider = 'notify' AND provider_reference IS NOT NULL
         AND sent_at < now() - make_interval(secs => $1::double precision / 1000)
         AND (receipt_checked_at IS NULL OR receipt_checked_at < now() - make_interval(secs => $1::double precision / 1000))
       ORDER BY coalesce(receipt_checked_at, sent_at) LIMIT $2`,
      [afterMs, limit],
    );
  }

  async markReceiptChecked(id: string): Promise<void> {
    await this.dataSource.query('UPDATE notifications SET receipt_checked_at = now() WHERE id = $1', [id]);
  }

  /** Runs `work` only if no other replica holds the receipt poll's advisory lock; false when it was held. */
  async withReceiptPollLock(work: () => Promise<void>): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [RECEIPT_POLL_LOCK.toString()])) as {
        locked: boolean;
      }[];
      if (!locked) return false;
      try {
        await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1::bigint)', [RECEIPT_POLL_LOCK.toString()]);
      }
      return true;
    } finally {
      await runner.release();
    }
  }

  /** PENDING messages to queue again (Redis lost them), with their send generation. */
  async pending(limit: number): Promise<Pick<NotificationRow, 'id' | 'provider' | 'resends'>[]> {
    return this.dataSource.query(`SELECT id, provider, resends FROM notifications WHERE status = 'PENDING' ORDER BY created_at LIMIT $1`, [
      limit,
    ]);
  }

  async list(filter: NotificationFilter): Promise<{ rows: NotificationRow[]; total: number }> {
    const where = ['local_authority = $1'];
    const values: unknown[] = [filter.localAuthority];
    for (const [column, value] of [
      ['conference_id', filter.conferenceId],
      ['status', filter.status],
      ['delivery_id', filter.deliveryId],
      ['participant_id', filter.participantId],
      ['recipient_role', filter.recipientRole],
    ] as const) {
      if (value === undefined) continue;
      values.push(value);
      where.push(`${column} = $${values.length}`);
    }
    const clause = where.join(' AND ');
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM notifications WHERE ${clause}`, values)) as {
      total: number;
    }[];
    values.push(filter.pageSize, (filter.page - 1) * filter.pageSize);
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT * FROM notifications WHERE ${clause} ORDER BY created_at DESC, id LIMIT $${values.length - 1} OFFSET $${values.length}`,
      values,
    );
    return { rows, total };
  }
}
