import type { RecipientReason, RecipientStatus, Role } from '@cpc/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CopyKind, MessageStatus, PlannedMessage } from '../domain/circulation';

/** A circulation of one plan version: when it was announced (PlanCirculated) and when every recipient had it. */
export interface StoredCirculation {
  id: string;
  conferenceId: string;
  localAuthority: string;
  planId: string;
  planVersion: number;
  startedAt: Date;
  announcedAt: Date | null;
  allSentAt: Date | null;
}

/** One message of a circulation to one recipient (a row of `deliveries`). */
export interface StoredMessage {
  deliveryId: string;
  circulationId: string;
  conferenceId: string;
  participantId: string;
  recipientRole: Role;
  recipientName: string | null;
  documentId: string;
  channel: PlannedMessage['channel'];
  template: PlannedMessage['template'];
  status: MessageStatus;
  awaitingReceipt: boolean;
  reasonCode: RecipientReason | null;
  error: string | null;
  /** R-DEL-PWD: the sealed password of a held text, kept only until the text is requested. */
  passwordCiphertext: string | null;
  updatedAt: Date;
}

export interface NewCopy {
  id: string;
  kind: CopyKind;
  fileName: string;
  contentType: string;
  keyId: string;
  ciphertext: Buffer;
}

const MESSAGE_COLUMNS = `delivery_id, circulation_id, conference_id, participant_id, recipient_role, recipient_name, document_id, channel,
  template, status, awaiting_receipt, reason_code, error, password_ciphertext, updated_at`;

/**
 * Circulations, their rendered copies, messages and what was last announced of each recipient, in
 * PostgreSQL. Typed rows inside the store (no TypeORM entity): every statement takes the caller's
 * transaction, so a state change and its outbox event commit together.
 */
@Injectable()
export class CirculationStore {
  async create(
    manager: EntityManager,
    circulation: Pick<StoredCirculation, 'id' | 'conferenceId' | 'localAuthority' | 'planId' | 'planVersion'>,
    startedBy: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO circulations (id, conference_id, local_authority, plan_id, plan_version, started_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [circulation.id, circulation.conferenceId, circulation.localAuthority, circulation.planId, circulation.planVersion, startedBy],
    );
  }

