import { ServiceConfig } from '@cpc/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** The local OpenID Connect provider `npm start` runs (deploy/local/oidc): the console's issuer outside production. */
export const LOCAL_ISSUER = 'http://127.0.0.1:9400';
/** The session keys outside production: known to everyone who reads this file, so refused in production. */
export const LOCAL_SESSION_KEYS = 'local-development-only-console-session-key-change-me';

/** Settings of the operations console; every field is an environment variable (README "Configuration"). */
export class ConsoleConfig extends ServiceConfig {
  override PORT = 3005;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_console';
  override KAFKA_CLIENT_ID = 'cpc-console';
  override KAFKA_GROUP_ID = 'cpc-console';

  /** How often the Today page refreshes its lists where JavaScript is on (without it, a reload shows the same). */
  @IsInt() @Min(2) @Max(3600) @Transform(toInt) TODAY_REFRESH_SECONDS = 15;
  /** Most rows each Today list shows (the counts at the top are always complete). */
  @IsInt() @Min(10) @Max(5000) @Transform(toInt) TODAY_LIST_LIMIT = 50;

  /** The console's client at the identity provider (authorization code + PKCE, client_secret_basic). */
  @IsString() @MinLength(1) CONSOLE_OIDC_CLIENT_ID = 'cpc-console';
  /** Its client secret; the local provider's outside production (deploy/local/oidc). */
  @IsOptional() @IsString() @MinLength(1) CONSOLE_OIDC_CLIENT_SECRET: string | undefined = undefined;
  /** The console's own public address: the identity provider sends users back to `<this>/auth/callback`. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) CONSOLE_BASE_URL = 'http://127.0.0.1:3005';
  /** Comma-separated keys (32+ characters each) that sign the session cookie: the first signs, all verify (rotation). */
  @IsString()
  @Matches(/^[^,]{32,}(,[^,]{32,})*$/, { message: 'must be comma-separated keys of at least 32 characters each' })
  CONSOLE_SESSION_KEYS = LOCAL_SESSION_KEYS;

  /**
   * Whether a development bearer token (HS256 with AUTH_JWT_SECRET, the other services' test tokens) is
   * accepted in the Authorization header. Never in production: there only the sign-in session names the user.
   */
  developmentTokensAccepted(): boolean {
    return this.NODE_ENV !== 'production';
  }

  /** The identity provider users sign in at: AUTH_ISSUER, or outside production the local provider. */
  signInIssuer(): string {
    if (this.AUTH_ISSUER) return this.AUTH_ISSUER;
    if (this.NODE_ENV === 'production') throw new Error('AUTH_ISSUER is required in production');
    return LOCAL_ISSUER;
  }

  /** The console's client secret: CONSOLE_OIDC_CLIENT_SECRET, or outside production the local provider's. */
  signInClientSecret(): string {
    if (this.CONSOLE_OIDC_CLIENT_SECRET) return this.CONSOLE_OIDC_CLIENT_SECRET;
    if (this.NODE_ENV === 'production') throw new Error('CONSOLE_OIDC_CLIENT_SECRET is required in production');
    return 'local-console-client-secret';
  }

  sessionKeys(): string[] {
    return this.CONSOLE_SESSION_KEYS.split(',');
  }

  override crossCheck(): string[] {
    const problems = super.crossCheck();
    if (this.NODE_ENV !== 'production') return problems;
    if (!this.AUTH_ISSUER)
      problems.push('AUTH_ISSUER: the console signs users in at the council identity provider; production has no local default');
    if (!this.CONSOLE_OIDC_CLIENT_SECRET)
      problems.push('CONSOLE_OIDC_CLIENT_SECRET: the console client secret the identity provider issued is required in production');
    if (this.sessionKeys().includes(LOCAL_SESSION_KEYS)) {
      problems.push('CONSOLE_SESSION_KEYS: the local development default must not be used in production (anyone could sign a session)');
    }
    if (!this.CONSOLE_BASE_URL.startsWith('https://'))
      problems.push('CONSOLE_BASE_URL: must be https:// in production (the session cookie is Secure)');
    return problems;
  }
}
