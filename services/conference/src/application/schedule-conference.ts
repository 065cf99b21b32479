import { UnprocessableProblem, type Principal, ForbiddenProblem } from '@cpc/http';
import { Outbox } from '@cpc/messaging';
import type { ConferenceScheduled } from '@cpc/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ScheduleConferenceDto } from '../api/schedule-conference.dto';
import { ConferenceRecord } from '../infrastructure/conference.entity';

/** Schedules a conference: the row and its ConferenceScheduled event commit together (outbox). */
@Injectable()
export class ScheduleConference {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async execute(request: ScheduleConferenceDto, caller: Principal, now = new Date()): Promise<ConferenceRecord> {
    if (request.localAuthority !== caller.la) {
      throw new ForbiddenProblem(`You may schedule conferences only for your own local authority (${caller.la}).`);
    }
    const scheduledStart = new Date(request.scheduledStart);
    if (scheduledStart.getTime() <= now.getTime()) {
      throw new UnprocessableProblem(
        'start-in-past',
        'The conference cannot start in the past',
        `scheduledStart ${request.scheduledStart} is not in the future.`,
        {
          errors: [{ field: 'scheduledStart', message: 'must be in the future' }],
        },
      );
    }
    const record = Object.assign(new ConferenceRecord(), {
      id: randomUUID(),
      localAuthority: request.localAuthority,
      kind: request.kind,
      status: 'SCHEDULED' as const,
      scheduledStart,
      durationMinutes: request.durationMinutes,
      participationOption: request.participationOption ?? 'FULL', // R-OPT: FULL is the default
      optionRationale: request.optionRationale ?? null,
      children: request.children.map((child) => ({ childId: randomUUID(), ...child })),
      strategyDiscussionAt: request.strategyDiscussionAt ? new Date(request.strategyDiscussionAt) : null,
      previousConferenceId: request.previousConferenceId ?? null,
      warnings: [],
      createdBy: caller.sub,
    });
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(record);
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
          children: saved.children,
          ...(saved.strategyDiscussionAt ? { strategyDiscussionAt: saved.strategyDiscussionAt.toISOString() } : {}),
          ...(saved.previousConferenceId ? { previousConferenceId: saved.previousConferenceId } : {}),
          warnings: saved.warnings,
        },
      });
      return saved;
    });
  }
}
