import { IdentityProviderUnavailable } from './dependency-outage';

/** How a service gets its own access tokens (OAuth 2.0 client credentials grant, RFC 6749 section 4.4). */
export interface ClientCredentialsOptions {
  /** The token endpoint (AUTH_CLIENT_TOKEN_URL); without it, read from the issuer's discovery document. */
  tokenUrl?: string;
  /** The provider's issuer (AUTH_ISSUER): `<issuer>/.well-known/openid-configuration` names the token endpoint. */
  issuer?: string;
  clientId: string;
  clientSecret: string;
  /** The API the tokens are for (AUTH_AUDIENCE), sent as the RFC 8707 `resource` parameter. */
  resource?: string;
  /** A token is asked for again this long before it expires (default 60 s; never more than a fifth of its life). */
  refreshBeforeExpirySeconds?: number;
  /** How long one call to the provider may take (default 10 s). */
  timeoutMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** What one token is for: the scopes, and the local authority the service acts for (issued as the `la` claim). */
export interface TokenRequest {
  scope: string;
  /** Sent as the `la` token request parameter; the provider checks it against the authorities this client may act for. */
  localAuthority?: string;
}

/**
 * The token endpoint did not answer, or not with a token (network, timeout, 5xx, 429, a body without
 * `access_token`): try again later. An {@link IdentityProviderUnavailable}, so an HTTP request that needed
 * the token is a 503 with Retry-After.
 */
export class TokenEndpointUnavailable extends IdentityProviderUnavailable {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TokenEndpointUnavailable';
  }
}

/**
 * The provider answered and refused (400/401 with an OAuth error: a wrong client secret, a scope or local
 * authority this client may not have). Configuration, not an outage: asking again unchanged will not help.
 */
export class TokenRequestRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly error: string,
    readonly errorDescription?: string,
  ) {
    super(message);
    this.name = 'TokenRequestRefused';
  }
}

interface CachedToken {
  accessToken: string;
  /** Epoch ms after which a new one is asked for. */
  refreshAt: number;
}

/**
 * A service's access tokens from the identity provider, by the client credentials grant: one per scope and
 * local authority, kept until shortly before it expires, and at most one request to the provider in flight
 * for each (callers that ask at once share it). Failures are typed: {@link TokenEndpointUnavailable} (retry
 * later) and {@link TokenRequestRefused} (fix the configuration); a failure is never cached.
 */
export class ClientCredentialsTokenSource {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private tokenEndpoint?: Promise<string>;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    if (!options.tokenUrl && !options.issuer)
      throw new Error('a client credentials token source needs a token URL or an issuer to discover it from');
    if (!options.clientId || !options.clientSecret) throw new Error('a client credentials token source needs a client id and secret');
    this.now = options.now ?? Date.now;
  }

  /** A valid access token for this request: the cached one, or a new one from the provider. */
  async token(request: TokenRequest): Promise<string> {
    const key = JSON.stringify([request.scope.split(' ').filter(Boolean).sort().join(' '), request.localAuthority ?? null]);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.refreshAt) return cached.accessToken;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const asked = this.request(request).then((token) => {
      this.cache.set(key, token);
      return token.accessToken;
    });
    this.inFlight.set(key, asked);
    try {
      return await asked;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Forgets a token the API refused (a 401 with it): the next call asks the provider for a new one. */
  invalidate(request: TokenRequest): void {
    this.cache.delete(JSON.stringify([request.scope.split(' ').filter(Boolean).sort().join(' '), request.localAuthority ?? null]));
  }

  private async request(request: TokenRequest): Promise<CachedToken> {
    const endpoint = await this.endpoint();
    const body = new URLSearchParams({ grant_type: 'client_credentials', scope: request.scope });
    if (this.options.resource) body.set('resource', this.options.resource);
    if (request.localAuthority) body.set('la', request.localAuthority);
    const startedAt = this.now();
    const response = await this.call(endpoint, {
      method: 'POST',
      headers: {
        // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
        authorization: `Basic ${Buffer.from(`${formEncode(this.options.clientId)}:${formEncode(this.options.clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
    });
    const answer = await readJson(response);
    if (response.ok) {
      const accessToken = typeof answer?.access_token === 'string' ? answer.access_token : undefined;
      if (!accessToken)
        throw new TokenEndpointUnavailable(`the token endpoint answered ${response.status} without an access_token`, response.status);
      const lifetime = typeof answer?.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 60;
      const margin = Math.min(this.options.refreshBeforeExpirySeconds ?? 60, lifetime / 5);
      return { accessToken, refreshAt: startedAt + (lifetime - margin) * 1000 };
    }
    const error = typeof answer?.error === 'string' ? answer.error : undefined;
    const description = typeof answer?.error_description === 'string' ? answer.error_description : undefined;
    if ((response.status === 400 || response.status === 401 || response.status === 403) && error && error !== 'temporarily_unavailable') {
      const asked = `client ${this.options.clientId}, scope ${request.scope}${request.localAuthority ? `, la ${request.localAuthority}` : ''}`;
      throw new TokenRequestRefused(
        `the identity provider refused a token (${asked}): ${error}${description ? ` (${description})` : ''}`,
        response.status,
        error,
        description,
      );
    }
    throw new TokenEndpointUnavailable(`the token endpoint answered ${response.status}${error ? ` ${error}` : ''}`, response.status);
  }

  /** The token endpoint: the configured one, or the discovery document's (read once; a failed read is tried again next time). */
  private endpoint(): Promise<string> {
    if (this.options.tokenUrl) return Promise.resolve(this.options.tokenUrl);
    this.tokenEndpoint ??= this.discover().catch((error: unknown) => {
      this.tokenEndpoint = undefined;
      throw error;
    });
    return this.tokenEndpoint;
  }

  private async discover(): Promise<string> {
    const url = `${this.options.issuer!.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await this.call(url, { headers: { accept: 'application/json' } });
    const document = await readJson(response);
    const endpoint = typeof document?.token_endpoint === 'string' ? document.token_endpoint : undefined;
    if (!response.ok || !endpoint) {
      throw new TokenEndpointUnavailable(
        `the identity provider's discovery document answered ${response.status}${response.ok ? ' without a token_endpoint' : ''}`,
        response.status,
      );
    }
    return endpoint;
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const why = timedOut ? `did not answer within ${timeoutMs} ms` : `could not be reached (${describeCause(error)})`;
      throw new TokenEndpointUnavailable(`the identity provider ${why}`, undefined, { cause: error });
    }
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

async function readJson(response: Response): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse(await response.text());
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `fetch failed` says nothing; its cause has the code (ECONNREFUSED, ENOTFOUND). */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return (error as Error).message;
}
