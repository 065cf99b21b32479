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
import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { PUBLIC_ENDPOINT } from '@cpc/observability';
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
  secret: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/**
 * Production verifies the council identity provider's tokens against its JWKS; development and tests
 * sign HS256 tokens with AUTH_JWT_SECRET. Algorithms are pinned so a token cannot choose its own.
 */
@Injectable()
export class TokenVerifier {
  private keys = new Map<string, KeyObject>();
  private keysFetchedAt = 0;

  constructor(private readonly options: TokenVerifierOptions) {}

  async verify(token: string): Promise<Principal> {
    const claims = this.options.jwksUrl ? await this.verifyWithJwks(token) : this.verifyWithSecret(token);
    return toPrincipal(claims);
  }

  private verifyWithSecret(token: string): jwt.JwtPayload {
    return jwt.verify(token, this.options.secret, { algorithms: ['HS256'], ...this.claimChecks() }) as jwt.JwtPayload;
  }

  private async verifyWithJwks(token: string): Promise<jwt.JwtPayload> {
    const kid = jwt.decode(token, { complete: true })?.header.kid;
    if (!kid) throw new Error('token has no key id');
    const key = await this.jwksKey(kid);
    return jwt.verify(token, key, { algorithms: ['RS256', 'ES256'], ...this.claimChecks() }) as jwt.JwtPayload;
  }

  private claimChecks() {
    return {
      ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
      ...(this.options.audience ? { audience: this.options.audience } : {}),
    };
  }

  private async jwksKey(kid: string): Promise<KeyObject> {
    const stale = Date.now() - this.keysFetchedAt > 10 * 60_000;
    if (!this.keys.has(kid) || stale) {
      const response = await fetch(this.options.jwksUrl as string);
      if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
      const { keys } = (await response.json()) as { keys: (Record<string, unknown> & { kid: string })[] };
      this.keys = new Map(keys.map((k) => [k.kid, createPublicKey({ key: k, format: 'jwk' })]));
      this.keysFetchedAt = Date.now();
    }
    const key = this.keys.get(kid);
    if (!key) throw new Error('unknown key id');
    return key;
  }
}

function toPrincipal(claims: jwt.JwtPayload): Principal {
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
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AuthProblem('Send a bearer token in the Authorization header.');
    try {
      request.principal = await this.verifier.verify(token);
    } catch (error) {
      throw new AuthProblem(`The bearer token was refused: ${(error as Error).message}.`);
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
