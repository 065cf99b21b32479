import type { Principal } from '@cpc/http';
import { allowedActions } from '../domain/conference-lifecycle';
import { audienceOf, withoutContact, withoutContactDeep } from '../domain/conference-visibility';
import type { ConferenceRecord, PreparationRecord } from '../infrastructure/conference.entity';

/** What a caller who may write but not read gets back: enough to chain a write (If-Match), nothing about the family. */
export interface ConferenceAcknowledgement {
  id: string;
  status: ConferenceRecord['status'];
  version: number;
  recorded: { preparation: PreparationRecord[] };
}

/** One event of the timeline as stored (the outbox keeps them all). */
export interface TimelineEvent {
  id: string;
  type: string;
  time: string;
  data: unknown;
}

/**
 * Every answer about a conference, reads and writes alike, is shaped here for the caller's audience
 * (domain/conference-visibility.ts): the full record with family contacts (R-CONTACT, R-PART), the
 * full record without them, or an acknowledgement of what the caller recorded.
 */
export function viewFor(record: ConferenceRecord, caller: Principal) {
  const audience = audienceOf(caller);
  if (audience === 'ACKNOWLEDGEMENT') return acknowledgement(record, caller);
  const view = fullView(record);
  return audience === 'CONTACTS' ? view : { ...view, participants: view.participants.map(withoutContact) };
}

/** The timeline shaped like the record: event data loses contact fields outside the `CONTACTS` audience. */
export function timelineFor(events: TimelineEvent[], caller: Principal): { items: TimelineEvent[] | Omit<TimelineEvent, 'data'>[] } {
  const audience = audienceOf(caller);
  if (audience === 'CONTACTS') return { items: events };
  if (audience === 'RECORD') return { items: events.map((event) => ({ ...event, data: withoutContactDeep(event.data) })) };
  return { items: events.map(({ id, type, time }) => ({ id, type, time })) };
}

function acknowledgement(record: ConferenceRecord, caller: Principal): ConferenceAcknowledgement {
  return {
    id: record.id,
    status: record.status,
    version: record.version,
    recorded: { preparation: record.preparation.filter((step) => step.completedBy === caller.sub) },
  };
}

function fullView(record: ConferenceRecord) {
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    allowedActions: allowedActions(record.status),
    localAuthority: record.localAuthority,
    scheduledStart: record.scheduledStart.toISOString(),
    durationMinutes: record.durationMinutes,
    participationOption: record.participationOption,
    optionRationale: record.optionRationale,
    optionChairAgreed: record.optionChairAgreed,
    team: record.team,
    children: record.children,
    strategyDiscussionAt: record.strategyDiscussionAt?.toISOString() ?? null,
    previousConferenceId: record.previousConferenceId,
    warnings: record.warnings,
    participants: record.participants,
    preparation: record.preparation,
    postponement: record.postponement,
    contingency: record.contingency,
    pauseReason: record.pauseReason,
    outcome: record.outcome,
    debrief: record.debrief,
    version: record.version,
  };
}
