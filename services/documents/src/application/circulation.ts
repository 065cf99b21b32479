import { sealSecret, type Channel, type DeliveryRequested, type ParticipantSnapshot, type PlanCirculated, type Role } from '@cpc/contracts';
import { Problem, type Principal } from '@cpc/http';
import { Outbox } from '@cpc/messaging';
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { CirculationView } from '../api/documents.dto';
import { DocumentsConfig } from '../documents.config';
import { buildParentCopy, buildProfessionalCopy } from '../domain';
import { DocumentCipher } from '../infrastructure/document-cipher';
import { encryptWordDocument, generateDocumentPassword, renderWordDocument } from '../infrastructure/rendering';
import { caseIdentityOf, findConference } from './case-identities';
import { Plans, type StoredPlan } from './plan';

export const WORD_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** R-DEL-PRO: who receives the professionals' copy. */
const PROFESSIONAL_RECIPIENTS: readonly Role[] = ['CHAIR', 'SOCIAL_WORKER', 'PROFESSIONAL', 'TEAM_MANAGER'];
/** R-RED-DV: who is told to advise the victim when content was withheld in a sensitive case. */
const ADVISERS: readonly Role[] = ['CHAIR', 'SOCIAL_WORKER'];

interface PlannedDelivery {
  deliveryId: string;
  participant: ParticipantSnapshot;
  channel: Channel;
  template: string;
  documentId: string;
  /** Why it cannot be sent at all (missing contact details): recorded FAILED at once. */
  unsendable?: string;
  passwordCiphertext?: string;
}

interface StoredCopy {
  id: string;
  kind: 'PROFESSIONAL_COPY' | 'PARENT_COPY';
  content: Buffer;
}

/**
 * R-POST-3, R-DEL-PRO, R-DEL-PAR, R-DEL-PWD: the plan goes to every professional whole, and to each
 * parent redacted, as a Word document under a password of its own; the password is sealed for the
 * notifications service and goes by SMS, never with the document. PlanCirculated follows when every
 * delivery was dispatched or failed (NotificationSent / NotificationFailed, matched by deliveryId).
 */
