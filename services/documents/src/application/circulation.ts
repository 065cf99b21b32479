import { DomainError, FamilyRoles, sealSecret, type ParticipantSnapshot } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DocumentsConfig } from '../documents.config';
import { planRecipients, type CopyKind, type RecipientPlan } from '../domain';
import { CirculationStore, type StoredCirculation } from '../infrastructure/circulation.store';
import { DocumentCipher } from '../infrastructure/document-cipher';
import { generateDocumentPassword } from '../infrastructure/rendering';
import { DocumentRenderingPool } from '../infrastructure/rendering/rendering-pool';
import { CaseIdentities, caseIdentityOf } from './case-identities';
import { CirculationProgress, type CirculationState } from './circulation-progress';
import { Plans } from './plan';

export const WORD_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface RenderedCopy {
  id: string;
  kind: CopyKind;
  content: Buffer;
}

/** A parent's own copy: the redacted document under a password of its own, the password sealed for notifications. */
interface ParentCopyFor {
  copy: RenderedCopy;
  passwordCiphertext: string;
}

/**
 * R-POST-3, R-DEL-PRO, R-DEL-PAR, R-DEL-PWD, R-CONTACT: the plan goes to every professional whole,
 * and to each parent redacted, as a Word document under a password of its own; the password is
 * sealed for the notifications service and goes by SMS, never with the document. A parent whose
 * contact details the chair has not confirmed is held, with the sealed password kept for when they
 * are; a recipient with no way to be reached fails at once, with the reason. PlanCirculated follows
 * when no recipient is still being sent to (CirculationProgress).
 */
