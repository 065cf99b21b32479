import {
  Channels,
  ConferenceKinds,
  ConferenceStatuses,
  ParticipantRoles,
  ParticipationOptions,
  Roles,
  SupportNeeds,
  type Channel,
  type ConferenceKind,
  type ConferenceStatus,
  type ParticipationOption,
  type Role,
  type SupportNeed,
} from '@cpc/contracts';
import { Allow, type AccessRule } from '@cpc/http';
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { LifecycleActions, type LifecycleAction } from '../domain/conference-lifecycle';
import { CONFERENCE_READER_ROLES } from '../domain/conference-visibility';

/**
 * The answers of the conference API as `viewFor` / `timelineFor` (application/conference-view.ts) shape
 * them: the OpenAPI schemas of what the code really returns, never read by the code itself.
 */

export class ChildView {
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ example: 'Amy' }) firstName: string;
  @ApiProperty({ example: 'Stone' }) lastName: string;
  @ApiPropertyOptional({ type: [String] }) knownAs?: string[];
  @ApiProperty({ format: 'date', example: '2018-04-02' }) dateOfBirth: string;
}

/** A participant (R-PART); email, mobile and addresses only for CHAIR, SOCIAL_WORKER and CLERK (R-CONTACT). */
export class ParticipantView {
  @ApiProperty({ format: 'uuid', description: 'The participantId the participant routes take.' }) participantId: string;
  @ApiProperty({ enum: ParticipantRoles }) role: Role;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiPropertyOptional({ type: [String] }) knownAs?: string[];
  @ApiPropertyOptional({ description: 'CHAIR, SOCIAL_WORKER and CLERK only.' }) email?: string;
  @ApiPropertyOptional({ description: 'E.164; CHAIR, SOCIAL_WORKER and CLERK only.', example: '+447700900123' }) mobile?: string;
  @ApiPropertyOptional({ enum: Channels }) preferredChannel?: Channel;
  @ApiPropertyOptional() agency?: string;
  @ApiPropertyOptional() language?: string;
  @ApiPropertyOptional() needsInterpreter?: boolean;
  @ApiPropertyOptional({ enum: SupportNeeds, isArray: true }) supportNeeds?: SupportNeed[];
  @ApiPropertyOptional({ type: [String], description: 'CHAIR, SOCIAL_WORKER and CLERK only.' }) addresses?: string[];
  @ApiPropertyOptional({ description: 'R-CONTACT: the chair has confirmed mobile and email with the parent.' }) contactConfirmed?: boolean;
  @ApiPropertyOptional() userId?: string;
  @ApiPropertyOptional({ description: 'R-CHILD' }) invited?: boolean;
  @ApiPropertyOptional({ description: 'R-CHILD' }) advocateReferral?: boolean;
}

/** A recorded preparation step: who, when, with what notes. */
export class PreparationRecordView {
  @ApiProperty({ example: 'R-PREP-7', description: 'The rule id of the step.' }) step: string;
  @ApiProperty({ format: 'date-time' }) completedAt: string;
  @ApiProperty({ description: 'The sub of who recorded it.' }) completedBy: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiPropertyOptional({ description: 'R-PREP-5: the chair agreed the risk assessment.' }) chairAgreed?: boolean;
}

export class ApprovalView {
  @ApiProperty({ enum: Roles }) role: string;
  @ApiProperty() by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** R-POSTPONE: the request and the approvals by role. */
export class PostponementView {
  @ApiProperty() rationale: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: [ApprovalView] }) approvals: ApprovalView[];
}

export class ContingencyView {
  @ApiProperty() reason: string;
  @ApiProperty({ type: [String] }) tasks: string[];
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() by: string;
}

/** R-OUT: the decision and the plan summary. */
export class OutcomeView {
  @ApiProperty() decision: string;
  @ApiProperty() planSummary: string;
  @ApiProperty({ type: String, nullable: true }) decisionAnalysis: string | null;
  @ApiProperty({ description: 'R-ESC' }) increasedRisk: boolean;
  @ApiProperty({ description: 'R-RED-DV' }) sensitiveCase: boolean;
  @ApiProperty({ format: 'date-time' }) concludedAt: string;
  @ApiProperty() concludedBy: string;
}