@Injectable()
export class Circulation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cipher: DocumentCipher,
    private readonly plans: Plans,
    private readonly config: DocumentsConfig,
  ) {}

  async circulate(conferenceId: string, caller: Principal): Promise<CirculationView> {
    const conference = await findConference(this.dataSource.manager, conferenceId, caller.la);
    const plan = await this.plans.current(this.dataSource.manager, conferenceId);
    if (!plan)
      throw new Problem(
        HttpStatus.CONFLICT,
        'no-plan',
        'No plan to circulate',
        `Conference ${conferenceId} has no plan yet: PUT it first.`,
      );
    const sensitiveCase = plan.sensitiveCase || conference.sensitiveCase;
    const professionals = conference.participants.filter((p) => PROFESSIONAL_RECIPIENTS.includes(p.role));
    const parents = conference.participants.filter((p) => p.role === 'PARENT');
    if (professionals.length + parents.length === 0) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'no-recipients',
        'Nobody to send the plan to',
        'The conference has no professional or parent participants.',
      );
    }

    const title = `Child protection plan and minutes (version ${plan.version})`;
    const professionalCopy: StoredCopy = {
      id: randomUUID(),
      kind: 'PROFESSIONAL_COPY',
      content: await renderWordDocument({ title, sections: buildProfessionalCopy(plan.sections).sections }),
    };
    const parentCopy = buildParentCopy(plan.sections, caseIdentityOf(conference), sensitiveCase);
    const parentWord = await renderWordDocument({ title, sections: parentCopy.sections });

    const copies: StoredCopy[] = [professionalCopy];
    const deliveries: PlannedDelivery[] = professionals.map((participant) =>
      this.emailTo(participant, 'PLAN_TO_PROFESSIONALS_EMAIL', professionalCopy.id),
    );
    for (const parent of parents) {
      // R-DEL-PWD: a fresh password per parent copy; only its sealed form leaves this function.
      const password = generateDocumentPassword();
      const copy: StoredCopy = { id: randomUUID(), kind: 'PARENT_COPY', content: encryptWordDocument(parentWord, password) };
      copies.push(copy);
      deliveries.push(...this.parentDeliveries(parent, copy.id, sealSecret(password, this.config.DELIVERY_PUBLIC_KEY)));
    }
    if (parentCopy.adviseVictim) {
      for (const adviser of conference.participants.filter((p) => ADVISERS.includes(p.role))) {
        deliveries.push(this.emailTo(adviser, 'ADVISE_VICTIM_NOTE_EMAIL', professionalCopy.id));
      }
    }
    return this.record(plan, conference.localAuthority, copies, deliveries, caller);
  }

  private emailTo(participant: ParticipantSnapshot, template: string, documentId: string): PlannedDelivery {
    return {
      deliveryId: randomUUID(),
      participant,
      channel: 'EMAIL',
      template,
      documentId,
      unsendable: participant.email ? undefined : 'no email address held',
    };
  }

  /** R-DEL-PWD: the document by email, its password by SMS: two deliveries, two channels. */
  private parentDeliveries(parent: ParticipantSnapshot, documentId: string, passwordCiphertext: string): PlannedDelivery[] {
    const missing = !parent.email
      ? 'no email address held'
      : !parent.mobile
        ? 'no mobile number held for the password (R-DEL-PWD)'
        : undefined;
    return [
      {
        deliveryId: randomUUID(),
        participant: parent,
        channel: 'EMAIL',
        template: 'PARENT_DOCUMENT_EMAIL',
        documentId,
        unsendable: missing,
      },
      {
        deliveryId: randomUUID(),
        participant: parent,
        channel: 'SMS',
        template: 'PARENT_DOCUMENT_PASSWORD_SMS',
        documentId,
        unsendable: missing,
        passwordCiphertext,
      },
    ];
  }

  private async record(
    plan: StoredPlan,
    localAuthority: string,
    copies: StoredCopy[],
    deliveries: PlannedDelivery[],
    caller: Principal,
  ): Promise<CirculationView> {
    const circulationId = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO circulations (id, conference_id, local_authority, plan_id, plan_version, started_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [circulationId, plan.conferenceId, localAuthority, plan.id, plan.version, caller.sub],
      );
      for (const copy of copies) {
        const sealed = this.cipher.seal(copy.content, copy.id);
        await manager.query(
          `INSERT INTO stored_documents (id, conference_id, local_authority, kind, plan_version, file_name, content_type, key_id, content_ciphertext)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            copy.id,
            plan.conferenceId,
            localAuthority,
            copy.kind,
            plan.version,
            `plan-v${plan.version}.docx`,
            WORD_CONTENT_TYPE,
            sealed.keyId,
            sealed.ciphertext,
          ],
        );
      }
      for (const delivery of deliveries) await this.requestDelivery(manager, plan.conferenceId, localAuthority, circulationId, delivery);
      // Recipients with no contact details at all fail at once; if that is everyone, circulation is already over.
      await completeCirculation(manager, this.outbox, circulationId);
    });
    return {
      id: circulationId,
      conferenceId: plan.conferenceId,
      planVersion: plan.version,
      deliveries: deliveries.map((d) => ({
        deliveryId: d.deliveryId,
        recipientRole: d.participant.role,
        recipientName: nameOf(d.participant),
        channel: d.channel,
        status: d.unsendable ? 'FAILED' : 'PENDING',
        documentId: d.documentId,
      })),
    };
  }

  private async requestDelivery(
    manager: EntityManager,
    conferenceId: string,
    localAuthority: string,
    circulationId: string,
    delivery: PlannedDelivery,
  ): Promise<void> {
    const { participant } = delivery;
    await manager.query(
      `INSERT INTO deliveries (delivery_id, circulation_id, conference_id, document_id, recipient_role, recipient_name, channel, template, status, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        delivery.deliveryId,
        circulationId,
        conferenceId,
        delivery.documentId,
        participant.role,
        nameOf(participant),
        delivery.channel,
        delivery.template,
        delivery.unsendable ? 'FAILED' : 'PENDING',
        delivery.unsendable ?? null,
      ],
    );
    if (delivery.unsendable) return;
    await this.outbox.append<DeliveryRequested>(manager, {
      type: 'DeliveryRequested',
      conferenceId,
      localAuthority,
      data: {
        conferenceId,
        deliveryId: delivery.deliveryId,
        documentId: delivery.documentId,
        template: delivery.template,
        participantId: participant.participantId,
        recipientRole: participant.role,
        recipientName: nameOf(participant),
        ...(delivery.channel === 'SMS' ? { mobile: participant.mobile } : { email: participant.email }),
        channel: delivery.channel,
        ...(delivery.passwordCiphertext ? { passwordCiphertext: delivery.passwordCiphertext } : {}),
      },
    });
  }
}

function nameOf(participant: ParticipantSnapshot): string {
  return `${participant.firstName} ${participant.lastName}`;
}

interface DeliveryRow {
  delivery_id: string;
  recipient_role: Role;
  recipient_name: string;
  status: 'PENDING' | 'SENT' | 'FAILED';
  error: string | null;
}

/**
 * R-POST-3: once no delivery of the circulation is pending, PlanCirculated with every recipient's
 * result, failures included. The circulation row is locked so two last notifications emit it once.
 */
export async function completeCirculation(manager: EntityManager, outbox: Outbox, circulationId: string): Promise<boolean> {
  const [circulation] = await manager.query('SELECT * FROM circulations WHERE id = $1 FOR UPDATE', [circulationId]);
  if (!circulation || circulation.completed_at) return false;
  const deliveries = (await manager.query('SELECT * FROM deliveries WHERE circulation_id = $1 ORDER BY recipient_name, channel', [
    circulationId,
  ])) as DeliveryRow[];
  if (deliveries.some((d) => d.status === 'PENDING')) return false;
  // UPDATE … RETURNING answers [rows, count].
  const [[{ now }]] = await manager.query('UPDATE circulations SET completed_at = now() WHERE id = $1 RETURNING completed_at AS now', [
    circulationId,
  ]);
  await outbox.append<PlanCirculated>(manager, {
    type: 'PlanCirculated',
    conferenceId: circulation.conference_id,
    localAuthority: circulation.local_authority,
    data: {
      conferenceId: circulation.conference_id,
      planId: circulation.plan_id,
      planVersion: circulation.plan_version,
      circulatedAt: (now as Date).toISOString(),
      results: deliveries.map((d) => ({
        deliveryId: d.delivery_id,
        recipientRole: d.recipient_role,
        recipientName: d.recipient_name,
        status: d.status as 'SENT' | 'FAILED',
        ...(d.error ? { error: d.error } : {}),
      })),
    },
  });
  return true;
}
