import { consoleAuth } from '@cpc/auth';
import { Allow, AuthGuard, CurrentPrincipal, ProblemFilter, signDevelopmentToken, TokenVerifier, type Principal } from '@cpc/http';
import { createLogger } from '@cpc/observability';
import { startService, type RunningService } from '@cpc/runtime';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { Module } from '@nestjs/common';
import express from 'express';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SchedulingConfig } from '../../../services/scheduling/src/scheduling.config';
import { schedulingService } from '../../../services/scheduling/src/scheduling.definition';
import { testConfig } from '../../../test/support';

const API_AUDIENCE = 'urn:cpc:api';
const PASSWORD = 'local-only-password';

/** Starts deploy/local/oidc/run-local-identity.mjs as `npm start` does, on a free port, and reads its issuer. */
async function startProvider(redirectUri: string): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, 'run-local-identity.mjs')], {
    env: { ...process.env, OIDC_PORT: '0', CPC_CACHE_DIR: mkdtempSync(join(tmpdir(), 'cpc-oidc-')), OIDC_CONSOLE_REDIRECT_URIS: redirectUri },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local identity provider exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { msg: string; issuer?: string };
      if (message.issuer) resolve(message.issuer);
    });
  });
  return { issuer, child };
}

async function clientCredentialsToken(issuer: string, parameters: Record<string, string>): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('cpc-system:local-system-client-secret').toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...parameters }),
  });
  const body = (await response.json()) as { access_token?: string };
  expect(response.status).toBe(200);
  return body.access_token!;
}

/** A browser's cookie jar, reduced to what this flow needs: one host, every cookie sent everywhere. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(header) || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** fetch that keeps cookies and follows redirects itself, like a browser without JavaScript. */
async function browse(jar: CookieJar, url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ response: Response; url: string }> {
  let current = url;
  let method = init.method ?? 'GET';
  let body: URLSearchParams | undefined = init.form ? new URLSearchParams(init.form) : undefined;
  for (let hop = 0; hop < 15; hop++) {
    const response = await fetch(current, { method, body, redirect: 'manual', headers: { cookie: jar.header(), accept: 'text/html' } });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
    current = new URL(location, current).toString();
    method = 'GET';
    body = undefined;
  }
  throw new Error(`too many redirects from ${url}`);
}

function formAction(html: string, ending: string): string {
  const action = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]).find((a) => a.endsWith(ending));
  if (!action) throw new Error(`no form ending ${ending} in ${html}`);
  return action;
}

