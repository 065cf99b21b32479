import type { Principal } from '@cpc/http';
import { Outbox } from '@cpc/messaging';
import { DomainError, type ConferenceScheduled } from '@cpc/contracts';
import { refuseAgreementByAnother } from '../domain/preparation-steps';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { timescaleWarnings } from '../domain/national-timescales';
import { ConferenceRecord } from '../infrastructure/conference.entity';
import { ConferenceStore } from '../infrastructure/conference.store';
import type { ScheduleConferenceInput } from './conference-inputs';
import { participantSnapshot } from './participants';

/** Schedules a conference: the row and its ConferenceScheduled event commit together (outbox). */
@Injectable()
export class ScheduleConference {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly store: ConferenceStore,
  ) {}

  async execute(request: ScheduleConferenceInput, caller: Principal, now = new Date()): Promise<ConferenceRecord> {
    if (request.localAuthority !== caller.la) {
      // Issue 12 item 7: named in errors[] like every other refusal.
      throw DomainError.field('forbidden', 'Not allowed', 'localAuthority', `must be your own local authority (${caller.la})`, 'forbidden');
    }
    const scheduledStart = new Date(request.scheduledStart);
    if (scheduledStart.getTime() <= now.getTime()) {
      throw DomainError.field('start-in-past', 'The conference cannot start in the past', 'scheduledStart', 'must be in the future');
    }
    const option = request.participationOption ?? 'FULL'; // R-OPT: FULL is the default
    // R-OPT-2: the chair's agreement is the chair's own call, never a flag another role sends.
    refuseAgreementByAnother(request.chairAgreed, caller.roles, 'R-OPT-2');
    const chairAgreed = caller.roles.includes('CHAIR');
    if (option === 'THREE_PART' && !chairAgreed) {
      throw DomainError.field(
        'chair-agreement-required',
        'THREE_PART needs the chair',
        'chairAgreed',
        "needs the chair's agreement: a 3-part conference is set by the chair's own call (R-OPT-2)",
      );
    }
    const participants = (request.participants ?? []).map((p, i) => participantSnapshot(p, `participants[${i}].mobile`));
    const record = Object.assign(new ConferenceRecord(), {
      id: randomUUID(),
      localAuthority: request.localAuthority,
      kind: request.kind,
      status: 'SCHEDULED' as const,
      scheduledStart,
      durationMinutes: request.durationMinutes,
      participationOption: option,
      optionRationale: request.optionRationale ?? null,
      team: request.team ?? null,
      optionChairAgreed: option === 'THREE_PART' && chairAgreed,
      children: request.children.map((child) => ({ childId: randomUUID(), ...child })),
      strategyDiscussionAt: request.strategyDiscussionAt ? new Date(request.strategyDiscussionAt) : null,
      previousConferenceId: request.previousConferenceId ?? null,
      warnings: [] as string[],
      createdBy: caller.sub,
      participants,
      preparation: [],
      postponement: null,
      contingency: null,
      pauseReason: null,
      outcome: null,
      debrief: null,
    });
    return this.dataSource.transaction(async (manager) => {
      record.warnings = await this.warningsFor(manager, record);
      const saved = await this.store.insert(manager, record);
      await this.outbox.append<ConferenceScheduled>(manager, {
        type: 'ConferenceScheduled',
        conferenceId: saved.id,
        localAuthority: saved.localAuthority,
        data: {
          conferenceId: saved.id,
          kind: saved.kind,
          localAuthority: saved.localAuthority,
          scheduledStart: saved.scheduledStart.toISOString(),
          durationMinutes: saved.durationMinutes,
          participationOption: saved.participationOption,
          ...(saved.team ? { team: saved.team } : {}),
          children: saved.children,
          ...(saved.strategyDiscussionAt ? { strategyDiscussionAt: saved.strategyDiscussionAt.toISOString() } : {}),
          ...(saved.previousConferenceId ? { previousConferenceId: saved.previousConferenceId } : {}),
          warnings: saved.warnings,
          participants: saved.participants,
        },
      });
      return saved;
    });
  }

  /** National timescales: accepted with a warning, never refused. An RCPC's previous conference must be ours. */
  private async warningsFor(manager: EntityManager, record: ConferenceRecord): Promise<string[]> {
    let previous: ConferenceRecord | null = null;
    if (record.previousConferenceId) {
      previous = await this.store.find(record.previousConferenceId, record.localAuthority, manager);
      if (!previous)
        throw DomainError.field(
          'unknown-previous-conference',
          'Previous conference not found',
          'previousConferenceId',
          'is not a conference of your local authority',
        );
    }
    return timescaleWarnings({
      kind: record.kind,
      scheduledStart: record.scheduledStart,
      strategyDiscussionAt: record.strategyDiscussionAt,
      previous,
    });
  }
}