export class DebriefView {
  @ApiProperty({ format: 'date-time' }) heldAt: string;
  @ApiProperty() heldBy: string;
  @ApiProperty() understood: boolean;
  @ApiProperty() viewsHeard: boolean;
  @ApiProperty() safetyPlanConfirmed: boolean;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
}

/** The whole conference; its `version` is also the ETag, to send back as If-Match. */
export class ConferenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ConferenceKinds }) kind: ConferenceKind;
  @ApiProperty({ enum: ConferenceStatuses }) status: ConferenceStatus;
  @ApiProperty({ enum: LifecycleActions, isArray: true, description: 'R-LIFE: what may happen from this status.' })
  allowedActions: LifecycleAction[];
  @ApiProperty({ example: 'LBHF' }) localAuthority: string;
  @ApiProperty({ format: 'date-time' }) scheduledStart: string;
  @ApiProperty({ example: 90 }) durationMinutes: number;
  @ApiProperty({ enum: ParticipationOptions }) participationOption: ParticipationOption;
  @ApiProperty({ type: String, nullable: true, description: 'R-OPT-2' }) optionRationale: string | null;
  @ApiProperty({ description: "R-OPT-2: the chair's recorded agreement to THREE_PART." }) optionChairAgreed: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The locality team the conference belongs to.' }) team: string | null;
  @ApiProperty({ type: [ChildView] }) children: ChildView[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) strategyDiscussionAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousConferenceId: string | null;
  @ApiProperty({ type: [String], description: 'National timescales missed (warn, not block), e.g. ICPC_AFTER_15_WORKING_DAYS.' })
  warnings: string[];
  @ApiProperty({ type: [ParticipantView] }) participants: ParticipantView[];
  @ApiProperty({ type: [PreparationRecordView] }) preparation: PreparationRecordView[];
  @ApiProperty({ type: PostponementView, nullable: true }) postponement: PostponementView | null;
  @ApiProperty({ type: ContingencyView, nullable: true }) contingency: ContingencyView | null;
  @ApiProperty({ type: String, nullable: true }) pauseReason: string | null;
  @ApiProperty({ type: OutcomeView, nullable: true }) outcome: OutcomeView | null;
  @ApiProperty({ type: DebriefView, nullable: true }) debrief: DebriefView | null;
  @ApiProperty({ example: 1 }) version: number;
}

export class RecordedView {
  @ApiProperty({ type: [PreparationRecordView] }) preparation: PreparationRecordView[];
}

/** For a caller who may write but not read (a PROFESSIONAL, a SYSTEM client with only conferences:write). */
export class ConferenceAcknowledgement {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ConferenceStatuses }) status: ConferenceStatus;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: RecordedView, description: 'What the caller recorded on this conference.' }) recorded: RecordedView;
}

export class ConferencePage {
  @ApiProperty({ type: [ConferenceView] }) items: ConferenceView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class TimelineEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ConferenceScheduled', description: 'The event type (docs/asyncapi.yaml).' }) type: string;
  @ApiProperty({ format: 'date-time' }) time: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "The event's data; without email, mobile and addresses outside CHAIR, SOCIAL_WORKER and CLERK.",
  })
  data?: Record<string, unknown>;
}

export class TimelineView {
  @ApiProperty({ type: [TimelineEventView], description: 'Oldest first.' }) items: TimelineEventView[];
}

/**
 * Who may call a conference route and what it answers, declared once: the `@Allow` rule, and the
 * conference (or, where the rule lets in a caller who may not read, an acknowledgement) as the body.
 */
export function ConferenceAnswer(rule: AccessRule, status: 200 | 201, description: string) {
  const mayNotRead = Boolean(rule.scope) || rule.roles.some((role) => !CONFERENCE_READER_ROLES.includes(role));
  const schema = mayNotRead
    ? { oneOf: [{ $ref: getSchemaPath(ConferenceView) }, { $ref: getSchemaPath(ConferenceAcknowledgement) }] }
    : { $ref: getSchemaPath(ConferenceView) };
  return applyDecorators(
    Allow(rule),
    ApiExtraModels(ConferenceView, ConferenceAcknowledgement),
    ApiResponse({
      status,
      description: mayNotRead ? `${description} A caller who may not read the conference gets the acknowledgement.` : description,
      headers: { ETag: { description: 'The version, e.g. `"3"`: send it back as If-Match.', schema: { type: 'string' } } },
      content: { 'application/json': { schema } },
    }),
  );
}
