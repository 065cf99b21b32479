import { PermanentEventError } from '@cpc/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ConferenceTiming } from '../domain/conference-timing';
import { meetDeadline, type Deadline, type DeadlineChange } from '../domain/deadline';
import { DEFAULT_RULES } from '../domain/default-policy';
import { reconcileDeadlines } from '../domain/deadline-reconciliation';
import { kindsSatisfiedBy, type Evidence } from '../domain/satisfaction';
import type { WorkingCalendar } from '../domain/working-calendar';
import { DeadlineStore } from '../infrastructure/deadline.store';
import { DeadlineEvents } from './deadline-events';
import { PolicyInForce } from './policy-in-force';
import { WakeUpPlan } from './wake-up-plan';

export const WORKING_CALENDAR = Symbol('WorkingCalendar');

/** How an event changes what scheduling knows of a conference; null current = not known yet. */
export type ConferenceUpdate = (current: ConferenceTiming | null) => ConferenceTiming;

/**
 * The lifecycle of deadlines (issue 4): created when a conference is scheduled or its stage
 * changes, moved with it, stood down when it is postponed or cancelled, met by the event that
 * satisfies them. Runs inside the inbox transaction of the event, so the state, its events and the
 * inbox row commit together; the wake-ups it returns are added to Redis after that commit.
 */
@Injectable()
export class DeadlineLifecycle {
  constructor(
    private readonly store: DeadlineStore,
    private readonly policies: PolicyInForce,
    private readonly events: DeadlineEvents,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  async conferenceChanged(
    manager: EntityManager,
    conferenceId: string,
    update: ConferenceUpdate,
    trigger: string,
    now = new Date(),
  ): Promise<WakeUpPlan> {
    await this.store.lockConference(manager, conferenceId);
    const conference = update(await this.store.conference(manager, conferenceId));
    await this.store.saveConference(manager, conference);
    const existing = await this.store.deadlinesOf(manager, conferenceId);
    const changes = reconcileDeadlines({
      conference,
      policy: await this.policies.forLocalAuthority(conference.localAuthority, manager),
      existing,
      satisfied: await this.store.satisfactions(manager, conferenceId),
      calendar: this.calendar,
      now,
      newId: randomUUID,
      trigger,
    });
    return this.apply(manager, changes, existing);
  }

  /**
   * A step recorded, a report submitted or shared, the plan circulated: the deadlines it satisfies
   * are met. It is remembered too, for deadlines that do not exist yet (the documents topic is not
   * ordered with the conference topic, and R-POST deadlines start only at the conclusion).
   */
  async satisfied(manager: EntityManager, conferenceId: string, evidence: Evidence, now = new Date()): Promise<WakeUpPlan> {
    // What satisfies a kind is the guidance's meaning of it, not a local setting: the defaults decide.
    const kinds = kindsSatisfiedBy(DEFAULT_RULES, evidence);
    if (kinds.length === 0) return new WakeUpPlan();
    await this.store.lockConference(manager, conferenceId);
    await this.store.recordSatisfaction(manager, conferenceId, kinds, evidence.at, evidence.event);
    const existing = await this.store.deadlinesOf(manager, conferenceId);
    const changes = existing
      .filter((deadline) => kinds.includes(deadline.kind))
      .map((deadline) => meetDeadline(deadline, evidence.at, now))
      .filter((change): change is DeadlineChange => change !== null);
    return this.apply(manager, changes, existing);
  }

  private async apply(manager: EntityManager, changes: DeadlineChange[], existing: Deadline[]): Promise<WakeUpPlan> {
    const before = new Map(existing.map((deadline) => [deadline.id, deadline]));
    const plan = new WakeUpPlan();
    await this.store.save(
      manager,
      changes.map((change) => change.deadline),
    );
    for (const change of changes) {
      await this.events.publish(manager, change);
      plan.include(change, before.get(change.deadline.id));
    }
    return plan;
  }
}

/** An event about a conference scheduling has never seen cannot place deadlines: dead-letter it for a look. */
export function knownConference(current: ConferenceTiming | null, conferenceId: string): ConferenceTiming {
  if (!current) throw new PermanentEventError(`conference ${conferenceId} is unknown to scheduling (no ConferenceScheduled seen)`);
  return current;
}
