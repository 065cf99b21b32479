import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientCredentialsTokenSource, TokenEndpointUnavailable, TokenRequestRefused } from './client-credentials';
import { IdentityProviderUnavailable, unavailableDependency } from './dependency-outage';

interface Seen {
  path: string;
  authorization?: string;
  form: Record<string, string>;
}

/** A real token endpoint on a free port, whose answer each test decides. */
async function provider(answer: (seen: Seen, response: ServerResponse) => void | Promise<void>) {
  const seen: Seen[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const entry = {
        path: request.url ?? '',
        authorization: request.headers.authorization,
        form: Object.fromEntries(new URLSearchParams(body)),
      };
      seen.push(entry);
      void answer(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    tokenRequests: () => seen.filter((s) => s.path === '/token'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
};

describe('ClientCredentialsTokenSource', () => {
  let idp: Awaited<ReturnType<typeof provider>> | undefined;
  afterEach(async () => {
    await idp?.close();
    idp = undefined;
  });

  it('asks with client_secret_basic, grant_type, scope, resource and la, and keeps the token until shortly before it expires', async () => {
    let issued = 0;
    idp = await provider((_seen, response) =>
      json(response, 200, { access_token: `token-${++issued}`, expires_in: 600, token_type: 'Bearer' }),
    );
    let now = 1_000_000;
    const source = new ClientCredentialsTokenSource({
      tokenUrl: `${idp.url}/token`,
      clientId: 'cpc-notifications',
      clientSecret: 'a secret:with/odd&chars',
      resource: 'urn:cpc:api',
      now: () => now,
    });
    const request = { scope: 'documents:read', localAuthority: 'LBHF' };
    expect(await source.token(request)).toBe('token-1');
    const [first] = idp.tokenRequests();
    expect(first.form).toEqual({ grant_type: 'client_credentials', scope: 'documents:read', resource: 'urn:cpc:api', la: 'LBHF' });
    const [id, secret] = Buffer.from(first.authorization!.replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    expect([decodeURIComponent(id), decodeURIComponent(secret.replace(/\+/g, ' '))]).toEqual([
      'cpc-notifications',
      'a secret:with/odd&chars',
    ]);

    now += 539_000; // 600 s less the 60 s margin, not yet
    expect(await source.token(request)).toBe('token-1');
    expect(idp.tokenRequests()).toHaveLength(1);
    now += 2_000; // past 540 s: asked again
    expect(await source.token(request)).toBe('token-2');
    expect(idp.tokenRequests()).toHaveLength(2);
  });

  it('keeps one token per local authority, and shares one request between callers that ask at once', async () => {
    let issued = 0;
    idp = await provider((seen, response) => {
      setTimeout(() => json(response, 200, { access_token: `${seen.form.la}-${++issued}`, expires_in: 300 }), 50);
    });
    const source = new ClientCredentialsTokenSource({ tokenUrl: `${idp.url}/token`, clientId: 'c', clientSecret: 's' });
    const tokens = await Promise.all([
      ...Array.from({ length: 5 }, () => source.token({ scope: 'documents:read', localAuthority: 'LBHF' })),
      ...Array.from({ length: 5 }, () => source.token({ scope: 'documents:read', localAuthority: 'ELSEWHERE' })),
    ]);
    expect(idp.tokenRequests()).toHaveLength(2);
    expect(new Set(tokens.slice(0, 5)).size).toBe(1);
    expect(new Set(tokens.slice(5)).size).toBe(1);
    expect(tokens[0]).toMatch(/^LBHF-/);
    expect(tokens[5]).toMatch(/^ELSEWHERE-/);
  });

  it("finds the token endpoint in the issuer's discovery document, read once", async () => {
    idp = await provider((seen, response) => {
      if (seen.path === '/.well-known/openid-configuration')
        return json(response, 200, { issuer: idp!.url, token_endpoint: `${idp!.url}/token` });
      json(response, 200, { access_token: `t-${seen.form.scope}`, expires_in: 300 });
    });
    const source = new ClientCredentialsTokenSource({ issuer: `${idp.url}/`, clientId: 'c', clientSecret: 's' });
    expect(await source.token({ scope: 'a' })).toBe('t-a');
    expect(await source.token({ scope: 'b' })).toBe('t-b');
    expect(idp.seen.map((s) => s.path)).toEqual(['/.well-known/openid-configuration', '/token', '/token']);
  });

  it('a refusal (400/401 with an OAuth error) is TokenRequestRefused, naming the error; nothing is cached', async () => {
    idp = await provider((seen, response) =>
      seen.form.la === 'NOWHERE'
        ? json(response, 400, { error: 'unauthorized_client', error_description: 'this client may not act for local authority NOWHERE' })
        : json(response, 401, { error: 'invalid_client', error_description: 'client authentication failed' }),
    );
    const source = new ClientCredentialsTokenSource({ tokenUrl: `${idp.url}/token`, clientId: 'cpc-notifications', clientSecret: 'wrong' });
    const refused = await source.token({ scope: 'documents:read', localAuthority: 'NOWHERE' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TokenRequestRefused);
    expect(refused).toMatchObject({ status: 400, error: 'unauthorized_client' });
    expect((refused as Error).message).toBe(
      'the identity provider refused a token (client cpc-notifications, scope documents:read, la NOWHERE): unauthorized_client (this client may not act for local authority NOWHERE)',
    );
    await expect(source.token({ scope: 'documents:read', localAuthority: 'LBHF' })).rejects.toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    await expect(source.token({ scope: 'documents:read', localAuthority: 'LBHF' })).rejects.toBeInstanceOf(TokenRequestRefused);
    expect(idp.tokenRequests()).toHaveLength(3);
  });

  it('an outage (5xx, 429, temporarily_unavailable, a body without a token, a timeout) is TokenEndpointUnavailable, a dependency outage', async () => {
    const answers: ((response: ServerResponse) => void)[] = [
      (r) => json(r, 503, { error: 'server_error' }),
      (r) => json(r, 429, {}),
      (r) => json(r, 400, { error: 'temporarily_unavailable' }),
      (r) => {
        r.statusCode = 200;
        r.end('<html>a proxy page</html>');
      },
      () => undefined, // never answers: the timeout
      (r) => json(r, 200, { access_token: 'at-last', expires_in: 300 }),
    ];
    let call = 0;
    idp = await provider((_seen, response) => answers[call++](response));
    const source = new ClientCredentialsTokenSource({ tokenUrl: `${idp.url}/token`, clientId: 'c', clientSecret: 's', timeoutMs: 300 });
    const failures: unknown[] = [];
    for (let i = 0; i < 5; i++) failures.push(await source.token({ scope: 'documents:read' }).catch((e: unknown) => e));
    expect(failures.map((f) => f instanceof TokenEndpointUnavailable)).toEqual([true, true, true, true, true]);
    expect(failures.map((f) => (f as TokenEndpointUnavailable).status)).toEqual([503, 429, 400, 200, undefined]);
    expect((failures[4] as Error).message).toBe('the identity provider did not answer within 300 ms');
    expect(failures.every((f) => f instanceof IdentityProviderUnavailable && unavailableDependency(f) === 'identity-provider')).toBe(true);
    // Not cached: the next call succeeds once the provider is back.
    expect(await source.token({ scope: 'documents:read' })).toBe('at-last');
  });

  it('a provider that is not listening is TokenEndpointUnavailable naming the network error, and discovery is tried again', async () => {
    idp = await provider((_seen, response) => json(response, 200, {}));
    const url = idp.url;
    await idp.close();
    idp = undefined;
    const source = new ClientCredentialsTokenSource({ issuer: url, clientId: 'c', clientSecret: 's' });
    await expect(source.token({ scope: 'documents:read' })).rejects.toThrow('the identity provider could not be reached (ECONNREFUSED)');
    await expect(source.token({ scope: 'documents:read' })).rejects.toBeInstanceOf(TokenEndpointUnavailable);
  });

  it('refuses to be built without a way to the token endpoint or without credentials', () => {
    expect(() => new ClientCredentialsTokenSource({ clientId: 'c', clientSecret: 's' })).toThrow(/token URL or an issuer/);
    expect(() => new ClientCredentialsTokenSource({ tokenUrl: 'http://x/token', clientId: 'c', clientSecret: '' })).toThrow(
      /client id and secret/,
    );
  });
});
