import {
  Channels,
  ConferenceKinds,
  ConferenceStatuses,
  DeadlineStatuses,
  ParticipationOptions,
  RecipientStatuses,
  Roles,
  SupportNeeds,
  type ConferenceKind,
  type ConferenceStatus,
  type DeadlineStatus,
  type ParticipationOption,
  type RecipientStatus,
  type Role,
} from '@cpc/contracts';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ConferencePageView } from '../application/conference-page';
import type { DeliveriesView } from '../application/deliveries';
import type { PerformanceView } from '../application/performance';
import type { TodayView } from '../application/today';
import { PerformanceTableNames, type PerformanceTableName } from '../domain/performance';
import type { TimelineCategory } from '../domain/read-model';

/**
 * The answers of the console's JSON API as the queries (application/today.ts, conference-page.ts,
 * deliveries.ts, performance.ts) shape them, serialised as JSON (a Date is its ISO string): the OpenAPI
 * schemas of what the code really returns, never read by the code itself. Each class is named `…Body`
 * and its schema after the view type it mirrors; `Mirrored` at the end has the compiler hold the two to
 * the same shape, and console-views.dto.spec.ts validates examples against the published schemas.
 */

const count = { type: 'integer', minimum: 0 } as const;
const nullableString = { type: String, nullable: true } as const;
const nullableInstant = { type: String, format: 'date-time', nullable: true } as const;

@ApiSchema({ name: 'ConferenceView', description: 'One conference as operations staff see it.' })
export class ConferenceViewBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'LBHF' }) localAuthority: string;
  @ApiProperty({ enum: ConferenceKinds }) kind: ConferenceKind;
  @ApiProperty({ enum: ConferenceStatuses }) status: ConferenceStatus;
  @ApiProperty({ enum: ParticipationOptions }) participationOption: ParticipationOption;
  @ApiProperty({ ...nullableString, description: 'The locality team, when the conference has one.' }) team: string | null;
  @ApiProperty({ ...nullableString, description: "The CHAIR participant's name." }) chairName: string | null;
  @ApiProperty({ format: 'date-time' }) scheduledStart: string;
  @ApiProperty({ ...count, example: 90 }) durationMinutes: number;
  @ApiProperty({ type: [String], description: "The children's names as the conference holds them (no date of birth)." })
  children: string[];
  @ApiProperty({ type: [String], description: 'National timescales missed, e.g. ICPC_AFTER_15_WORKING_DAYS.' }) warnings: string[];
  @ApiProperty({
    ...nullableInstant,
    description: 'R-CYCLE-ICPC: the strategy discussion that started the section 47 enquiry, as scheduled; null when not given.',
  })
  strategyDiscussionAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

@ApiSchema({
  name: 'ParticipantView',
  description: 'A participant with contacts masked: the console never holds an email, mobile or address.',
})
export class ParticipantViewBody {
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty({ format: 'uuid' }) conferenceId: string;
  @ApiProperty() localAuthority: string;
  @ApiProperty({ enum: Roles }) role: Role;
  @ApiProperty() name: string;
  @ApiProperty(nullableString) agency: string | null;
  @ApiProperty({ ...nullableString, example: 'j***@e***.org' }) emailMasked: string | null;
  @ApiProperty({ ...nullableString, example: '+44*******123' }) mobileMasked: string | null;
  @ApiProperty({ enum: [...Channels, null], nullable: true }) preferredChannel: string | null;
  @ApiProperty({ description: 'R-CONTACT: the chair has confirmed the contact.' }) contactConfirmed: boolean;
  @ApiProperty(nullableString) language: string | null;
  @ApiProperty() needsInterpreter: boolean;
  @ApiProperty({ enum: SupportNeeds, isArray: true }) supportNeeds: string[];
  @ApiProperty(nullableString) userId: string | null;
}

@ApiSchema({ name: 'DeadlineView', description: 'A deadline as scheduling placed it.' })
export class DeadlineViewBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conferenceId: string;
  @ApiProperty() localAuthority: string;
  @ApiProperty({ example: 'R-PREP-3', description: 'The rule id (DOMAIN.md).' }) rule: string;
  @ApiProperty({ description: "The rule in plain words, as scheduling's policy states it." }) description: string;
  @ApiProperty({ enum: Roles, isArray: true }) responsible: Role[];
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: DeadlineStatuses }) status: DeadlineStatus;
  @ApiProperty({ ...count, description: 'Grows each time the deadline moves.' }) version: number;
  @ApiProperty(nullableInstant) metAt: string | null;
  @ApiProperty(nullableInstant) breachedAt: string | null;
  @ApiProperty(nullableString) stoodDownReason: string | null;
}