@Controller('probe')
class ProbeController {
  @Get()
  @Allow({ roles: ['CHAIR'], scope: 'deadlines:read' })
  probe(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

describe('local identity provider (deploy/local/oidc) with the services and the console sign-in', () => {
  let provider: { issuer: string; child: ChildProcess };
  let appServer: Server;
  let appUrl: string;
  let scheduling: RunningService;
  let production: INestApplication;

  beforeAll(async () => {
    appServer = createServer();
    await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
    provider = await startProvider(`${appUrl}/auth/callback`);

    // A tiny console: the auth router, one page with a form, and what the session knows.
    const app = express();
    const auth = consoleAuth({
      issuer: provider.issuer,
      clientId: 'cpc-console',
      clientSecret: 'local-console-client-secret',
      baseUrl: appUrl,
      sessionKeys: ['a-session-key-for-this-test-only-0123456789'],
      publicPaths: ['/health'],
    });
    app.use(auth.router);
    app.get('/health', (_req, res) => res.send('ok'));
    app.get('/me', (req, res) => res.json({ user: req.user, principal: req.principal }));
    app.get('/form', (_req, res) => res.type('html').send(`<form method="post" action="/form"><input name="_csrf" value="${res.locals.csrfToken}"></form>`));
    app.post('/form', (_req, res) => res.send('saved'));
    appServer.on('request', app);

    scheduling = await startService(
      schedulingService(
        testConfig(SchedulingConfig, { AUTH_JWKS_URL: `${provider.issuer}/jwks`, AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: API_AUDIENCE }),
      ),
    );

    // The same guard and verifier the runtime gives every service, as NODE_ENV=production builds them.
    @Module({
      controllers: [ProbeController],
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier({ secret: 'a-development-secret-0123', jwksUrl: `${provider.issuer}/jwks`, issuer: provider.issuer, audience: API_AUDIENCE, production: true }) },
        { provide: APP_GUARD, inject: [Reflector, TokenVerifier], useFactory: (r: Reflector, v: TokenVerifier) => new AuthGuard(r, v) },
        { provide: APP_FILTER, useValue: new ProblemFilter(createLogger('auth-test', 'silent')) },
      ],
    })
    class ProductionModule {}
    production = await NestFactory.create(ProductionModule, { logger: false });
    await production.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await Promise.all([scheduling?.close(), production?.close(), new Promise((r) => appServer?.close(r))]);
    provider?.child.kill('SIGTERM');
  });

  const schedulingUrl = () => `http://127.0.0.1:${(scheduling.app.getHttpServer().address() as AddressInfo).port}`;

  it("a SYSTEM client's client-credentials token (RS256, from the JWKS) is accepted by a service API", async () => {
    const token = await clientCredentialsToken(provider.issuer, { scope: 'deadlines:read' });
    const response = await fetch(`${schedulingUrl()}/api/v1/deadlines?conferenceId=${randomUUID()}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ items: [] });
  });

  it('a token the provider gave for another audience is refused with a problem+json 401 naming the audience', async () => {
    const token = await clientCredentialsToken(provider.issuer, { resource: 'urn:cpc:other-council-system', scope: 'other:read' });
    const response = await fetch(`${schedulingUrl()}/api/v1/deadlines`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await response.json()) as { detail: string }).detail).toBe(
      'The bearer token was refused: it is for audience "urn:cpc:other-council-system", not "urn:cpc:api".',
    );
  });

  it('with NODE_ENV=production an HS256 development token is refused (401), and the provider token still accepted', async () => {
    const base = `http://127.0.0.1:${(production.getHttpServer().address() as AddressInfo).port}/probe`;
    const development = signDevelopmentToken('a-development-secret-0123', { sub: 'dev', roles: ['CHAIR'], la: 'LBHF' });
    const refused = await fetch(base, { headers: { authorization: `Bearer ${development}` } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/HS256 development tokens are refused in production/);
    const token = await clientCredentialsToken(provider.issuer, { scope: 'deadlines:read' });
    const accepted = await fetch(base, { headers: { authorization: `Bearer ${token}` } });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ sub: 'cpc-system', roles: ['SYSTEM'], la: 'LBHF', scopes: ['deadlines:read'] });
  });

  it('signs a seeded chair in with authorization code + PKCE (login and consent forms), and the session holds their roles and LA', async () => {
    const jar = new CookieJar();
    // A page asks for sign-in first, and comes back to where the user was going.
    const start = await browse(jar, `${appUrl}/me`);
    expect(start.url).toMatch(new RegExp(`^${provider.issuer}/interaction/`));
    const login = await start.response.text();
    expect(login).toContain('name="username"');

    const wrong = await browse(jar, new URL(formAction(login, '/login'), start.url).toString(), { method: 'POST', form: { username: 'chair.lbhf', password: 'nope' } });
    expect(wrong.response.status).toBe(401);

    const consent = await browse(jar, new URL(formAction(login, '/login'), start.url).toString(), {
      method: 'POST',
      form: { username: 'chair.lbhf', password: PASSWORD },
    });
    const consentHtml = await consent.response.text();
    expect(consentHtml).toContain('Continue');
    const signedIn = await browse(jar, new URL(formAction(consentHtml, '/confirm'), consent.url).toString(), { method: 'POST' });
    expect(signedIn.url).toBe(`${appUrl}/me`);
    const me = (await signedIn.response.json()) as { user: unknown; principal: unknown };
    expect(me.user).toEqual({ sub: 'chair.lbhf', name: 'Conference chair (LBHF)', roles: ['CHAIR'], localAuthority: 'LBHF' });
    expect(me.principal).toEqual({ sub: 'chair.lbhf', name: 'Conference chair (LBHF)', roles: ['CHAIR'], la: 'LBHF', scopes: [] });

    // The session cookie: signed, HTTP-only, SameSite=Lax, not Secure on 127.0.0.1.
    const cookie = await fetch(`${appUrl}/auth/login`, { redirect: 'manual' });
    const session = cookie.headers.getSetCookie().find((c) => c.startsWith('cpc.session='))!;
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
    expect(session).not.toMatch(/secure/i);
    expect(cookie.headers.getSetCookie().some((c) => c.startsWith('cpc.session.sig='))).toBe(true);

    // CSRF: the form post without the token is refused, with it accepted.
    const form = await (await fetch(`${appUrl}/form`, { headers: { cookie: jar.header() } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1];
    const post = (fields: Record<string, string>) =>
      fetch(`${appUrl}/form`, { method: 'POST', headers: { cookie: jar.header() }, body: new URLSearchParams(fields), redirect: 'manual' });
    const refused = await post({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toMatch(/csrf-token-invalid/);
    expect((await post({ _csrf: 'forged' })).status).toBe(403);
    expect((await post({ _csrf: csrf })).status).toBe(200);

    // Sign-out is a form post too: it ends the console session and goes on to the provider's end-session page.
    expect((await fetch(`${appUrl}/auth/logout`, { method: 'POST', headers: { cookie: jar.header() }, redirect: 'manual' })).status).toBe(403);
    const out = await fetch(`${appUrl}/auth/logout`, { method: 'POST', headers: { cookie: jar.header() }, body: new URLSearchParams({ _csrf: csrf }), redirect: 'manual' });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toMatch(new RegExp(`^${provider.issuer}/session/end\\?id_token_hint=`));
    jar.store(out);
    const after = await fetch(`${appUrl}/me`, { headers: { cookie: jar.header(), accept: 'application/json' }, redirect: 'manual' });
    expect(after.status).toBe(401);
  });

  it('refuses a callback that this browser did not start (no state in its session)', async () => {
    const response = await fetch(`${appUrl}/auth/callback?code=stolen&state=whatever`, { redirect: 'manual' });
    expect(response.status).toBe(400);
  });
});
