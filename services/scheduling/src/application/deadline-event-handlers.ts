import type {
  ConferenceConcluded,
  ConferenceRescheduled,
  ConferenceScheduled,
  ConferenceStatusChanged,
  ContingencyInvoked,
  DebriefHeld,
  EventEnvelope,
  ParticipationOptionChanged,
  PlanCirculated,
  CirculationRecipientUpdated,
  PreparationStepCompleted,
  ReportShared,
  ReportSubmitted,
} from '@cpc/contracts';
import type { EventHandlers } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConferenceStage, ConferenceTiming } from '../domain/conference-timing';
import type { Evidence } from '../domain/satisfaction';
import { DeadlineLifecycle, knownConference, type ConferenceUpdate } from './deadline-lifecycle';
import { WakeUpPlan } from './wake-up-plan';

type Handler<T> = (event: EventEnvelope<T>, manager: EntityManager) => Promise<WakeUpPlan>;

/**
 * Which input event does what to deadlines. Each handler returns the wake-ups to add once the
 * inbox transaction has committed; `collect` receives them (the listener applies them to Redis).
 */
@Injectable()
export class DeadlineEventHandlers {
  constructor(private readonly lifecycle: DeadlineLifecycle) {}

  conferenceTopic(collect: (plan: WakeUpPlan) => void): EventHandlers {
    return collecting(collect, {
      ConferenceScheduled: this.changed<ConferenceScheduled>(
        (data) => (current) => ({
          conferenceId: data.conferenceId,
          localAuthority: data.localAuthority,
          scheduledStart: new Date(data.scheduledStart),
          participationOption: data.participationOption,
          stage: current?.stage ?? 'SCHEDULED',
          concludedAt: current?.concludedAt ?? null,
          contingencyAt: current?.contingencyAt ?? null,
          contingencyTasks: current?.contingencyTasks ?? [],
        }),
        () => 'conference scheduled',
      ),
      ConferenceRescheduled: this.changed<ConferenceRescheduled>(
        (data) => (current) => {
          const known = knownConference(current, data.conferenceId);
          // R-LIFE: POSTPONED goes back to SCHEDULED when a new date is set.
          return {
            ...known,
            scheduledStart: new Date(data.scheduledStart),
            stage: known.stage === 'POSTPONED' ? 'SCHEDULED' : known.stage,
          };
        },
        () => 'conference rescheduled',
      ),
      ParticipationOptionChanged: this.changed<ParticipationOptionChanged>(
        (data) => (current) => ({ ...knownConference(current, data.conferenceId), participationOption: data.participationOption }),
        (data) => `participation option changed to ${data.participationOption} (R-OPT)`,
      ),
      ConferencePostponed: this.stage('POSTPONED'),
      ConferenceCancelled: this.stage('CANCELLED'),
      ContingencyInvoked: this.changed<ContingencyInvoked>(
        (data) => (current) => ({
          ...knownConference(current, data.conferenceId),
          stage: 'CONTINGENCY',
          contingencyAt: new Date(data.at),
          contingencyTasks: data.tasks ?? [],
        }),
        () => 'contingency invoked (R-CONT)',
      ),
      ConferenceConcluded: this.changed<ConferenceConcluded>(
        (data) => (current) => ({
          ...knownConference(current, data.conferenceId),
          stage: 'CONCLUDED',
          concludedAt: new Date(data.concludedAt),
        }),
        () => 'conference concluded',
      ),
      PreparationStepCompleted: this.evidence<PreparationStepCompleted>((data) => ({
        event: 'PreparationStepCompleted',
        step: data.step,
        at: new Date(data.completedAt),
      })),
      DebriefHeld: this.evidence<DebriefHeld>((data) => ({ event: 'DebriefHeld', at: new Date(data.heldAt) })),
    });
  }

  documentsTopic(collect: (plan: WakeUpPlan) => void): EventHandlers {
    return collecting(collect, {
      ReportSubmitted: this.evidence<ReportSubmitted>((data) => ({
        event: 'ReportSubmitted',
        reportKind: data.kind,
        at: new Date(data.submittedAt),
      })),
      ReportShared: this.evidence<ReportShared>((data) => ({
        event: 'ReportShared',
        reportKind: data.reportKind,
        audience: data.audience,
        at: new Date(data.sharedAt),
      })),
      // R-POST-3: met when the plan has reached every recipient, not when a parent is still held or a delivery failed.
      PlanCirculated: this.evidence<PlanCirculated>((data) =>
        data.complete ? { event: 'PlanCirculated', at: new Date(data.circulatedAt) } : null,
      ),
      CirculationRecipientUpdated: this.evidence<CirculationRecipientUpdated>((data) =>
        data.complete ? { event: 'PlanCirculated', at: new Date(data.at) } : null,
      ),
    });
  }

  private changed<T extends { conferenceId: string }>(update: (data: T) => ConferenceUpdate, trigger: (data: T) => string): Handler<T> {
    return (event, manager) => this.lifecycle.conferenceChanged(manager, event.data.conferenceId, update(event.data), trigger(event.data));
  }

  private stage(stage: ConferenceStage): Handler<ConferenceStatusChanged> {
    return this.changed<ConferenceStatusChanged>(
      (data) =>
        (current): ConferenceTiming => ({ ...knownConference(current, data.conferenceId), stage }),
      (data) => data.reason ?? stage.toLowerCase(),
    );
  }

  /** Evidence that may satisfy deadlines; null when the event is not (yet) evidence of anything. */
  private evidence<T extends { conferenceId: string }>(evidenceOf: (data: T) => Evidence | null): Handler<T> {
    return async (event, manager) => {
      const evidence = evidenceOf(event.data);
      return evidence ? this.lifecycle.satisfied(manager, event.data.conferenceId, evidence) : new WakeUpPlan();
    };
  }
}

function collecting(collect: (plan: WakeUpPlan) => void, handlers: Record<string, Handler<any>>): EventHandlers {
  return Object.fromEntries(
    Object.entries(handlers).map(([type, handle]) => [
      type,
      async (event: EventEnvelope<any>, manager: EntityManager) => collect(await handle(event, manager)),
    ]),
  ) as EventHandlers;
}