@ApiSchema({ name: 'ConferenceDeadlineView', description: 'A deadline of the conference page, with who must act and its timing in words.' })
export class ConferenceDeadlineViewBody extends DeadlineViewBody {
  @ApiProperty({ example: 'Social worker and chair' }) whoMustAct: string;
  @ApiProperty({ example: 'due in 2 days 4 hours' }) timing: string;
}

@ApiSchema({ name: 'TimelineEntry', description: 'One event of a conference, from any service, in plain words.' })
export class TimelineEntryBody {
  @ApiProperty({ description: "The event's CloudEvents id." }) eventId: string;
  @ApiProperty({ format: 'uuid' }) conferenceId: string;
  @ApiProperty() localAuthority: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: '/cpc/conference', description: 'The service that published it (CloudEvents `source`).' }) source: string;
  @ApiProperty({ example: 'ConferenceScheduled', description: 'The event type (docs/asyncapi.yaml).' }) type: string;
  @ApiProperty({ enum: ['conference', 'deadline', 'document', 'delivery'] }) category: TimelineCategory;
  @ApiProperty() title: string;
  @ApiProperty() detail: string;
}

@ApiSchema({ name: 'RecipientRow', description: "One recipient of a circulation and their delivery's state." })
export class RecipientRowBody {
  @ApiProperty({ format: 'uuid' }) circulationId: string;
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty({ format: 'uuid' }) conferenceId: string;
  @ApiProperty() localAuthority: string;
  @ApiProperty({ enum: Roles }) role: Role;
  @ApiProperty({ enum: RecipientStatuses }) status: RecipientStatus;
  @ApiProperty(nullableString) reasonCode: string | null;
  @ApiProperty(nullableString) reason: string | null;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } }) deliveryIds: string[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ ...nullableString, description: "The participant's name, when the console has read them." })
  participantName: string | null;
}

@ApiSchema({ name: 'CirculationView', description: 'A circulation of the plan and its recipients.' })
export class CirculationViewBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conferenceId: string;
  @ApiProperty() localAuthority: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ ...count, example: 1 }) planVersion: number;
  @ApiProperty({ format: 'date-time' }) circulatedAt: string;
  @ApiProperty({ description: 'Every recipient settled.' }) complete: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [RecipientRowBody] }) recipients: RecipientRowBody[];
}

@ApiSchema({ name: 'NotificationView', description: 'One message notifications sent, as the console read it.' })
export class NotificationViewBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conferenceId: string;
  @ApiProperty() localAuthority: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deliveryId: string | null;
  @ApiProperty() template: string;
  @ApiProperty({ enum: Channels }) channel: string;
  @ApiProperty({ example: 'j***@e***.org' }) recipientMasked: string;
  @ApiProperty({ enum: ['SENT', 'DELIVERED', 'FAILED'] }) status: 'SENT' | 'DELIVERED' | 'FAILED';
  @ApiProperty({ enum: ['PERMANENT', 'TEMPORARY', null], nullable: true, description: 'How it failed; null unless it did.' })
  failure: 'PERMANENT' | 'TEMPORARY' | null;
  @ApiProperty(nullableString) reason: string | null;
  @ApiProperty(count) attempts: number;
  @ApiProperty({ format: 'date-time' }) at: string;
}

@ApiSchema({ name: 'TodayItem', description: 'A deadline of a Today list, its conference, who must act and its timing in words.' })
export class TodayItemBody {
  @ApiProperty({ type: DeadlineViewBody }) deadline: DeadlineViewBody;
  @ApiProperty({ type: ConferenceViewBody, nullable: true, description: 'Null while the console has not read the conference.' })
  conference: ConferenceViewBody | null;
  @ApiProperty({ example: 'Social worker and chair' }) whoMustAct: string;
  @ApiProperty({ example: '3 hours 10 minutes late' }) timing: string;
  @ApiProperty({ description: 'Its due time has passed.' }) late: boolean;
}

@ApiSchema({ name: 'TodayFilters', description: 'The filters the lists were cut by.' })
export class TodayFiltersBody {
  @ApiPropertyOptional() team?: string;
  @ApiPropertyOptional({ description: "The chair's name." }) chair?: string;
  @ApiPropertyOptional({ description: 'Set for "my conferences": the signed-in chair\'s user id.' }) chairUserId?: string;
  @ApiPropertyOptional({ enum: ConferenceKinds }) kind?: string;
  @ApiPropertyOptional({ enum: ConferenceStatuses }) status?: string;
  @ApiPropertyOptional({ enum: ['yes', 'all'] }) mine?: 'yes' | 'all';
}

