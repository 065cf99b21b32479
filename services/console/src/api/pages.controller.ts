import { Public } from '@cpc/observability';
import { Controller, Get, Inject, NotFoundException, Param, Query, Redirect, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConsoleUser } from '../application/console-user';
import { ConferencePageQuery } from '../application/conference-page';
import { DeliveriesQuery } from '../application/deliveries';
import { TodayQuery } from '../application/today';
import { ConsoleConfig } from '../console.config';
import { ConsoleUserGuard, CurrentUser, DEVELOPMENT_TOKEN_COOKIE, DEVELOPMENT_TOKENS } from './console-user.guard';
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
    @Inject(DEVELOPMENT_TOKENS) private readonly developmentTokens: boolean,
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
    const view = await this.deliveries.run(user, 100);
    return this.page(response, 'deliveries.njk', { user, view, active: 'deliveries' });
  }

  /**
   * Outside production only: keeps a development token (the other services' HS256 test tokens) in an
   * HTTP-only cookie, so a browser can use the console before OpenID Connect sign-in is wired in.
   */
  @Get('dev/sign-in')
  devSignIn(@Query('token') token: string | undefined, @Res() response: Response): void {
    if (!this.developmentTokens) throw new NotFoundException();
    if (!token || token.length > 4096) {
      response
        .status(400)
        .type('html')
        .send(
          this.renderer.render('error.njk', {
            problem: { status: 400, title: 'Give the token', detail: 'Open /dev/sign-in?token=<development token>.' },
            errors: [{ field: 'token', message: 'is required' }],
            cspNonce: response.locals.cspNonce,
          }),
        );
      return;
    }
    response.cookie(DEVELOPMENT_TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 12 * 3600_000 });
    response.redirect(302, '/today');
  }

  private page(response: Response, template: string, context: Record<string, unknown>): string {
    response.type('html');
    return this.renderer.render(template, { ...context, cspNonce: response.locals.cspNonce });
  }
}

/** The filters as a query string, for links and the refresh script. */
function queryOf(filters: TodayFiltersDto): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (typeof value === 'string' && value) params.set(key, value);
  return params.toString();
}
