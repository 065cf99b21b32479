import { Roles as KnownRoles, type Role } from '@cpc/contracts';
import { Problem, PROBLEM_CONTENT_TYPE, type Principal } from '@cpc/http';
import cookieSession from 'cookie-session';
import { csrfSync } from 'csrf-sync';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import * as oidc from 'openid-client';
import { returnPathOf, safeReturnPath, userFromClaims, type ConsoleUser } from './console-user';

/** What the console needs to sign its users in (README "Sign-in": AUTH_* and CONSOLE_* settings). */
export interface ConsoleAuthOptions {
  /** The identity provider's issuer URL; its /.well-known/openid-configuration is read on the first sign-in. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The console's own public address (scheme, host, port): the redirect URI is `<baseUrl>/auth/callback`. */
  baseUrl: string;
  /** Keys that sign the session cookie; the first signs, all verify (rotation). At least 32 characters each. */
  sessionKeys: string[];
  /** How long a sign-in lasts; 8 hours (a working day) by default. */
  sessionMaxAgeMs?: number;
  /** Paths (prefixes) served without a signed-in user, e.g. health, metrics and static assets. `/auth/` always is. */
  publicPaths?: string[];
  /** Scopes asked for; `cpc` carries the roles and la claims. */
  scope?: string;
}

export interface ConsoleAuth {
  /** Mount once, before the pages: `app.use(auth.router)`. Sessions, CSRF, /auth/login, /auth/callback, /auth/logout, and the sign-in check. */
  router: Router;
}

interface SessionState {
  user?: ConsoleUser;
  idToken?: string;
  expiresAt?: number;
  csrfToken?: string;
  pending?: { state: string; nonce: string; verifier: string; returnTo: string };
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in console user (request-scoped), set by the console auth router. */
    user?: ConsoleUser;
    /** The same user as the services' AuthGuard reads it (known roles only). */
    principal?: Principal;
  }
}

/**
 * The name of the console's signed session cookie (cookie-session): the session itself, with its HMAC in
 * `cpc.session.sig` beside it. What the console's OpenAPI names as its cookie security scheme.
 */
export const SESSION_COOKIE = 'cpc.session';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The console's sign-in (issue 14 "Sign-in"): OpenID Connect authorization code with PKCE, state and
 * nonce (openid-client), a signed session cookie (HTTP-only, SameSite=Lax, Secure unless the console
 * is on localhost), a synchroniser CSRF token on every form, and sign-out at the provider too. Every
 * other path needs a signed-in user: pages redirect to the sign-in, anything else gets a problem+json
 * 401. The user is `req.user` ({sub, name, roles, localAuthority}), and `req.principal` too, so the
 * services' AuthGuard and `@Allow` rules apply to the console's routes unchanged.
 */
