import { Roles as KnownRoles, LocalAuthorityStaffRoles, type Role } from '@cpc/contracts';
import { ForbiddenProblem, Problem, PROBLEM_CONTENT_TYPE, ProblemBody, TokenVerifier } from '@cpc/http';
import {
  applyDecorators,
  createParamDecorator,
  HttpStatus,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExtension, ApiResponse, ApiSecurity, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import type { ConsoleUser } from '../application/console-user';
import { seesDeliveries } from '../domain/console-access';

/**
 * Where the signed-in user comes from: the sign-in session (OpenID Connect, issue 14 "Sign-in"), which
 * @cpc/auth's router (mounted in web.ts before every page) reads from its signed cookie into `req.user`.
 */
export const CONSOLE_SESSIONS = Symbol('CONSOLE_SESSIONS');

export interface ConsoleSessions {
  /** The user of this request's session, or null when there is none (or it has expired). */
  userOf(request: Request): Promise<ConsoleUser | null>;
}

/** The session @cpc/auth signed in: its user, with the roles the console knows (PLATFORM_OPERATOR and unknown ones dropped). */
export class SignedInSessions implements ConsoleSessions {
  async userOf(request: Request): Promise<ConsoleUser | null> {
    const user = request.user;
    if (!user) return null;
    const roles = user.roles.filter((role): role is Role => (KnownRoles as readonly string[]).includes(role));
    return { sub: user.sub, name: user.name, roles, localAuthority: user.localAuthority };
  }
}

/** Whether development bearer tokens are accepted (never when NODE_ENV=production). */
export const DEVELOPMENT_TOKENS = Symbol('DEVELOPMENT_TOKENS');

/** Who may use the console: the six local-authority staff roles (DOMAIN.md "People and roles"). */
export const ConsoleRoles: readonly Role[] = LocalAuthorityStaffRoles;

/** Who gets Deliveries: the console's roles that requireDeliveries lets through (a clerk and the managers). */
export const DeliveriesRoles: readonly Role[] = ConsoleRoles.filter((role) => seesDeliveries([role]));

/**
 * The roles that may call a console route, as its OpenAPI `x-roles` (what `@Allow` writes for the other
 * services): ConsoleUserGuard, not the AuthGuard, lets them in, so this only documents; a route that
 * narrows the guard's ConsoleRoles with its own check names the roles that check lets through.
 */
export const ConsoleAccess = (roles: readonly Role[]) => ApiExtension('x-roles', [...roles]);

/**
 * How a console route's caller is known, as its OpenAPI `security`: the session cookie OR a bearer token (two
 * requirements, either enough), as ConsoleUserGuard reads them (the bearer only outside production).
 */
export const ConsoleAuthentication = () =>
  applyDecorators(
    ApiSecurity('session'),
    ApiSecurity('bearer'),
    // The 401 every service documents speaks of a bearer token only; the console's first asks for the session.
    ApiResponse({
      status: HttpStatus.UNAUTHORIZED,
      description:
        'No signed-in session (none, or expired: sign in again at /auth/login) and, outside production, no accepted ' +
        'development bearer token: `/problems/unauthenticated`.',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemBody) } } },
    }),
  );

export class SignInRequired extends Problem {
  constructor(detail: string) {
    super(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Sign in to use the console', detail);
  }
}

/**
 * The one request-scoped place the console's user comes from: the sign-in session first; outside
 * production, a development token (HS256 with AUTH_JWT_SECRET, as the other services' tests sign) in the
 * Authorization header. The user is put on the request for @CurrentUser().
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
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return null;
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

/** Deliveries are for the clerks who send the plans and for the managers (domain/console-access.ts); anyone else gets a 403. */
export function requireDeliveries(user: ConsoleUser): void {
  if (!seesDeliveries(user.roles)) {
    throw new ForbiddenProblem('Deliveries are for conference clerks and managers; ask your team manager if you need them.');
  }
}