@ApiSchema({ name: 'TodayCounts', description: 'How many deadlines each list holds, all of them (the lists stop at `limit`).' })
export class TodayCountsBody {
  @ApiProperty(count) breached: number;
  @ApiProperty(count) next24h: number;
  @ApiProperty(count) thisWeek: number;
}

@ApiSchema({ name: 'TodayLists' })
export class TodayListsBody {
  @ApiProperty({ type: [TodayItemBody], description: 'Breached in the last 7 days, or pending and past due; earliest due first.' })
  breached: TodayItemBody[];
  @ApiProperty({ type: [TodayItemBody], description: 'Pending, due in the next 24 hours; soonest first.' }) next24h: TodayItemBody[];
  @ApiProperty({ type: [TodayItemBody], description: 'Pending, due after that within 7 days; soonest first.' }) thisWeek: TodayItemBody[];
}

@ApiSchema({ name: 'TodayChoices', description: 'What the filters may choose from in the local authority.' })
export class TodayChoicesBody {
  @ApiProperty({ type: [String] }) teams: string[];
  @ApiProperty({ type: [String] }) chairs: string[];
}

@ApiSchema({
  name: 'TodayView',
  description: "Today: deadlines breached, due in the next 24 hours and due this week, in the user's local authority.",
})
export class TodayViewBody {
  @ApiProperty() localAuthority: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: TodayFiltersBody }) filters: TodayFiltersBody;
  @ApiProperty({ description: 'The lists are cut to the conferences the user chairs.' }) mine: boolean;
  @ApiProperty({ type: TodayCountsBody }) counts: TodayCountsBody;
  @ApiProperty({ type: TodayListsBody }) lists: TodayListsBody;
  @ApiProperty({ ...count, description: 'Most items each list holds (TODAY_LIST_LIMIT).' }) limit: number;
  @ApiProperty({ type: TodayChoicesBody }) choices: TodayChoicesBody;
}

@ApiSchema({ name: 'ConferencePageView', description: 'One conference with its participants, deadlines, timeline and circulations.' })
export class ConferencePageViewBody {
  @ApiProperty({ type: ConferenceViewBody }) conference: ConferenceViewBody;
  @ApiProperty({ type: [ParticipantViewBody] }) participants: ParticipantViewBody[];
  @ApiProperty({ type: [ConferenceDeadlineViewBody] }) deadlines: ConferenceDeadlineViewBody[];
  @ApiProperty({ type: [TimelineEntryBody] }) timeline: TimelineEntryBody[];
  @ApiProperty({ type: [CirculationViewBody], description: 'The latest 50.' }) circulations: CirculationViewBody[];
}

@ApiSchema({ name: 'DeliveriesView', description: "Every circulation with each recipient's state, and the failures to act on." })
export class DeliveriesViewBody {
  @ApiProperty() localAuthority: string;
  @ApiProperty({ type: [RecipientRowBody], description: 'To act on: recipients held or failed (at most 100).' })
  unsettled: RecipientRowBody[];
  @ApiProperty({ type: [NotificationViewBody], description: 'Messages that failed for good (at most 100).' })
  failedMessages: NotificationViewBody[];
  @ApiProperty({ type: [CirculationViewBody], description: 'The latest 100.' }) circulations: CirculationViewBody[];
}

@ApiSchema({ name: 'Period', description: 'Whole London days, `from` and `to` both included, and the instants they span.' })
export class PeriodBody {
  @ApiProperty({ format: 'date', example: '2026-01-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) to: string;
  @ApiProperty({ format: 'date-time', description: 'Midnight London time at the start of `from`.' }) start: string;
  @ApiProperty({ format: 'date-time', description: 'Midnight London time at the end of `to` (exclusive).' }) end: string;
}

@ApiSchema({ name: 'PerformanceFilterValues', description: 'The period and team the figures are for.' })
export class PerformanceFilterValuesBody {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiPropertyOptional() team?: string;
}

@ApiSchema({ name: 'Ratio', description: 'How many were on time: a percentage only when there is anything to judge.' })
export class RatioBody {
  @ApiProperty(count) onTime: number;
  @ApiProperty(count) late: number;
  @ApiProperty({
    ...count,
    description: 'Counted but not judged: ICPCs held without a strategy discussion date (R-CYCLE-ICPC); 0 for the other measures.',
  })
  notKnown: number;
  @ApiProperty({ ...count, description: 'On time + late + not known.' }) total: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 100,
    description: 'On time of those judged (on time + late), 0..100, one decimal; null when none could be judged.',
  })
  percent: number | null;
}

