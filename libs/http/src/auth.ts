import {
  applyDecorators,
  createParamDecorator,
  HttpStatus,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import { Roles as KnownRoles, type Role } from '@cpc/contracts';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import jwt from 'jsonwebtoken';
import { PUBLIC_ENDPOINT } from '@cpc/observability';
import { DependencyUnavailableProblem, IdentityProviderUnavailable } from './dependency-outage';
import { Problem } from './problem';

/** The caller, from the bearer JWT's claims (API.md "Authentication"). */
export interface Principal {
  sub: string;
  name: string;
  roles: Role[];
  /** The local authority the caller belongs to; they see only its conferences. */
  la: string;
  scopes: string[];
}

export interface AccessRule {
  roles: readonly Role[];
  /** A SYSTEM client (another council system) is allowed when granted this scope. */
  scope?: string;
}

const ACCESS_KEY = 'cpc:access';

/**
 * Who may call an endpoint: DOMAIN.md's roles, or a SYSTEM client holding the scope. The same rule is
 * the operation's `x-roles` (and `x-system-scope`) in the OpenAPI document, so the two cannot drift.
 */
export const Allow = (rule: AccessRule) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, rule),
    ApiExtension('x-roles', [...new Set(rule.roles)]),
    ...(rule.scope ? [ApiExtension('x-system-scope', rule.scope)] : []),
  );

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<{ principal: Principal }>().principal;
});

class AuthProblem extends Problem {
  constructor(detail: string) {
    super(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Authentication required', detail);
  }
}

export class ForbiddenProblem extends Problem {
  constructor(detail: string) {
    super(HttpStatus.FORBIDDEN, 'forbidden', 'Not allowed', detail);
  }
}

export interface TokenVerifierOptions {
  /** HS256 development secret (AUTH_JWT_SECRET); absent or in production, HS256 tokens are refused. */
  secret?: string;
  /** The identity provider's JWKS (AUTH_JWKS_URL): RS256/PS256/ES256 tokens are verified against it. */
  jwksUrl?: string;
  /** Checked against `iss` of every JWKS-verified token when set (AUTH_ISSUER). */
  issuer?: string;
  /** Checked against `aud` of every JWKS-verified token when set (AUTH_AUDIENCE). */
  audience?: string;
  /** NODE_ENV=production: HS256 development tokens are refused whatever the secret. */
  production?: boolean;
  /** After a JWKS fetch, an unknown key id waits this long before the next fetch (so forged kids cannot flood the provider). */
  jwksCooldownMs?: number;
}

/** How many verified tokens TokenVerifier keeps, and for how long at most (a key the provider withdraws stops them by then). */
const VERIFIED_TOKENS_MAX = 5000;
const VERIFIED_FOR_MS = 60_000;

const copyOf = (principal: Principal): Principal => ({ ...principal, roles: [...principal.roles], scopes: [...principal.scopes] });

/** The asymmetric algorithms an identity provider may sign with; a token cannot pick `none` or HS256 for a JWKS key. */
const PROVIDER_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

/**
 * Verifies bearer tokens for every service (one implementation, `RuntimeModule` provides it). The
 * identity provider's RS256/PS256/ES256 tokens are checked against its JWKS (AUTH_JWKS_URL; keys cached,
 * fetched again when a token names an unknown key id, so a key rotation needs no restart), with issuer
 * and audience. HS256 tokens signed with AUTH_JWT_SECRET are for development and tests only: refused in
 * production. The token's header chooses only between these two pinned paths, never its own algorithm.
 */
@Injectable()
export class TokenVerifier {
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly secret?: Uint8Array;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwksUrl)
      this.jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
        cooldownDuration: options.jwksCooldownMs ?? 30_000,
        cacheMaxAge: 10 * 60_000,
      });
    if (options.secret) this.secret = new TextEncoder().encode(options.secret);
  }

  /**
   * Tokens already verified, by their exact text, until the sooner of their `exp` and VERIFIED_FOR_MS from now:
   * a client sends one token with many requests, and checking its signature again each time was a tenth of the
   * conference service's CPU per create (issue 15). Only successes are kept. Bounded (the oldest goes first), so a flood of distinct tokens cannot grow it.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && now < known.until) return copyOf(known.principal);
    if (known) this.verified.delete(token);
    const { principal, claims } = await this.verifyAnew(token);
    // jose has refused a token whose nbf is ahead; one without exp is never kept.
    const expires = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
    if (expires !== null) {
      if (!this.verified.has(token) && this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { principal: copyOf(principal), until: Math.min(expires, now + VERIFIED_FOR_MS) });
    }
    return principal;
  }

  private async verifyAnew(token: string): Promise<{ principal: Principal; claims: JWTPayload }> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new Error('it is not a JWT');
    }
    const claims =
      alg === 'HS256'
        ? await this.verifyDevelopmentToken(token)
        : alg && PROVIDER_ALGORITHMS.includes(alg)
          ? await this.verifyProviderToken(token)
          : null;
    if (claims) return { principal: toPrincipal(claims), claims };
    throw new Error(
      `it is signed with ${alg ?? 'no algorithm'}; accepted are ${[...PROVIDER_ALGORITHMS, 'HS256 (development)'].join(', ')}`,
    );
  }

  private async verifyDevelopmentToken(token: string): Promise<JWTPayload> {
    if (this.options.production) {
      throw new Error('HS256 development tokens are refused in production; use a token from the identity provider (AUTH_JWKS_URL)');
    }
    if (!this.secret) throw new Error('HS256 development tokens are not accepted here (no AUTH_JWT_SECRET)');
    try {
      return (await jwtVerify(token, this.secret, { algorithms: ['HS256'] })).payload;
    } catch (error) {
      throw new Error(explain(error, this.options));
    }
  }

  private async verifyProviderToken(token: string): Promise<JWTPayload> {
    if (!this.jwks) throw new Error('no identity provider is configured here (AUTH_JWKS_URL), so signed tokens cannot be checked');
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: PROVIDER_ALGORITHMS,
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      });
      return payload;
    } catch (error) {
      // The provider's JWKS did not answer (or not with keys): an outage to wait out, not a bad token.
      if (isJwksOutage(error)) {
        const why = error instanceof joseErrors.JWKSTimeout ? 'did not answer in time' : `could not be read (${(error as Error).message})`;
        throw new IdentityProviderUnavailable(`the identity provider's JWKS ${why}`, { cause: error });
      }
      throw new Error(explain(error, this.options));
    }
  }
}

/**
 * True when jose could not get the key set (network failure, timeout, a non-200 answer, a body that is not
 * a JWKS), as opposed to a token it looked at and refused. Anything that is not a JOSEError came from the
 * fetch itself (`TypeError: fetch failed`, a reset connection).
 */
