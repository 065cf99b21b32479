import { ConferenceKinds, ConferenceStatuses, type Role } from '@cpc/contracts';
import nunjucks from 'nunjucks';
import { dirname, join } from 'node:path';
import { seesDeliveries } from '../domain/console-access';
import { seesPerformance } from '../domain/performance';
import { durationWords, londonTime, RoleWords } from '../domain/plain-words';
import { words } from '../domain/timeline-words';

/** The console's own templates (services/console/views), the same from src/ and dist/. */
export const VIEWS_DIR = join(__dirname, '..', '..', 'views');
/** The console's own browser script (services/console/public). */
export const PUBLIC_DIR = join(__dirname, '..', '..', 'public');
/** govuk-frontend's dist folder: its templates (govuk/...) and its compiled CSS, JS and assets. */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** Chart.js's dist folder (its UMD build draws the Performance charts; the package exports no package.json). */
export const CHART_JS_DIST = dirname(require.resolve('chart.js'));
/** @ministryofjustice/frontend: its templates (moj/...) and compiled CSS. */
export const MOJ_ROOT = dirname(require.resolve('@ministryofjustice/frontend/package.json'));

/**
 * Renders the console's pages with Nunjucks, on the GOV.UK page template and the Design System's macros
 * (and MoJ's timeline). Everything is escaped unless a template marks it safe.
 */
export class PageRenderer {
  private readonly env: nunjucks.Environment;

  constructor(private readonly globals: { refreshSeconds: number }) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_DIST, MOJ_ROOT]), {
      autoescape: true,
      throwOnUndefined: false,
    });
    // MoJ's timeline formats its dates with the `date` filter; ours is Europe/London (R-TIME), without moment.
    this.env.addFilter('date', (value: Date | string) => londonTime(new Date(value)));
    this.env.addFilter('londonTime', (value: Date | string) => londonTime(new Date(value)));
    this.env.addFilter('isoTime', (value: Date | string) => new Date(value).toISOString());
    this.env.addFilter('words', (value: unknown) => words(value));
    this.env.addFilter('role', (value: keyof typeof RoleWords) => RoleWords[value] ?? value);
    this.env.addFilter('duration', (ms: number) => durationWords(ms));
    this.env.addGlobal('conferenceKinds', ConferenceKinds);
    this.env.addGlobal('conferenceStatuses', ConferenceStatuses);
    this.env.addGlobal('seesDeliveries', (roles: Role[] | undefined) => seesDeliveries(roles ?? []));
    this.env.addGlobal('seesPerformance', (roles: Role[] | undefined) => seesPerformance(roles ?? []));
  }

  render(template: string, context: Record<string, unknown>): string {
    return this.env.render(template, { ...this.globals, ...context });
  }
}
