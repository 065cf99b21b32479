import type { Role } from '@cpc/contracts';

/**
 * The signed-in person every page and query is for. It comes from one request-scoped place (the
 * console's user guard, which asks the sign-in session; see api/console-user.guard.ts), so the use
 * cases never see a token, a cookie or a header. Every read is scoped to `localAuthority`.
 */
export interface ConsoleUser {
  sub: string;
  name: string;
  roles: Role[];
  localAuthority: string;
}