@Injectable()
export class Circulation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: DocumentCipher,
    private readonly plans: Plans,
    private readonly config: DocumentsConfig,
    private readonly store: CirculationStore,
    private readonly progress: CirculationProgress,
    private readonly rendering: DocumentRenderingPool,
    private readonly cases: CaseIdentities,
  ) {}

  async circulate(conferenceId: string, caller: Principal): Promise<CirculationState> {
    const conference = await this.cases.conference(this.dataSource.manager, conferenceId, caller.la);
    const plan = await this.plans.current(this.dataSource.manager, conferenceId);
    if (!plan)
      throw new DomainError('conflict', 'no-plan', 'No plan to circulate', `Conference ${conferenceId} has no plan yet: PUT it first.`);
    const sensitiveCase = plan.sensitiveCase || conference.sensitiveCase;
    const title = `Child protection plan and minutes (version ${plan.version})`;
    // Redaction, rendering and encryption run in the worker pool, off the event loop (issue 15); a
    // circulation that would overflow its queue is refused whole here, before any work (503).
    this.rendering.reserve(1 + conference.participants.filter((p) => FamilyRoles.includes(p.role)).length);
    const rendered = await this.rendering.renderCirculationCopies({
      title,
      sections: plan.sections,
      identity: caseIdentityOf(conference),
      sensitiveCase,
    });
    const recipients = this.recipients(conference.participants, rendered.adviseVictim);
    const professionalCopy: RenderedCopy = { id: randomUUID(), kind: 'PROFESSIONAL_COPY', content: Buffer.from(rendered.professional) };
    const parentWord = Buffer.from(rendered.parent);
    const encryptions: Promise<[string, ParentCopyFor]>[] = [];
    for (const recipient of recipients) {
      const needsCopy = recipient.messages.some((m) => m.copy === 'PARENT_COPY') && recipient.initial?.status !== 'FAILED';
      if (!needsCopy) continue;
      // R-DEL-PWD: a fresh password per parent copy; only its sealed form leaves this function (and the worker that encrypts with it).
      const password = generateDocumentPassword();
      const passwordCiphertext = sealSecret(password, this.config.DELIVERY_PUBLIC_KEY);
      const participantId = recipient.participant.participantId;
      encryptions.push(
        this.rendering
          .encryptParentCopy(parentWord, password)
          .then((content) => [participantId, { copy: { id: randomUUID(), kind: 'PARENT_COPY', content }, passwordCiphertext }]),
      );
    }
    const parentCopies = new Map<string, ParentCopyFor>(await Promise.all(encryptions));

    const circulation: StoredCirculation = {
      id: randomUUID(),
      conferenceId,
      localAuthority: conference.localAuthority,
      planId: plan.id,
      planVersion: plan.version,
      startedAt: new Date(),
      announcedAt: null,
      allSentAt: null,
    };
    return this.dataSource.transaction(async (manager) => {
      await this.store.create(manager, circulation, caller.sub);
      // A parent still held for an older version is sent this one instead, never both: what notifications
      // holds of the older one (asked for, then held again when the contact changed) is withdrawn there too.
      await this.progress.standDownOlder(manager, conference.localAuthority, conferenceId, circulation.id);
      for (const copy of [professionalCopy, ...[...parentCopies.values()].map((p) => p.copy)]) {
        const sealed = this.cipher.seal(copy.content, copy.id);
        await this.store.addCopy(manager, circulation, {
          id: copy.id,
          kind: copy.kind,
          fileName: `plan-v${plan.version}.docx`,
          contentType: WORD_CONTENT_TYPE,
          keyId: sealed.keyId,
          ciphertext: sealed.ciphertext,
        });
      }
      for (const recipient of recipients) {
        const participant = recipient.participant as ParticipantSnapshot;
        const own = parentCopies.get(participant.participantId);
        for (const message of recipient.messages) {
          const documentId = message.copy === 'PARENT_COPY' ? (own?.copy.id ?? professionalCopy.id) : professionalCopy.id;
          const passwordCiphertext = message.carriesPassword ? own?.passwordCiphertext : undefined;
          const stored = {
            deliveryId: randomUUID(),
            circulationId: circulation.id,
            conferenceId,
            participantId: participant.participantId,
            recipientRole: participant.role,
            recipientName: `${participant.firstName} ${participant.lastName}`,
            documentId,
            channel: message.channel,
            template: message.template,
            status: recipient.initial?.status ?? ('PENDING' as const),
            awaitingReceipt: false,
            reasonCode: recipient.initial?.reasonCode ?? null,
            error: recipient.initial?.reason ?? null,
            // R-DEL-PWD: kept (sealed) only while the text is held; a requested text carries it in the event instead.
            passwordCiphertext: recipient.initial?.status === 'HELD' ? (passwordCiphertext ?? null) : null,
          };
          await this.store.addMessage(manager, stored);
          if (!recipient.initial) await this.progress.request(manager, conference.localAuthority, stored, participant, passwordCiphertext);
        }
      }
      // Recipients who are all held or failed: the circulation is already settled.
      await this.progress.announce(manager, circulation.id);
      return this.progress.state(manager, (await this.store.lock(manager, circulation.id)) ?? circulation);
    });
  }

  /** R-POST-3: the conference's circulations, newest first, each recipient's state with its reason. */
  async list(conferenceId: string, caller: Principal): Promise<CirculationState[]> {
    await this.cases.conference(this.dataSource.manager, conferenceId, caller.la);
    const circulations = await this.store.ofConference(this.dataSource.manager, conferenceId);
    return Promise.all(circulations.map((c) => this.progress.state(this.dataSource.manager, c)));
  }

  async one(conferenceId: string, circulationId: string, caller: Principal): Promise<CirculationState> {
    const found = (await this.list(conferenceId, caller)).find((c) => c.circulation.id === circulationId);
    if (!found) throw DomainError.notFound('Circulation', circulationId);
    return found;
  }

  /** R-DEL-PRO, R-DEL-PAR: planRecipients refuses with NoRecipientsError (a DomainError) when nobody could receive it. */
  private recipients(participants: readonly ParticipantSnapshot[], adviseVictim: boolean): RecipientPlan[] {
    return planRecipients(participants, adviseVictim);
  }
}