  async addCopy(
    manager: EntityManager,
    circulation: Pick<StoredCirculation, 'conferenceId' | 'localAuthority' | 'planVersion'>,
    copy: NewCopy,
  ) {
    await manager.query(
      `INSERT INTO stored_documents (id, conference_id, local_authority, kind, plan_version, file_name, content_type, key_id, content_ciphertext)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        copy.id,
        circulation.conferenceId,
        circulation.localAuthority,
        copy.kind,
        circulation.planVersion,
        copy.fileName,
        copy.contentType,
        copy.keyId,
        copy.ciphertext,
      ],
    );
  }

  async addMessage(manager: EntityManager, message: Omit<StoredMessage, 'updatedAt'>): Promise<void> {
    await manager.query(
      `INSERT INTO deliveries (${MESSAGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())`,
      [
        message.deliveryId,
        message.circulationId,
        message.conferenceId,
        message.participantId,
        message.recipientRole,
        message.recipientName,
        message.documentId,
        message.channel,
        message.template,
        message.status,
        message.awaitingReceipt,
        message.reasonCode,
        message.error,
        message.passwordCiphertext,
      ],
    );
  }

  /** The circulation, locked until the transaction ends: two last receipts announce it once. */
  async lock(manager: EntityManager, circulationId: string): Promise<StoredCirculation | null> {
    const [row] = await manager.query('SELECT * FROM circulations WHERE id = $1 FOR UPDATE', [circulationId]);
    return row ? circulationOf(row) : null;
  }

  async messages(manager: EntityManager, circulationId: string): Promise<StoredMessage[]> {
    const rows = await manager.query(`SELECT ${MESSAGE_COLUMNS} FROM deliveries WHERE circulation_id = $1 ORDER BY delivery_id`, [
      circulationId,
    ]);
    return rows.map(messageOf);
  }

  /**
   * Records what the provider said of a message and returns its circulation; a message already
   * settled (DELIVERED, FAILED, STOOD_DOWN) does not change again, so a repeated receipt has no effect.
   */
  async settleMessage(
    manager: EntityManager,
    deliveryId: string,
    change: { status: Extract<MessageStatus, 'SENT' | 'DELIVERED' | 'FAILED'>; awaitingReceipt?: boolean; error?: string | null },
  ): Promise<string | null> {
    // HELD too: a message held again here (contact changed) that notifications had sent already; the provider's word is the truth.
    // STOOD_DOWN too: withdrawn while notifications was already sending it (DeliveryWithdrawn came too late).
    const from = change.status === 'SENT' ? ['PENDING', 'HELD', 'STOOD_DOWN'] : ['PENDING', 'SENT', 'HELD', 'STOOD_DOWN'];
    const [rows] = await manager.query(
      `UPDATE deliveries SET status = $2, awaiting_receipt = COALESCE($3, awaiting_receipt), error = $4,
         reason_code = CASE WHEN $2 = 'FAILED' THEN 'DELIVERY_FAILED' ELSE reason_code END, updated_at = now()
       WHERE delivery_id = $1 AND status = ANY($5::text[]) RETURNING circulation_id`,
      [deliveryId, change.status, change.awaitingReceipt ?? null, change.error ?? null, from],
    );
    return (rows as { circulation_id: string }[])[0]?.circulation_id ?? null;
  }

  /** The held messages of a participant in the conference's latest circulation, locked. */
  async heldFor(manager: EntityManager, conferenceId: string, participantId: string): Promise<StoredMessage[]> {
    const rows = await manager.query(
      `SELECT ${MESSAGE_COLUMNS} FROM deliveries WHERE conference_id = $1 AND participant_id = $2 AND status = 'HELD'
       ORDER BY delivery_id FOR UPDATE`,
      [conferenceId, participantId],
    );
    return rows.map(messageOf);
  }

  /**
   * R-CONTACT: a family member's confirmed contact changed, so what was asked for and not yet sent is
   * held again (notifications holds its copy on the same event). Returns the circulations touched.
   */
  async holdAgain(manager: EntityManager, conferenceId: string, participantId: string, reason: string): Promise<string[]> {
    const [rows] = await manager.query(
      `UPDATE deliveries SET status = 'HELD', reason_code = 'HELD_CONTACT_UNCONFIRMED', error = $3, updated_at = now()
       WHERE conference_id = $1 AND participant_id = $2 AND status = 'PENDING' RETURNING circulation_id`,
      [conferenceId, participantId, reason],
    );
    return [...new Set((rows as { circulation_id: string }[]).map((row) => row.circulation_id))];
  }

  /** A held message is asked for: PENDING, and its sealed password no longer kept here. */
  async release(manager: EntityManager, deliveryId: string): Promise<void> {
    await manager.query(
      `UPDATE deliveries SET status = 'PENDING', reason_code = NULL, error = NULL, password_ciphertext = NULL, updated_at = now()
       WHERE delivery_id = $1 AND status = 'HELD'`,
      [deliveryId],
    );
  }

  /** A newer circulation replaces every message still held from an older one; their sealed passwords go. */
  async standDownHeld(
    manager: EntityManager,
    conferenceId: string,
    exceptCirculationId: string,
  ): Promise<{ circulationId: string; deliveryId: string; participantId: string | null }[]> {
    const [rows] = await manager.query(
      `UPDATE deliveries SET status = 'STOOD_DOWN', password_ciphertext = NULL, error = 'replaced by a later circulation', updated_at = now()
       WHERE conference_id = $1 AND circulation_id <> $2 AND status = 'HELD' RETURNING circulation_id, delivery_id, participant_id`,
      [conferenceId, exceptCirculationId],
    );
    return (rows as { circulation_id: string; delivery_id: string; participant_id: string | null }[]).map((row) => ({
      circulationId: row.circulation_id,
      deliveryId: row.delivery_id,
      participantId: row.participant_id,
    }));
  }

  /** What was last announced of each recipient (PlanCirculated, CirculationRecipientUpdated). */
  async reported(manager: EntityManager, circulationId: string): Promise<Map<string, RecipientStatus>> {
    const rows = (await manager.query('SELECT participant_id, reported_status FROM circulation_recipients WHERE circulation_id = $1', [
      circulationId,
    ])) as { participant_id: string; reported_status: RecipientStatus }[];
    return new Map(rows.map((r) => [r.participant_id, r.reported_status]));
  }

  async markReported(
    manager: EntityManager,
    circulationId: string,
    recipient: { participantId: string; recipientRole: Role; status: RecipientStatus; reasonCode?: RecipientReason },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO circulation_recipients (circulation_id, participant_id, recipient_role, reported_status, reason_code)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (circulation_id, participant_id) DO UPDATE SET reported_status = $4, reason_code = $5, updated_at = now()`,
      [circulationId, recipient.participantId, recipient.recipientRole, recipient.status, recipient.reasonCode ?? null],
    );
  }

  /** Marks the circulation announced (and, when every recipient had it, all sent); returns the instant used. */
  async markAnnounced(manager: EntityManager, circulationId: string, allSent: boolean): Promise<Date> {
    const [[row]] = await manager.query(
      `UPDATE circulations SET announced_at = COALESCE(announced_at, now()),
         all_sent_at = CASE WHEN $2 THEN COALESCE(all_sent_at, now()) ELSE all_sent_at END
       WHERE id = $1 RETURNING now() AS at`,
      [circulationId, allSent],
    );
    return row.at as Date;
  }

  /** The conference's circulations, newest first, each with its messages: the circulation view. */
  async ofConference(manager: EntityManager, conferenceId: string): Promise<Array<StoredCirculation & { messages: StoredMessage[] }>> {
    const circulations = (await manager.query('SELECT * FROM circulations WHERE conference_id = $1 ORDER BY started_at DESC, id', [
      conferenceId,
    ])) as Record<string, unknown>[];
    const result = [];
    for (const row of circulations) {
      const circulation = circulationOf(row);
      result.push({ ...circulation, messages: await this.messages(manager, circulation.id) });
    }
    return result;
  }
}

function circulationOf(row: Record<string, unknown>): StoredCirculation {
  return {
    id: row.id as string,
    conferenceId: row.conference_id as string,
    localAuthority: row.local_authority as string,
    planId: row.plan_id as string,
    planVersion: row.plan_version as number,
    startedAt: row.started_at as Date,
    announcedAt: (row.announced_at as Date | null) ?? null,
    allSentAt: (row.all_sent_at as Date | null) ?? null,
  };
}

function messageOf(row: Record<string, unknown>): StoredMessage {
  return {
    deliveryId: row.delivery_id as string,
    circulationId: row.circulation_id as string,
    conferenceId: row.conference_id as string,
    participantId: row.participant_id as string,
    recipientRole: row.recipient_role as Role,
    recipientName: (row.recipient_name as string | null) ?? null,
    documentId: row.document_id as string,
    channel: row.channel as StoredMessage['channel'],
    template: row.template as StoredMessage['template'],
    status: row.status as MessageStatus,
    awaitingReceipt: row.awaiting_receipt as boolean,
    reasonCode: (row.reason_code as RecipientReason | null) ?? null,
    error: (row.error as string | null) ?? null,
    passwordCiphertext: (row.password_ciphertext as string | null) ?? null,
    updatedAt: row.updated_at as Date,
  };
}