export function consoleAuth(options: ConsoleAuthOptions): ConsoleAuth {
  if (options.sessionKeys.length === 0 || options.sessionKeys.some((key) => key.length < 32)) {
    throw new Error('consoleAuth: sessionKeys needs at least one key of 32 characters or more');
  }
  const base = new URL(options.baseUrl);
  const redirectUri = new URL('/auth/callback', base).toString();
  const secure = !LOCAL_HOSTS.has(base.hostname);
  const publicPaths = ['/auth/', ...(options.publicPaths ?? [])];
  const maxAge = options.sessionMaxAgeMs ?? 8 * 3600_000;
  const provider = lazyDiscovery(options);
  const state = (req: Request) => (req.session ?? {}) as SessionState;
  const csrf = csrfSync({
    getTokenFromState: (req) => state(req).csrfToken,
    storeTokenInState: (req, token) => {
      state(req).csrfToken = token ?? undefined;
    },
    getTokenFromRequest: (req) =>
      ((req.body as Record<string, unknown> | undefined)?._csrf as string | undefined) ?? req.get('x-csrf-token'),
  });

  const router = express.Router();
  router.use(
    cookieSession({ name: SESSION_COOKIE, keys: options.sessionKeys, httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge }),
  );
  router.use(express.urlencoded({ extended: false, limit: '100kb' }));

  // The signed-in user, when the session holds one that has not expired.
  router.use((req, res, next) => {
    const session = state(req);
    if (session.user && (session.expiresAt ?? 0) > Date.now()) {
      req.user = session.user;
      req.principal = principalOf(session.user);
      res.locals.user = session.user;
      res.locals.csrfToken = csrf.generateToken(req);
    }
    next();
  });

  // CSRF: every form post (and any other unsafe request) that rides on the session cookie carries the token.
  // A request with a bearer token carries no ambient credential, so it is left to the AuthGuard.
  router.use((req, res, next) => {
    if (!UNSAFE_METHODS.has(req.method) || isBearer(req)) return next();
    if (csrf.isRequestValid(req)) return next();
    refuse(req, res, 403, 'csrf-token-invalid', 'Form expired', 'The form had no valid CSRF token: reload the page and submit it again.');
  });

  router.get('/auth/login', (req, res, next) => {
    const returnTo = safeReturnPath(req.query.returnTo);
    provider()
      .then(async (config) => {
        const verifier = oidc.randomPKCECodeVerifier();
        const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, returnTo };
        state(req).pending = pending;
        const url = oidc.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: options.scope ?? 'openid profile cpc',
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state: pending.state,
          nonce: pending.nonce,
        });
        res.redirect(url.toString());
      })
      .catch(next);
  });

  router.get('/auth/callback', (req, res, next) => {
    const pending = state(req).pending;
    if (!pending) {
      refuse(req, res, 400, 'sign-in-not-started', 'Sign-in not started here', 'Start the sign-in again from the console.');
      return;
    }
    provider()
      .then(async (config) => {
        const tokens = await oidc.authorizationCodeGrant(config, new URL(req.originalUrl, redirectUri), {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims() as Record<string, unknown>;
        // An identity provider that keeps roles and la out of the ID token gives them at userinfo.
        const more = claims.roles && claims.la ? {} : await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        const user = userFromClaims({ ...claims, ...more });
        // A new session object: nothing from before the sign-in (fixation) survives it, and a new CSRF token is made.
        req.session = { user, idToken: tokens.id_token, expiresAt: Date.now() + maxAge } satisfies SessionState;
        res.redirect(pending.returnTo);
      })
      .catch((error: unknown) => {
        state(req).pending = undefined;
        if (isOidcRefusal(error)) {
          refuse(req, res, 401, 'sign-in-failed', 'Sign-in failed', `The identity provider's answer was refused: ${error.message}.`);
          return;
        }
        next(error);
      });
  });

  router.post('/auth/logout', (req, res, next) => {
    const idToken = state(req).idToken;
    req.session = null;
    provider()
      .then((config) => {
        const endSession = config.serverMetadata().end_session_endpoint;
        if (!endSession || !idToken) return res.redirect('/');
        const url = oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: new URL('/', base).toString() });
        res.redirect(url.toString());
      })
      .catch(next);
  });

  router.use(requireUser(publicPaths));
  return { router };
}

/**
 * Refuses a request with no signed-in user: a page (a GET whose Accept names HTML, as a browser's does)
 * is sent to sign in, anything else (an API client, with or without an Accept header) gets a 401.
 */
function requireUser(publicPaths: string[]): RequestHandler {
  return (req, res, next) => {
    if (req.user || isBearer(req) || publicPaths.some((path) => req.path === path.replace(/\/$/, '') || req.path.startsWith(path)))
      return next();
    if (req.method === 'GET' && /text\/html/i.test(req.get('accept') ?? '') && req.accepts(['html', 'json']) === 'html') {
      res.redirect(`/auth/login?returnTo=${encodeURIComponent(returnPathOf(req.originalUrl))}`);
      return;
    }
    refuse(req, res, 401, 'unauthenticated', 'Authentication required', 'Sign in to the console first (GET /auth/login).');
  };
}

/** The provider's or openid-client's refusal of this sign-in (bad state, nonce, code, claims), not an outage. */
function isOidcRefusal(error: unknown): error is Error {
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof Error && (error.name === 'InvalidClaims' || (typeof code === 'string' && code.startsWith('OAUTH_')));
}

function principalOf(user: ConsoleUser): Principal {
  const roles = user.roles.filter((role): role is Role => (KnownRoles as readonly string[]).includes(role));
  return { sub: user.sub, name: user.name, roles, la: user.localAuthority, scopes: [] };
}

function isBearer(req: Request): boolean {
  return /^bearer\s/i.test(req.get('authorization') ?? '');
}

function refuse(req: Request, res: Response, status: number, type: string, title: string, detail: string): void {
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(new Problem(status, type, title, detail).toDocument(req.originalUrl)));
}

/** Discovers the provider on first use and keeps the answer; a failed discovery is tried again next time. */
function lazyDiscovery(options: ConsoleAuthOptions): () => Promise<oidc.Configuration> {
  let discovered: Promise<oidc.Configuration> | undefined;
  return () => {
    discovered ??= (async () => {
      const issuer = new URL(options.issuer);
      // A local provider on plain http is allowed only on this machine.
      const local = issuer.protocol === 'http:' && LOCAL_HOSTS.has(issuer.hostname);
      return oidc.discovery(issuer, options.clientId, undefined, oidc.ClientSecretBasic(options.clientSecret), {
        ...(local ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
    })().catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
}
