import { Allow, ApiProblems, CurrentPrincipal, IfMatch, type Principal } from '@cpc/http';
import { ServiceManagerRoles, type Role } from '@cpc/contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import * as change from '../application/conference-changes';
import { ConferenceQueries } from '../application/conference-queries';
import { timelineFor, viewFor } from '../application/conference-view';
import { ConferenceWorkflow, versionFromIfMatch, type ConferenceChange } from '../application/conference-workflow';
import { addParticipant, confirmContact, updateParticipant } from '../application/participant-changes';
import { participantCorrection, participantSnapshot } from '../application/participants';
import { ScheduleConference } from '../application/schedule-conference';
import { CONFERENCE_READER_ROLES, CONTACT_READER_ROLES, READ_SCOPE } from '../domain/conference-visibility';
import { isPreparationStep, PreparationSteps, STEP_RECORDERS } from '../domain/preparation-steps';
import { ValidationProblem } from '@cpc/http';
import {
  ConcludeDto,
  ConferenceListQuery,
  DebriefDto,
  ParticipationOptionDto,
  PostponementDto,
  PreparationStepDto,
  ReasonDto,
  RescheduleDto,
  TeamDto,
} from './conference-actions.dto';
import { ConferenceErrors } from './conference-errors';
import { ConferenceAnswer, ConferencePage, ConferenceView, TimelineView } from './conference-view.dto';
import { ParticipantDto, ParticipantUpdateDto } from './participant.dto';
import { ScheduleConferenceDto } from './schedule-conference.dto';
import { VersionETag } from './version-etag.interceptor';

// Who may read is who the answers are shaped for (domain/conference-visibility.ts): one list, so they cannot drift.
const ORGANISERS: readonly Role[] = CONTACT_READER_ROLES;
const read = { roles: CONFERENCE_READER_ROLES, scope: READ_SCOPE };
const organise = { roles: ORGANISERS, scope: 'conferences:write' };
const chairOnly = { roles: ['CHAIR'] as Role[] };

/**
 * The conference API. Every answer, reads and writes alike, goes through `viewFor` / `timelineFor`:
 * family contact details only for CHAIR, SOCIAL_WORKER and CLERK (R-CONTACT, R-PART), an
 * acknowledgement for a caller who may write but not read (a PROFESSIONAL recording R-PREP-10).
 */
