import { NotFoundProblem } from '@cpc/http';
import { Public } from '@cpc/observability';
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ConsoleUser } from '../application/console-user';
import { ConferencePageQuery, type ConferencePageView } from '../application/conference-page';
import { DeliveriesQuery, type DeliveriesView } from '../application/deliveries';
import { TodayQuery, type TodayView } from '../application/today';
import { ConsoleConfig } from '../console.config';
import {
  ConsoleAccess,
  ConsoleAuthentication,
  ConsoleRoles,
  ConsoleUserGuard,
  CurrentUser,
  DeliveriesRoles,
  requireDeliveries,
} from './console-user.guard';
import { ConferencePageViewBody, DeliveriesViewBody, TodayViewBody } from './console-views.dto';
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
@ConsoleAuthentication()
@Controller(CONSOLE_API_PREFIX)
export class ConsoleApiController {
  constructor(
    private readonly today: TodayQuery,
    private readonly conferencePage: ConferencePageQuery,
    private readonly deliveries: DeliveriesQuery,
    private readonly config: ConsoleConfig,
  ) {}

  @Get('today')
  @ApiOperation({
    summary: 'Deadlines breached, due in the next 24 hours and due this week, with counts',
    description:
      "The Today page as JSON: the deadlines of the user's local authority breached in the last 7 days (or pending and past due), " +
      'due in the next 24 hours and due later this week, each with its conference, who must act and how late or early, cut by ' +
      'team, chair, kind and status; a chair who is not also a clerk or manager sees the conferences they chair unless `mine=all`. ' +
      'The counts are complete; each list stops at `limit` (TODAY_LIST_LIMIT).',
  })
  @ApiOkResponse({ type: TodayViewBody, description: 'counts, lists (breached, next24h, thisWeek) and the filter choices' })
  @ConsoleAccess(ConsoleRoles)
  todayView(@CurrentUser() user: ConsoleUser, @Query() filters: TodayFiltersDto): Promise<TodayView> {
    return this.today.run(user, filters, new Date(), this.config.TODAY_LIST_LIMIT);
  }

  @Get('conferences/:id')
  @ApiOperation({
    summary: 'One conference: status, participants (contacts masked), deadlines, timeline, circulations',
    description:
      "One conference of the user's local authority as the console read it from the events: its status and option, the participants " +
      'with email and mobile masked (never an address), its deadlines with who must act, the whole timeline across the services in ' +
      "plain words, and the latest 50 circulations with each recipient's state. Another local authority's conference is 404.",
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid', description: 'The conference id.' })
  @ApiOkResponse({ type: ConferencePageViewBody })
  @ConsoleAccess(ConsoleRoles)
  async conference(@CurrentUser() user: ConsoleUser, @Param() { id }: ConferenceIdParams): Promise<ConferencePageView> {
    const view = await this.conferencePage.run(user, id, new Date());
    if (!view) throw new NotFoundProblem('Conference', id);
    return view;
  }

  @Get('deliveries')
  @ApiOperation({
    summary: "Circulations with each recipient's state, and the failures to act on",
    description:
      "The Deliveries page as JSON, for the user's local authority: the recipients held or failed and the messages that failed for good " +
      "(the work to do), then the latest 100 circulations of the plan with every recipient's state. For clerks and managers only.",
  })
  @ApiOkResponse({ type: DeliveriesViewBody })
  @ConsoleAccess(DeliveriesRoles)
  deliveriesView(@CurrentUser() user: ConsoleUser): Promise<DeliveriesView> {
    requireDeliveries(user);
    return this.deliveries.run(user, 100);
  }
}
