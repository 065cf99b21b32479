/** The signed-in console user, request-scoped: who, with which roles, in which local authority. */
export interface ConsoleUser {
  sub: string;
  name: string;
  /** Every role the identity provider gave, including those only the console knows (PLATFORM_OPERATOR). */
  roles: string[];
  /** The `la` claim: every page and query is scoped to it. */
  localAuthority: string;
}

/** The platform role that may use the operations tools (the Bull Board), and nothing of a family's records. */
export const PLATFORM_OPERATOR = 'PLATFORM_OPERATOR';

/** Reads a user from ID token (or userinfo) claims; refuses claims without sub, la or a role. */
export function userFromClaims(claims: Record<string, unknown>): ConsoleUser {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  if (typeof claims.sub !== 'string' || typeof claims.la !== 'string' || roles.length === 0) {
    throw Object.assign(new Error('the identity provider gave no sub, la or roles for this user'), { name: 'InvalidClaims' });
  }
  return { sub: claims.sub, name: typeof claims.name === 'string' ? claims.name : claims.sub, roles, localAuthority: claims.la };
}

/** Where to go after signing in: a path on this console only (never `//host` or a full URL, which would make it an open redirect). */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || value.length > 2000)
    return '/';
  return value;
}

/**
 * Where to come back to after signing in: the page asked for, without its query when that would make
 * the redirect too long for a browser or a proxy to carry (found by the console's fuzz test: a 20 kB
 * query string became a Location header Node's own HTTP parser refuses).
 */
export function returnPathOf(originalUrl: string, maxLength = 2000): string {
  if (originalUrl.length <= maxLength) return originalUrl;
  const path = originalUrl.split('?')[0];
  return path.length <= maxLength ? path : '/';
}