@ApiTags('conferences')
@Controller('conferences')
@UseInterceptors(ConferenceErrors, VersionETag)
export class ConferencesController {
  constructor(
    private readonly scheduleConference: ScheduleConference,
    private readonly workflow: ConferenceWorkflow,
    private readonly queries: ConferenceQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Schedule a conference',
    description:
      "R-KIND: an ICPC or RCPC for the caller's own local authority (403 otherwise), starting in the future (422 start-in-past), " +
      "with its children and the participants known so far (R-PART). THREE_PART needs a rationale and the chair's agreement (R-OPT-2). " +
      'National timescales missed (R-CYCLE-ICPC, R-CYCLE-RCPC) come back as `warnings`, not refusals. ConferenceScheduled is emitted; ' +
      'scheduling places the preparation deadlines and documents learns of the conference from that event.',
  })
  @ApiProblems(422)
  @ConferenceAnswer(organise, 201, 'Scheduled; ConferenceScheduled is emitted.')
  async schedule(@Body() body: ScheduleConferenceDto, @CurrentPrincipal() caller: Principal) {
    return viewFor(await this.scheduleConference.execute(body, caller), caller);
  }

  @Get()
  @ApiOperation({
    summary: 'List conferences',
    description:
      "The caller's local authority's conferences by start, filtered by status, start window and chair, paginated. " +
      'Family contact details only for CHAIR, SOCIAL_WORKER and CLERK (R-CONTACT).',
  })
  @ApiOkResponse({ type: ConferencePage, description: 'One page, soonest first' })
  @Allow(read)
  async list(@Query() query: ConferenceListQuery, @CurrentPrincipal() caller: Principal) {
    const result = await this.queries.list(query, caller);
    return { ...result, items: result.items.map((record) => viewFor(record, caller)) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a conference',
    description:
      'The whole record: status and what may happen next (R-LIFE), participants (R-PART; contacts only for CHAIR, SOCIAL_WORKER and CLERK, R-CONTACT), ' +
      'preparation steps, postponement (R-POSTPONE), contingency (R-CONT), outcome (R-OUT) and debrief. Its version is the ETag.',
  })
  @ApiOkResponse({ type: ConferenceView, headers: { ETag: { description: 'The version, e.g. `"3"`.', schema: { type: 'string' } } } })
  @Allow(read)
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    return viewFor(await this.queries.one(id, caller), caller);
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary: "Read a conference's timeline",
    description:
      "The conference service's own events about this conference, oldest first (docs/asyncapi.yaml names each type); " +
      'contact fields removed outside CHAIR, SOCIAL_WORKER and CLERK (R-CONTACT).',
  })
  @ApiOkResponse({ type: TimelineView })
  @Allow(read)
  async timeline(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    return timelineFor((await this.queries.timeline(id, caller)).items, caller);
  }

  @Post(':id/participants')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add a participant',
    description:
      'R-PART: a participant with contact, channel, language, interpreter and support needs; a UK mobile is stored as E.164 (400 otherwise). ' +
      "A parent's contact waits for the chair's confirmation (R-CONTACT). Refused once the conference is over (409 participants-closed). ParticipantAdded is emitted.",
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(organise, 201, 'Added; the new participant has a participantId.')
  participants(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ParticipantDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, addParticipant(participantSnapshot(body)));
  }

  @Patch(':id/participants/:participantId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct a participant',
    description:
      'R-PART: a field left out stays, `null` clears an optional field; role and userId are not corrections. ' +
      'A new email or mobile withdraws the contact confirmation (R-CONTACT). ParticipantUpdated is emitted.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(organise, 200, 'Corrected.')
  updateParticipant(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('participantId', new ParseUUIDPipe()) participantId: string,
    @Body() body: ParticipantUpdateDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, updateParticipant(participantId, participantCorrection(body)));
  }

  @Post(':id/participants/:participantId/contact-confirmation')
  @HttpCode(200)
  @ApiOperation({
    summary: "Confirm a participant's contact details",
    description:
      'R-CONTACT: the chair has confirmed the mobile and email with the parent; messages held for it (HELD_CONTACT_UNCONFIRMED) go out. ParticipantUpdated is emitted.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(chairOnly, 200, 'Confirmed.')
  confirmContact(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('participantId', new ParseUUIDPipe()) participantId: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, confirmContact(participantId, caller));
  }

  @Post(':id/participation-option')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change the participation option',
    description:
      "R-OPT, R-OPT-2: FULL or THREE_PART (R-MEET-PART). THREE_PART needs a rationale and the chair's agreement, which only the chair's own call records " +
      '(chairAgreed from another role: 403 chair-agreement-not-yours; without it: 422 chair-agreement-required). Fixed once the conference has started (409 option-fixed).',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer({ roles: ['CHAIR', 'SOCIAL_WORKER'] }, 200, 'Changed; ParticipationOptionChanged is emitted.')
  participationOption(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ParticipationOptionDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(
      id,
      caller,
      ifMatch,
      change.changeParticipationOption(body.participationOption, body.rationale, body.chairAgreed === true, caller),
    );
  }

  @Post(':id/team')
  @HttpCode(200)
  @ApiOperation({
    summary: "Change the conference's team",
    description:
      'Issue 14 "Teams": the conference belongs to another locality team of its local authority (`null`: none). ' +
      'One line of at most 60 characters without control characters (400 naming team otherwise). ' +
      'ConferenceTeamChanged is emitted, unless the team is the same.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(organise, 200, 'Changed.')
  team(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: TeamDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.changeTeam(body.team));
  }

  @Post(':id/preparation/:step')
  @ApiParam({
    name: 'step',
    enum: PreparationSteps,
    description:
      'The rule id of the step in DOMAIN.md: one of PreparationSteps (R-PREP-1 to R-PREP-11 each by its own id, R-ROOM, R-NOREC). ' +
      'Each is recorded only by whose work it is (403 step-not-yours otherwise): ' +
      Object.entries(STEP_RECORDERS)
        .map(([step, roles]) => `${step}: ${roles.join('/')}`)
        .join('; ') +
      ". chairAgreed is the chair's own call: sent by another role it is refused (403 chair-agreement-not-yours).",
  })
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a preparation step',
    description:
      'R-PREP-1 to R-PREP-11 (each by its own id), R-ROOM and R-NOREC: the step is met, which meets its deadline in scheduling. ' +
      'Each step is recorded only by whose work it is (403 step-not-yours naming the step and the roles). R-ROOM needs notes (422 notes-required). ' +
      'PreparationStepCompleted is emitted.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer({ roles: [...ORGANISERS, 'PROFESSIONAL'], scope: 'conferences:write' }, 201, 'Recorded.')
  preparation(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('step') step: string,
    @Body() body: PreparationStepDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    if (!isPreparationStep(step))
      throw new ValidationProblem([{ field: 'step', message: `must be one of ${PreparationSteps.join(', ')}` }]);
    const completedAt = body.completedAt ? new Date(body.completedAt) : undefined;
    return this.apply(
      id,
      caller,
      ifMatch,
      change.recordPreparationStep(step, { notes: body.notes, chairAgreed: body.chairAgreed, completedAt }, caller),
    );
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reschedule a conference',
    description:
      'R-LIFE: a SCHEDULED or POSTPONED conference gets a new start in the future (422 start-in-past), with a reason, and is SCHEDULED; national timescales are checked again (warnings). ConferenceRescheduled is emitted.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(organise, 200, 'Rescheduled.')
  reschedule(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RescheduleDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.rescheduleConference(new Date(body.scheduledStart), body.reason));
  }

  @Post(':id/postponement')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Request a postponement',
    description:
      "R-POSTPONE: the chair or social worker asks, with a rationale recorded on the child's record; it needs the approval of both a SAFEGUARDING_SERVICE_MANAGER and a LOCALITY_SERVICE_MANAGER (409 postponement-pending while one is open).",
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer({ roles: ['CHAIR', 'SOCIAL_WORKER'] }, 201, 'Requested.')
  postponement(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: PostponementDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.requestPostponement(body.rationale, caller));
  }

  @Post(':id/postponement/approvals')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Approve a postponement',
    description:
      "R-POSTPONE: one service manager's approval; with both (SAFEGUARDING_SERVICE_MANAGER and LOCALITY_SERVICE_MANAGER) the conference is POSTPONED and ConferencePostponed is emitted. 409 no-postponement when none is requested, 409 already-approved for a second approval in the same role.",
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer({ roles: ServiceManagerRoles }, 201, 'Approved.')
  approve(@Param('id', new ParseUUIDPipe()) id: string, @IfMatch() ifMatch: string | undefined, @CurrentPrincipal() caller: Principal) {
    return this.apply(id, caller, ifMatch, change.approvePostponement(caller));
  }

  @Post(':id/contingency')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invoke the contingency',
    description:
      'R-CONT: professionals or parents are unavailable; a SCHEDULED conference moves to CONTINGENCY with its tracked tasks, and its plan is later circulated as after a conference (R-LIFE).',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer({ roles: ['CHAIR', 'SOCIAL_WORKER'] }, 200, 'Recorded.')
  contingency(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.invokeContingency(body.reason, caller));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a conference',
    description: 'R-LIFE: the chair cancels a SCHEDULED, POSTPONED or CONTINGENCY conference, with a reason.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(chairOnly, 200, 'Cancelled.')
  cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.cancelConference(body.reason));
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start a conference',
    description: 'R-LIFE: SCHEDULED to IN_PROGRESS, by the chair.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(chairOnly, 200, 'Started.')
  start(@Param('id', new ParseUUIDPipe()) id: string, @IfMatch() ifMatch: string | undefined, @CurrentPrincipal() caller: Principal) {
    return this.apply(id, caller, ifMatch, change.startConference());
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause a conference',
    description: 'R-PAUSE: the chair pauses, with a reason, to calm an unsafe situation (IN_PROGRESS to PAUSED).',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(chairOnly, 200, 'Paused.')
  pause(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.pauseConference(body.reason));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resume a conference',
    description: 'R-PAUSE: PAUSED to IN_PROGRESS again, with a reason.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(chairOnly, 200, 'Resumed.')
  resume(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.resumeConference(body.reason));
  }

  @Post(':id/conclude')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Conclude a conference',
    description:
      'R-OUT: an IN_PROGRESS or PAUSED conference concludes with the decision, the child protection plan summary and decision analysis; increasedRisk escalates to the team manager (R-ESC), sensitiveCase redacts for both parents (R-RED-DV). ConferenceConcluded is emitted; the plan is circulated by documents (R-POST-3).',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(chairOnly, 200, 'Concluded.')
  conclude(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ConcludeDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.concludeConference(body, caller));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a conference',
    description: 'R-LIFE: CIRCULATED to CLOSED, by the chair, once the plan has gone out (R-POST-3); 409 illegal-transition before.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer(chairOnly, 200, 'Closed.')
  close(@Param('id', new ParseUUIDPipe()) id: string, @IfMatch() ifMatch: string | undefined, @CurrentPrincipal() caller: Principal) {
    return this.apply(id, caller, ifMatch, change.closeConference());
  }

  @Post(':id/debrief')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record the family debrief',
    description:
      'R-OUT: after the conference the social worker (or chair) records that the family understood the decision, that their views were heard and that the safety plan was confirmed.',
  })
  @ApiProblems(409, 422)
  @ConferenceAnswer({ roles: ['SOCIAL_WORKER', 'CHAIR'] }, 201, 'Recorded.')
  debrief(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DebriefDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.recordDebrief({ ...body, heldAt: new Date(body.heldAt) }, caller));
  }

  private async apply(id: string, caller: Principal, ifMatch: string | undefined, conferenceChange: ConferenceChange) {
    return viewFor(await this.workflow.change(id, caller, versionFromIfMatch(ifMatch), conferenceChange), caller);
  }
}
