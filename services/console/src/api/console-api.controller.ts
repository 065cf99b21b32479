import { Public } from '@cpc/observability';
import { Controller, Get, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConsoleUser } from '../application/console-user';
import { ConferencePageQuery } from '../application/conference-page';
import { DeliveriesQuery } from '../application/deliveries';
import { TodayQuery } from '../application/today';
import { ConsoleConfig } from '../console.config';
import { ConsoleUserGuard, CurrentUser, requireDeliveries } from './console-user.guard';
import { ConferenceIdParams, TodayFiltersDto } from './today-filters.dto';

/**
 * The routes' own prefix: the pages' paths (today, conferences/:id, deliveries) are taken out of the
 * global /api/v1 prefix by path, so the API's paths carry it themselves and are excluded too (web.ts).
 */
export const CONSOLE_API_PREFIX = 'api/v1';

/**
 * The console's small JSON API: what its pages show, with the same scoping (the user's local authority)
 * and the same user guard. `@Public()` only takes it out of the APIs' bearer guard.
 */
@ApiTags('console')
@Public()
@UseGuards(ConsoleUserGuard)
@Controller(CONSOLE_API_PREFIX)
export class ConsoleApiController {
  constructor(
    private readonly today: TodayQuery,
    private readonly conferencePage: ConferencePageQuery,
    private readonly deliveries: DeliveriesQuery,
    private readonly config: ConsoleConfig,
  ) {}

  @Get('today')
  @ApiOperation({ summary: 'Deadlines breached, due in the next 24 hours and due this week, with counts' })
  @ApiOkResponse({ description: 'counts, lists (breached, next24h, thisWeek) and the filter choices' })
  todayView(@CurrentUser() user: ConsoleUser, @Query() filters: TodayFiltersDto) {
    return this.today.run(user, filters, new Date(), this.config.TODAY_LIST_LIMIT);
  }

  @Get('conferences/:id')
  @ApiOperation({ summary: 'One conference: status, participants (contacts masked), deadlines, timeline, circulations' })
  async conference(@CurrentUser() user: ConsoleUser, @Param() { id }: ConferenceIdParams) {
    const view = await this.conferencePage.run(user, id, new Date());
    if (!view) throw new NotFoundException(`No conference with id ${id} is visible to you.`);
    return view;
  }

  @Get('deliveries')
  @ApiOperation({ summary: "Circulations with each recipient's state, and the failures to act on" })
  deliveriesView(@CurrentUser() user: ConsoleUser) {
    requireDeliveries(user);
    return this.deliveries.run(user, 100);
  }
}
