import { Allow, CurrentPrincipal, NotFoundProblem, type Principal } from '@cpc/http';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ScheduleConference } from '../application/schedule-conference';
import { ConferenceRecord } from '../infrastructure/conference.entity';
import { ScheduleConferenceDto } from './schedule-conference.dto';

@ApiTags('conferences')
@Controller('conferences')
export class ConferencesController {
  constructor(
    private readonly scheduleConference: ScheduleConference,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'Scheduled; ConferenceScheduled is emitted.' })
  @Allow({ roles: ['CHAIR', 'SOCIAL_WORKER', 'CLERK'], scope: 'conferences:write' })
  async schedule(@Body() body: ScheduleConferenceDto, @CurrentPrincipal() caller: Principal) {
    return present(await this.scheduleConference.execute(body, caller));
  }

  @Get(':id')
  @Allow({
    roles: ['CHAIR', 'SOCIAL_WORKER', 'CLERK', 'TEAM_MANAGER', 'SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER'],
    scope: 'conferences:read',
  })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal) {
    // Another local authority's conference is "not found", not "forbidden": its existence is not disclosed.
    const record = await this.dataSource.getRepository(ConferenceRecord).findOneBy({ id, localAuthority: caller.la });
    if (!record) throw new NotFoundProblem('Conference', id);
    return present(record);
  }
}

function present(record: ConferenceRecord) {
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    localAuthority: record.localAuthority,
    scheduledStart: record.scheduledStart.toISOString(),
    durationMinutes: record.durationMinutes,
    participationOption: record.participationOption,
    optionRationale: record.optionRationale,
    children: record.children,
    strategyDiscussionAt: record.strategyDiscussionAt?.toISOString() ?? null,
    previousConferenceId: record.previousConferenceId,
    warnings: record.warnings,
    version: record.version,
  };
}
