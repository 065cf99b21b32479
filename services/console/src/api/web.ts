import { consoleAuth } from '@cpc/auth';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ConsoleConfig } from '../console.config';
import { CHART_JS_DIST, GOVUK_DIST, MOJ_ROOT, PUBLIC_DIR } from './page-renderer';
import { PERFORMANCE_ROUTES } from './performance.controller';

/**
 * The routes outside the runtime's global prefix: the pages, and the JSON API, which spells its own
 * /api/v1 (a page and an API route share their path after the prefix, and the exclusion goes by path).
 */
export const UNPREFIXED_ROUTES = [
  '/',
  'today',
  'today/lists',
  'conferences/:id',
  'deliveries',
  'api/v1/today',
  'api/v1/conferences/:id',
  'api/v1/deliveries',
  ...PERFORMANCE_ROUTES,
];

/** What is served without a signed-in user: probes, metrics and the Design System's assets (`/auth/` always is). */
export const PUBLIC_PATHS = ['/health/', '/metrics', '/assets/'];

/**
 * What the HTTP app needs for the pages: security headers with a nonce for the GOV.UK template's one
 * inline script; the sign-in (@cpc/auth: OpenID Connect code + PKCE, the signed session cookie, CSRF on
 * every form, /auth/login, /auth/callback, /auth/logout), before anything that needs a user, so a browser
 * without a session is sent to sign in; and the Design System's assets served by the console itself from
 * the installed packages (fonts and images at /assets as govuk-frontend's CSS expects).
 */
export function configureConsoleWeb(app: NestExpressApplication, config: ConsoleConfig): void {
  // Sign out is a form post whose answer redirects to the provider's end-session page: a browser applies
  // form-action to that redirect too, so the provider's origin is allowed beside 'self'.
  app.use(securityHeaders(new URL(config.signInIssuer()).origin));
  app.use(
    consoleAuth({
      issuer: config.signInIssuer(),
      clientId: config.CONSOLE_OIDC_CLIENT_ID,
      clientSecret: config.signInClientSecret(),
      baseUrl: config.CONSOLE_BASE_URL,
      sessionKeys: config.sessionKeys(),
      publicPaths: PUBLIC_PATHS,
    }).router,
  );
  const cache = { maxAge: '1d', index: false, fallthrough: true };
  app.useStaticAssets(join(GOVUK_DIST, 'govuk', 'assets'), { prefix: '/assets/', ...cache });
  app.useStaticAssets(join(GOVUK_DIST, 'govuk'), { prefix: '/assets/govuk/', ...cache });
  app.useStaticAssets(join(MOJ_ROOT, 'moj'), { prefix: '/assets/moj/', ...cache });
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/assets/console/', ...cache });
  app.useStaticAssets(CHART_JS_DIST, { prefix: '/assets/chart.js/', ...cache });
}

function securityHeaders(identityProvider: string) {
  return (_request: Request, response: Response, next: NextFunction): void => {
    const nonce = randomBytes(16).toString('base64');
    response.locals.cspNonce = nonce;
    response.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; ` +
        `object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' ${identityProvider}`,
    );
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    next();
  };
}