export function isJwksOutage(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return true;
  if (error instanceof joseErrors.JOSEError) {
    return /^(Expected 200 OK from the JSON Web Key Set|Failed to parse the JSON Web Key Set)/.test(error.message);
  }
  // Not `instanceof Error`: fetch's TypeError may come from another realm (a test sandbox).
  return typeof error === 'object' && error !== null;
}

/** A sentence a caller can act on, for each way jose refuses a token. */
export function explain(error: unknown, expected: { issuer?: string; audience?: string } = {}): string {
  if (error instanceof joseErrors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? ` at ${new Date(error.payload.exp * 1000).toISOString()}` : '';
    return `it expired${exp}`;
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return `it is for audience ${JSON.stringify(error.payload.aud ?? null)}, not ${JSON.stringify(expected.audience)}`;
    if (error.claim === 'iss')
      return `it was issued by ${JSON.stringify(error.payload.iss ?? null)}, not ${JSON.stringify(expected.issuer)}`;
    return `its "${error.claim}" claim is not acceptable (${error.reason})`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "it is signed with a key the identity provider's JWKS does not hold";
  if (error instanceof joseErrors.JWKSTimeout) return "the identity provider's JWKS did not answer in time";
  if (error instanceof joseErrors.JOSEError) return `it is malformed (${error.message})`;
  return `it could not be checked (${(error as Error).message})`;
}

function toPrincipal(claims: JWTPayload): Principal {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => (KnownRoles as readonly string[]).includes(r)) : [];
  if (typeof claims.sub !== 'string' || typeof claims.la !== 'string' || roles.length === 0) {
    throw new Error('token needs sub, la and at least one known role');
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  return { sub: claims.sub, name: typeof claims.name === 'string' ? claims.name : claims.sub, roles, la: claims.la, scopes };
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ENDPOINT, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token) {
      try {
        request.principal = await this.verifier.verify(token);
      } catch (error) {
        // 503 with Retry-After: the token may well be good; the provider's keys could not be had to say so.
        if (error instanceof IdentityProviderUnavailable) throw new DependencyUnavailableProblem('identity-provider');
        throw new AuthProblem(`The bearer token was refused: ${(error as Error).message}.`);
      }
    } else if (!request.principal) {
      // A principal already on the request comes from a signed session (the console's @cpc/auth), never from the client.
      throw new AuthProblem('Send a bearer token in the Authorization header.');
    }
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_KEY, targets);
    if (!rule) throw new ForbiddenProblem('This endpoint declares no access rule, so nobody may call it.');
    if (!isAllowed(request.principal, rule)) {
      throw new ForbiddenProblem(`Allowed for ${[...rule.roles, ...(rule.scope ? [`SYSTEM with scope ${rule.scope}`] : [])].join(', ')}.`);
    }
    return true;
  }
}

export function isAllowed(principal: Principal, rule: AccessRule): boolean {
  if (principal.roles.some((role) => rule.roles.includes(role))) return true;
  return Boolean(rule.scope && principal.roles.includes('SYSTEM') && principal.scopes.includes(rule.scope));
}

/** Signs a development/test token (HS256 with AUTH_JWT_SECRET). Never used to verify production tokens. */
export function signDevelopmentToken(
  secret: string,
  claims: { sub: string; name?: string; roles: Role[]; la: string; scope?: string },
  expiresInSeconds = 3600,
): string {
  return jwt.sign({ ...claims }, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds });
}
