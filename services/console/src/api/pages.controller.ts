import { Public } from '@cpc/observability';
import { Controller, Get, NotFoundException, Param, Query, Redirect, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConsoleUser } from '../application/console-user';
import { ConferencePageQuery } from '../application/conference-page';
import { DeliveriesQuery } from '../application/deliveries';
import { TodayQuery } from '../application/today';
import { ConsoleConfig } from '../console.config';
import { ConsoleUserGuard, CurrentUser, requireDeliveries } from './console-user.guard';
import { PageErrors } from './page-errors.filter';
import { PageRenderer } from './page-renderer';
import { ConferenceIdParams, TodayFiltersDto } from './today-filters.dto';

/**
 * The console's pages, server-rendered, working without JavaScript. `@Public()` only takes them out of
 * the APIs' bearer guard: the console's own user guard signs every page in, and every query is scoped
 * to the user's local authority.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrors)
@Controller()
export class PagesController {
  constructor(
    private readonly renderer: PageRenderer,
    private readonly today: TodayQuery,
    private readonly conferencePage: ConferencePageQuery,
    private readonly deliveries: DeliveriesQuery,
    private readonly config: ConsoleConfig,
  ) {}

  @Get()
  @Redirect('/today', 302)
  home(): void {}

  @Get('today')
  @UseGuards(ConsoleUserGuard)
  async todayPage(@CurrentUser() user: ConsoleUser, @Query() filters: TodayFiltersDto, @Res({ passthrough: true }) response: Response) {
    const view = await this.today.run(user, filters, new Date(), this.config.TODAY_LIST_LIMIT);
    return this.page(response, 'today.njk', { user, view, query: queryOf(filters), active: 'today' });
  }

  /** The lists of Today alone: what the page's script fetches every TODAY_REFRESH_SECONDS. */
  @Get('today/lists')
  @UseGuards(ConsoleUserGuard)
  async todayLists(@CurrentUser() user: ConsoleUser, @Query() filters: TodayFiltersDto, @Res({ passthrough: true }) response: Response) {
    const view = await this.today.run(user, filters, new Date(), this.config.TODAY_LIST_LIMIT);
    response.setHeader('Cache-Control', 'no-store');
    return this.page(response, 'today-lists.njk', { user, view, query: queryOf(filters) });
  }

  @Get('conferences/:id')
  @UseGuards(ConsoleUserGuard)
  async conference(@CurrentUser() user: ConsoleUser, @Param() { id }: ConferenceIdParams, @Res({ passthrough: true }) response: Response) {
    const view = await this.conferencePage.run(user, id, new Date());
    // Another local authority's conference is not found, exactly as one that does not exist.
    if (!view) throw new NotFoundException(`No conference with id ${id} is visible to you.`);
    return this.page(response, 'conference.njk', { user, view, active: 'today' });
  }

  @Get('deliveries')
  @UseGuards(ConsoleUserGuard)
  async deliveriesPage(@CurrentUser() user: ConsoleUser, @Res({ passthrough: true }) response: Response) {
    requireDeliveries(user);
    const view = await this.deliveries.run(user, 100);
    return this.page(response, 'deliveries.njk', { user, view, active: 'deliveries' });
  }

  private page(response: Response, template: string, context: Record<string, unknown>): string {
    response.type('html');
    // The sign-in router leaves the CSRF token every form (sign-out too) carries as `_csrf`.
    return this.renderer.render(template, { ...context, cspNonce: response.locals.cspNonce, csrfToken: response.locals.csrfToken });
  }
}

/** The filters as a query string, for links and the refresh script (the chair's "mine" choice too). */
function queryOf(filters: TodayFiltersDto): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (typeof value === 'string' && value) params.set(key, value);
  return params.toString();
}
