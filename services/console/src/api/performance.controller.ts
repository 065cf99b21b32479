import { ForbiddenProblem, ValidationProblem } from '@cpc/http';
import { Public } from '@cpc/observability';
import { TEAM_MAX_LENGTH, type Role } from '@cpc/contracts';
import { Controller, Get, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import type { ConsoleUser } from '../application/console-user';
import { PerformanceQuery, type PerformanceFilters, type PerformanceView } from '../application/performance';
import { csvOf } from '../domain/csv';
import { PerformanceTableNames, seesPerformance, type PerformanceTableName } from '../domain/performance';
import { CONSOLE_API_PREFIX } from './console-api.controller';
import { ConsoleAccess, ConsoleAuthentication, ConsoleRoles, ConsoleUserGuard, CurrentUser } from './console-user.guard';
import { PerformanceViewBody } from './console-views.dto';
import { PageErrors } from './page-errors.filter';
import { PageRenderer } from './page-renderer';

/** The Performance routes outside the global /api/v1 prefix (web.ts UNPREFIXED_ROUTES). */
export const PERFORMANCE_ROUTES = ['performance', 'performance/:file', 'api/v1/performance'];

const emptyIsNone = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The period (London dates, both included; default the last 3 months) and the team, as a GET form sends them. */
export class PerformanceFiltersDto implements PerformanceFilters {
  @ApiPropertyOptional({ format: 'date', description: 'First day of the period (Europe/London). Default: 3 months before `to`.' })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the period, included (Europe/London). Default: today.' })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;

  @ApiPropertyOptional({ description: 'The locality team of the conferences counted.' })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsString()
  @MaxLength(TEAM_MAX_LENGTH)
  team?: string;
}

/** Who gets Performance: the console's roles that requirePerformance lets through (the managers). */
export const PerformanceRoles: readonly Role[] = ConsoleRoles.filter((role) => seesPerformance([role]));

function requirePerformance(user: ConsoleUser): void {
  if (!seesPerformance(user.roles)) {
    throw new ForbiddenProblem('Performance is for team managers and service managers; ask your team manager for the figures.');
  }
}

/** The Performance page, its CSV downloads (one per table, same period and team) and its JSON. */
@ApiTags('console')
@Public()
@UseGuards(ConsoleUserGuard)
@ConsoleAuthentication()
@Controller()
export class PerformanceController {
  constructor(
    private readonly performance: PerformanceQuery,
    private readonly renderer: PageRenderer,
  ) {}

  @Get('performance')
  @ApiExcludeEndpoint()
  @UseFilters(PageErrors)
  async page(@CurrentUser() user: ConsoleUser, @Query() filters: PerformanceFiltersDto, @Res({ passthrough: true }) response: Response) {
    requirePerformance(user);
    const view = await this.performance.run(user, filters, new Date());
    response.type('html');
    const query = new URLSearchParams(view.filters).toString();
    return this.renderer.render('performance.njk', { user, view, query, active: 'performance', cspNonce: response.locals.cspNonce });
  }

  @Get('performance/:file')
  @ApiExcludeEndpoint()
  @UseFilters(PageErrors)
  async csv(
    @CurrentUser() user: ConsoleUser,
    @Param('file') file: string,
    @Query() filters: PerformanceFiltersDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    requirePerformance(user);
    const name = file.endsWith('.csv') ? file.slice(0, -'.csv'.length) : '';
    if (!(PerformanceTableNames as readonly string[]).includes(name)) {
      throw new ValidationProblem([
        { field: 'table', message: `must be one of ${PerformanceTableNames.map((n) => `${n}.csv`).join(', ')}` },
      ]);
    }
    const view = await this.performance.run(user, filters, new Date());
    const table = view.tables.find((t) => t.name === (name as PerformanceTableName))!;
    const team = view.filters.team ? `-${view.filters.team.replace(/[^A-Za-z0-9]+/g, '-')}` : '';
    response.type('text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${name}-${view.localAuthority}${team}-${view.period.from}-to-${view.period.to}.csv"`,
    );
    response.setHeader('Cache-Control', 'no-store');
    return csvOf(table.head, table.rows);
  }

  @Get(`${CONSOLE_API_PREFIX}/performance`)
  @ApiOperation({
    summary:
      'The Performance figures over a period: ICPC and RCPC timescales, plans circulated on time, breaches per rule per week, deliveries failed',
    description:
      "The Performance page as JSON, for the user's local authority and optionally one team, over whole London days (R-TIME; default " +
      'the last 3 months, at most 731 days): ICPCs held within 15 working days (R-CYCLE-ICPC), RCPCs on time (R-CYCLE-RCPC), plans ' +
      'circulated within 5 working days (R-POST-3), breaches per rule per week and deliveries failed per channel per week, with the ' +
      'tables the page and its CSV downloads show. For managers only; a period that is not valid is 400.',
  })
  @ApiOkResponse({
    type: PerformanceViewBody,
    description: 'period, filters, figures (ratios with per cent, weekly counts) and the tables the page shows',
  })
  @ConsoleAccess(PerformanceRoles)
  async json(@CurrentUser() user: ConsoleUser, @Query() filters: PerformanceFiltersDto): Promise<PerformanceView> {
    requirePerformance(user);
    return this.performance.run(user, filters, new Date());
  }
}
