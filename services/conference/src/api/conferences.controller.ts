import { Allow, CurrentPrincipal, type Principal } from '@cpc/http';
import { ServiceManagerRoles, type Role } from '@cpc/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
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
} from './conference-actions.dto';
import { ConferenceErrors } from './conference-errors';
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
@ApiHeader({ name: 'If-Match', required: false, description: 'The version you read; a stale one is refused with 412.' })
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
  @ApiCreatedResponse({ description: 'Scheduled; ConferenceScheduled is emitted. Missed national timescales come back as warnings.' })
  @Allow(organise)
  async schedule(@Body() body: ScheduleConferenceDto, @CurrentPrincipal() caller: Principal) {
    return viewFor(await this.scheduleConference.execute(body, caller), caller);
  }

  @Get()
  @Allow(read)
  async list(@Query() query: ConferenceListQuery, @CurrentPrincipal() caller: Principal) {
    const result = await this.queries.list(query, caller);
    return { ...result, items: result.items.map((record) => viewFor(record, caller)) };
  }

  @Get(':id')
  @Allow(read)
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    return viewFor(await this.queries.one(id, caller), caller);
  }

  @Get(':id/timeline')
  @Allow(read)
  async timeline(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    return timelineFor((await this.queries.timeline(id, caller)).items, caller);
  }

  @Post(':id/participants')
  @HttpCode(201)
  @Allow(organise)
  participants(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ParticipantDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, addParticipant(participantSnapshot(body)));
  }

  @Patch(':id/participants/:participantId')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'R-PART: corrected; ParticipantUpdated is emitted. A new email or mobile must be confirmed again (R-CONTACT).',
  })
  @Allow(organise)
  updateParticipant(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('participantId', new ParseUUIDPipe()) participantId: string,
    @Body() body: ParticipantUpdateDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, updateParticipant(participantId, participantCorrection(body)));
  }

  @Post(':id/participants/:participantId/contact-confirmation')
  @HttpCode(200)
  @Allow(chairOnly)
  confirmContact(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('participantId', new ParseUUIDPipe()) participantId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, confirmContact(participantId, caller));
  }

  @Post(':id/participation-option')
  @HttpCode(200)
  @Allow({ roles: ['CHAIR', 'SOCIAL_WORKER'] })
  participationOption(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ParticipationOptionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(
      id,
      caller,
      ifMatch,
      change.changeParticipationOption(body.participationOption, body.rationale, body.chairAgreed === true, caller),
    );
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
  @Allow({ roles: [...ORGANISERS, 'PROFESSIONAL'], scope: 'conferences:write' })
  preparation(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('step') step: string,
    @Body() body: PreparationStepDto,
    @Headers('if-match') ifMatch: string | undefined,
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
  @Allow(organise)
  reschedule(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RescheduleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.rescheduleConference(new Date(body.scheduledStart), body.reason));
  }

  @Post(':id/postponement')
  @HttpCode(201)
  @Allow({ roles: ['CHAIR', 'SOCIAL_WORKER'] })
  postponement(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: PostponementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.requestPostponement(body.rationale, caller));
  }

  @Post(':id/postponement/approvals')
  @HttpCode(201)
  @Allow({ roles: ServiceManagerRoles })
  approve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.approvePostponement(caller));
  }

  @Post(':id/contingency')
  @HttpCode(200)
  @Allow({ roles: ['CHAIR', 'SOCIAL_WORKER'] })
  contingency(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.invokeContingency(body.reason, caller));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow(chairOnly)
  cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.cancelConference(body.reason));
  }

  @Post(':id/start')
  @HttpCode(200)
  @Allow(chairOnly)
  start(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.startConference());
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Allow(chairOnly)
  pause(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.pauseConference(body.reason));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Allow(chairOnly)
  resume(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.resumeConference(body.reason));
  }

  @Post(':id/conclude')
  @HttpCode(200)
  @Allow(chairOnly)
  conclude(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ConcludeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.concludeConference(body, caller));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Allow(chairOnly)
  close(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.closeConference());
  }

  @Post(':id/debrief')
  @HttpCode(201)
  @Allow({ roles: ['SOCIAL_WORKER', 'CHAIR'] })
  debrief(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DebriefDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.apply(id, caller, ifMatch, change.recordDebrief({ ...body, heldAt: new Date(body.heldAt) }, caller));
  }

  private async apply(id: string, caller: Principal, ifMatch: string | undefined, conferenceChange: ConferenceChange) {
    return viewFor(await this.workflow.change(id, caller, versionFromIfMatch(ifMatch), conferenceChange), caller);
  }
}
