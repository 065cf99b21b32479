import { Allow, CurrentPrincipal, type Principal } from '@cpc/http';
import type { Role } from '@cpc/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import * as change from '../application/conference-changes';
import { ConferenceQueries } from '../application/conference-queries';
import { ConferenceWorkflow, versionFromIfMatch, type ConferenceChange } from '../application/conference-workflow';
import { participantSnapshot } from '../application/participants';
import { ScheduleConference } from '../application/schedule-conference';
import { allowedActions } from '../domain/conference-lifecycle';
import { isPreparationStep, PreparationSteps } from '../domain/preparation-steps';
import type { ConferenceRecord } from '../infrastructure/conference.entity';
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
import { ParticipantDto } from './participant.dto';
import { ScheduleConferenceDto } from './schedule-conference.dto';
import { VersionETag } from './version-etag.interceptor';

const READERS: Role[] = ['CHAIR', 'SOCIAL_WORKER', 'CLERK', 'TEAM_MANAGER', 'SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER'];
const ORGANISERS: Role[] = ['CHAIR', 'SOCIAL_WORKER', 'CLERK'];
const read = { roles: READERS, scope: 'conferences:read' };
const organise = { roles: ORGANISERS, scope: 'conferences:write' };
const chairOnly = { roles: ['CHAIR'] as Role[] };

@ApiTags('conferences')
@ApiHeader({ name: 'If-Match', required: false, description: 'The version you read; a stale one is refused with 412.' })
@Controller('conferences')
@UseInterceptors(VersionETag)
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
    return present(await this.scheduleConference.execute(body, caller));
  }

  @Get()
  @Allow(read)
  async list(@Query() query: ConferenceListQuery, @CurrentPrincipal() caller: Principal) {
    const result = await this.queries.list(query, caller);
    return { ...result, items: result.items.map(present) };
  }

  @Get(':id')
  @Allow(read)
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    return present(await this.queries.one(id, caller));
  }

  @Get(':id/timeline')
  @Allow(read)
  timeline(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    return this.queries.timeline(id, caller);
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
    return this.apply(id, caller, ifMatch, change.addParticipant(participantSnapshot(body)));
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
    return this.apply(id, caller, ifMatch, change.confirmContact(participantId, caller));
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
  @ApiParam({ name: 'step', enum: PreparationSteps, description: 'The rule id of the step in DOMAIN.md (R-PREP-1..11, R-ROOM, R-NOREC).' })
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
  @Allow({ roles: ['SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER'] })
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
    return present(await this.workflow.change(id, caller, versionFromIfMatch(ifMatch), conferenceChange));
  }
}

function present(record: ConferenceRecord) {
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
