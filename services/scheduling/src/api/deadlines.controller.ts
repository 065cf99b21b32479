import { LocalAuthorityStaffRoles, ManagerRoles } from '@cpc/contracts';
import { Allow, CurrentPrincipal, NotFoundProblem, type Principal } from '@cpc/http';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeadlineQueries } from '../application/deadline-queries';
import { DeadlinePageView, DeadlineSummaryView, DeadlineView, ListDeadlinesQuery, presentDeadline, SummaryQuery } from './deadline.dto';

const READERS = LocalAuthorityStaffRoles;
const OPERATIONS = ['CHAIR', 'CLERK', ...ManagerRoles] as const;

@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly queries: DeadlineQueries) {}

  @Get()
  @ApiOperation({
    summary: 'List deadlines',
    description:
      "Every deadline placed for the caller's local authority from DOMAIN.md's timings (the R-PREP steps, R-NOTDAY, R-POST-1, R-POST-2, R-POST-3, R-CONT), filtered by conference, status, kind and due window, soonest due first, paginated.",
  })
  @ApiOkResponse({ type: DeadlinePageView, description: "The caller's local authority's deadlines, soonest due first" })
  @Allow({ roles: READERS, scope: 'deadlines:read' })
  async list(@Query() query: ListDeadlinesQuery, @CurrentPrincipal() caller: Principal): Promise<DeadlinePageView> {
    const page = await this.queries.list(caller.la, {
      conferenceId: query.conferenceId,
      status: query.status,
      kind: query.kind,
      dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
      dueAfter: query.dueAfter ? new Date(query.dueAfter) : undefined,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
    });
    return { ...page, items: page.items.map(presentDeadline) };
  }

  @Get('summary')
  @ApiOperation({
    summary: 'Summarise deadlines for operations',
    description:
      'Counts by status and kind, what falls due within `withinHours` and what was breached today (Europe/London, R-TIME), for the chair, clerk and managers.',
  })
  @ApiOkResponse({ type: DeadlineSummaryView, description: 'Counts by status and kind, what falls due soon, what was breached today' })
  @Allow({ roles: OPERATIONS, scope: 'deadlines:read' })
  async summary(@Query() query: SummaryQuery, @CurrentPrincipal() caller: Principal): Promise<DeadlineSummaryView> {
    const summary = await this.queries.summary(caller.la, query.withinHours ?? 24);
    return {
      ...summary,
      at: summary.at.toISOString(),
      fallingDue: {
        ...summary.fallingDue,
        until: summary.fallingDue.until.toISOString(),
        items: summary.fallingDue.items.map(presentDeadline),
      },
      breachedToday: {
        ...summary.breachedToday,
        since: summary.breachedToday.since.toISOString(),
        items: summary.breachedToday.items.map(presentDeadline),
      },
    };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a deadline',
    description:
      "One deadline: its kind, the rule it comes from, when it is due (R-TIME), and whether it was met, breached or stood down. Another local authority's deadline is 404.",
  })
  @ApiOkResponse({ type: DeadlineView })
  @Allow({ roles: READERS, scope: 'deadlines:read' })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal): Promise<DeadlineView> {
    // Another local authority's deadline is "not found": its existence is not disclosed.
    const record = await this.queries.one(caller.la, id);
    if (!record) throw new NotFoundProblem('Deadline', id);
    return presentDeadline(record);
  }
}