@ApiSchema({ name: 'IsoWeek', description: 'An ISO week of London time and the date its Monday falls on.' })
export class IsoWeekBody {
  @ApiProperty({ example: '2026-W14' }) week: string;
  @ApiProperty({ format: 'date', example: '2026-03-30' }) monday: string;
}

const countsByColumn = { type: 'object', additionalProperties: count, example: { 'R-PREP-3': 2, 'R-POST-3': 1 } } as const;

@ApiSchema({ name: 'WeekCounts' })
export class WeekCountsBody {
  @ApiProperty({ type: IsoWeekBody }) week: IsoWeekBody;
  @ApiProperty({ ...countsByColumn, description: 'A count per column.' }) counts: Record<string, number>;
  @ApiProperty(count) total: number;
}

@ApiSchema({ name: 'WeeklyCounts', description: 'A count per week and per column (rule, channel): every week of the period.' })
export class WeeklyCountsBody {
  @ApiProperty({ type: [String], description: 'Sorted.' }) columns: string[];
  @ApiProperty({ type: [WeekCountsBody] }) weeks: WeekCountsBody[];
  @ApiProperty({ ...countsByColumn, description: 'A total per column.' }) totals: Record<string, number>;
  @ApiProperty(count) total: number;
}

@ApiSchema({ name: 'PerformanceFigures' })
export class PerformanceFiguresBody {
  @ApiProperty({ type: RatioBody, description: 'R-CYCLE-ICPC' }) icpcWithin15WorkingDays: RatioBody;
  @ApiProperty({ type: RatioBody, description: 'R-CYCLE-RCPC' }) rcpcOnTime: RatioBody;
  @ApiProperty({ type: RatioBody, description: 'R-POST-3' }) plansCirculatedWithin5WorkingDays: RatioBody;
  @ApiProperty({ type: WeeklyCountsBody }) breachesPerRulePerWeek: WeeklyCountsBody;
  @ApiProperty({ type: WeeklyCountsBody }) failedDeliveriesPerWeek: WeeklyCountsBody;
}

@ApiSchema({ name: 'FigureTable', description: 'A table of the page, its CSV and its chart: the same cells for all three.' })
export class FigureTableBody {
  @ApiProperty({ enum: PerformanceTableNames, description: 'The CSV is GET /performance/<name>.csv.' }) name: PerformanceTableName;
  @ApiProperty() caption: string;
  @ApiProperty({ type: [String] }) head: string[];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } } })
  rows: (string | number)[][];
  @ApiProperty({ enum: ['percent', 'stacked'] }) chart: 'percent' | 'stacked';
}

@ApiSchema({ name: 'PerformanceChoices' })
export class PerformanceChoicesBody {
  @ApiProperty({ type: [String] }) teams: string[];
}

@ApiSchema({ name: 'PerformanceView', description: "The figures a service manager reports, for the user's local authority." })
export class PerformanceViewBody {
  @ApiProperty() localAuthority: string;
  @ApiProperty({ type: PeriodBody }) period: PeriodBody;
  @ApiProperty({ type: PerformanceFilterValuesBody }) filters: PerformanceFilterValuesBody;
  @ApiProperty({ type: PerformanceFiguresBody }) figures: PerformanceFiguresBody;
  @ApiProperty({ type: [FigureTableBody] }) tables: FigureTableBody[];
  @ApiProperty({ type: PerformanceChoicesBody }) choices: PerformanceChoicesBody;
}

/** A value as JSON.stringify writes it: a Date becomes its ISO string. */
type AsJson<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? AsJson<U>[]
    : T extends object
      ? { [K in keyof T]: AsJson<T[K]> }
      : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

/** Compiled, never run: each body class is exactly its view as JSON, both ways, so neither changes alone. */
export type Mirrored = [
  Holds<Same<AsJson<TodayView>, TodayViewBody>>,
  Holds<Same<AsJson<ConferencePageView>, ConferencePageViewBody>>,
  Holds<Same<AsJson<DeliveriesView>, DeliveriesViewBody>>,
  Holds<Same<AsJson<PerformanceView>, PerformanceViewBody>>,
];
