import { LocalAuthorityStaffRoles, type Role } from '@cpc/contracts';
import { ForbiddenProblem, Problem, TokenVerifier } from '@cpc/http';
import { createParamDecorator, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { ConsoleUser } from '../application/console-user';

/**
 * Where the signed-in user comes from: the sign-in session (OpenID Connect, issue 14 "Sign-in"). The
 * sign-in work provides this token with an implementation that reads its session cookie; until then
 * the console has no sessions, and outside production the development token below stands in.
 */
export const CONSOLE_SESSIONS = Symbol('CONSOLE_SESSIONS');

export interface ConsoleSessions {
  /** The user of this request's session, or null when there is none (or it has expired). */
  userOf(request: Request): Promise<ConsoleUser | null>;
}

/** No sign-in wired yet: no request has a session. */
export class NoSessions implements ConsoleSessions {
  async userOf(): Promise<ConsoleUser | null> {
    return null;
  }
}

/** Whether development bearer tokens are accepted (never when NODE_ENV=production). */
export const DEVELOPMENT_TOKENS = Symbol('DEVELOPMENT_TOKENS');

/** The cookie `GET /dev/sign-in?token=` sets outside production, holding a development bearer token. */
export const DEVELOPMENT_TOKEN_COOKIE = 'cpc_console_dev_token';

/** Who may use the console: the six local-authority staff roles (DOMAIN.md "People and roles"). */
export const ConsoleRoles: readonly Role[] = LocalAuthorityStaffRoles;

export class SignInRequired extends Problem {
  constructor(detail: string) {
    super(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Sign in to use the console', detail);
  }
}

/**
 * The one request-scoped place the console's user comes from: the session first; outside production,
 * a development token (HS256 with AUTH_JWT_SECRET, as the other services' tests sign) in the
 * Authorization header or in the development cookie. The user is put on the request for @CurrentUser().
 */
@Injectable()
export class ConsoleUserGuard implements CanActivate {
  constructor(
    @Inject(CONSOLE_SESSIONS) private readonly sessions: ConsoleSessions,
    private readonly verifier: TokenVerifier,
    @Inject(DEVELOPMENT_TOKENS) private readonly developmentTokens: boolean,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { consoleUser?: ConsoleUser }>();
    const user = (await this.sessions.userOf(request)) ?? (this.developmentTokens ? await this.fromDevelopmentToken(request) : null);
    if (!user) throw new SignInRequired('Sign in with your council account to see the console.');
    if (!user.roles.some((role) => ConsoleRoles.includes(role))) {
      throw new ForbiddenProblem(`The console is for ${ConsoleRoles.join(', ')}.`);
    }
    request.consoleUser = user;
    return true;
  }

  private async fromDevelopmentToken(request: Request): Promise<ConsoleUser | null> {
    const [scheme, header] = (request.headers.authorization ?? '').split(' ');
    const token = scheme?.toLowerCase() === 'bearer' && header ? header : cookieOf(request, DEVELOPMENT_TOKEN_COOKIE);
    if (!token) return null;
    try {
      const principal = await this.verifier.verify(token);
      return { sub: principal.sub, name: principal.name, roles: principal.roles, localAuthority: principal.la };
    } catch (error) {
      throw new SignInRequired(`The development token was refused: ${(error as Error).message}.`);
    }
  }
}

/** The signed-in user, as the guard found them. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): ConsoleUser => {
  return context.switchToHttp().getRequest<{ consoleUser: ConsoleUser }>().consoleUser;
});

export function cookieOf(request: Request, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return null; // a cookie that is not valid percent-encoding is no token
      }
    }
  }
  return null;
}
