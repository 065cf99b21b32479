import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { AuthGuard, signDevelopmentToken, TokenVerifier } from './auth';
import { DependencyUnavailableProblem, IdentityProviderUnavailable } from './dependency-outage';
import { toProblem } from './problem.filter';

const SECRET = 'a-development-secret-for-this-test';
const claims = { sub: 'chair.lbhf', name: 'A Chair', roles: ['CHAIR'], la: 'LBHF' };

/** An identity provider's JWKS endpoint whose key set the test can rotate. */
async function jwksServer(): Promise<{ url: string; keys: JWK[]; fetches: () => number; close(): Promise<void> }> {
  const keys: JWK[] = [];
  let count = 0;
  const server: Server = createServer((_, response) => {
    count += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/jwks`, keys, fetches: () => count, close: () => new Promise((r) => server.close(() => r())) };
}

async function signingKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const sign = (payload: Record<string, unknown>, options: { aud?: string; iss?: string; exp?: number } = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(options.iss ?? 'http://idp.test')
      .setAudience(options.aud ?? 'urn:cpc:api')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(privateKey);
  return { jwk, sign };
}

describe('TokenVerifier', () => {
  let idp: Awaited<ReturnType<typeof jwksServer>>;
  beforeEach(async () => {
    idp = await jwksServer();
  });
  afterEach(() => idp.close());

  const verifier = (extra: Partial<ConstructorParameters<typeof TokenVerifier>[0]> = {}) =>
    new TokenVerifier({
      secret: SECRET,
      jwksUrl: idp.url,
      issuer: 'http://idp.test',
      audience: 'urn:cpc:api',
      jwksCooldownMs: 0,
      ...extra,
    });

  it("accepts the identity provider's RS256 token with the right issuer and audience, and reads roles and la", async () => {
    const key = await signingKey('k1');
    idp.keys.push(key.jwk);
    const principal = await verifier().verify(await key.sign(claims));
    expect(principal).toEqual({ sub: 'chair.lbhf', name: 'A Chair', roles: ['CHAIR'], la: 'LBHF', scopes: [] });
  });

  it('refuses a token for another audience, or from another issuer, saying which', async () => {
    const key = await signingKey('k1');
    idp.keys.push(key.jwk);
    await expect(verifier().verify(await key.sign(claims, { aud: 'urn:other:api' }))).rejects.toThrow(
      'it is for audience "urn:other:api", not "urn:cpc:api"',
    );
    await expect(verifier().verify(await key.sign(claims, { iss: 'http://evil.test' }))).rejects.toThrow(
      'it was issued by "http://evil.test", not "http://idp.test"',
    );
  });

  it('refuses an expired token, saying when it expired', async () => {
    const key = await signingKey('k1');
    idp.keys.push(key.jwk);
    const exp = Math.floor(Date.now() / 1000) - 600;
    await expect(verifier().verify(await key.sign(claims, { exp }))).rejects.toThrow(`it expired at ${new Date(exp * 1000).toISOString()}`);
  });

  it('fetches the JWKS again when a token names a key id it does not hold (rotation), and caches it otherwise', async () => {
    const [first, second] = [await signingKey('k1'), await signingKey('k2')];
    idp.keys.push(first.jwk);
    const check = verifier();
    await check.verify(await first.sign(claims));
    await check.verify(await first.sign(claims));
    expect(idp.fetches()).toBe(1);
    idp.keys.push(second.jwk); // the provider publishes its next key and starts signing with it
    await expect(check.verify(await second.sign(claims))).resolves.toMatchObject({ sub: 'chair.lbhf' });
    expect(idp.fetches()).toBe(2);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const published = await signingKey('k1');
    const forged = await signingKey('k1');
    idp.keys.push(published.jwk);
    await expect(verifier().verify(await forged.sign(claims))).rejects.toThrow('its signature does not verify');
  });

  it('accepts an HS256 development token when a secret is configured, outside production only', async () => {
    const token = signDevelopmentToken(SECRET, { sub: 'u', roles: ['CLERK'], la: 'LBHF' });
    await expect(verifier().verify(token)).resolves.toMatchObject({ roles: ['CLERK'] });
    await expect(verifier({ production: true }).verify(token)).rejects.toThrow(/HS256 development tokens are refused in production/);
    await expect(verifier({ secret: undefined }).verify(token)).rejects.toThrow(/not accepted here \(no AUTH_JWT_SECRET\)/);
    await expect(
      verifier().verify(signDevelopmentToken('another-secret-of-16-chars', { sub: 'u', roles: ['CLERK'], la: 'LBHF' })),
    ).rejects.toThrow('its signature does not verify');
  });

  it('answers a token it has verified from memory, a copy each time, and never past its exp', async () => {
    const key = await signingKey('k1');
    idp.keys.push(key.jwk);
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const token = await key.sign(claims, { exp: expiresAt });
    const checked = verifier();
    const anew = jest.spyOn(checked as unknown as { verifyAnew: (t: string) => Promise<unknown> }, 'verifyAnew');
    const first = await checked.verify(token);
    first.roles.push('TEAM_MANAGER'); // a caller's change to its principal reaches no other request
    await expect(checked.verify(token)).resolves.toEqual({ sub: 'chair.lbhf', name: 'A Chair', roles: ['CHAIR'], la: 'LBHF', scopes: [] });
    expect(anew).toHaveBeenCalledTimes(1);
    // A refusal is not remembered: the same bad token is checked, and refused, each time.
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(40)}`;
    await expect(checked.verify(forged)).rejects.toThrow();
    await expect(checked.verify(forged)).rejects.toThrow();
    expect(anew).toHaveBeenCalledTimes(3);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    await expect(checked.verify(token)).rejects.toThrow(/expired/);
  });

  it('refuses an unsigned token, an algorithm it does not pin, and what is not a JWT', async () => {
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await expect(verifier().verify(unsigned)).rejects.toThrow(/signed with none; accepted are RS256, PS256, ES256/);
    await expect(verifier().verify('forged')).rejects.toThrow('it is not a JWT');
  });

  it('refuses a signed token when no identity provider is configured', async () => {
    const key = await signingKey('k1');
    await expect(new TokenVerifier({ secret: SECRET }).verify(await key.sign(claims))).rejects.toThrow(
      /no identity provider is configured/,
    );
  });

  describe('when the JWKS cannot be had (an outage, not a bad token)', () => {
    async function brokenJwks(answer: (response: import('node:http').ServerResponse) => void) {
      const server = createServer((_, response) => answer(response));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      };
    }

    it.each([
      ['answers 500', (r: import('node:http').ServerResponse) => ((r.statusCode = 500), r.end('{}'))],
      ['answers a page that is not JSON', (r: import('node:http').ServerResponse) => r.end('<html>maintenance</html>')],
      ['answers JSON that is not a key set', (r: import('node:http').ServerResponse) => r.end('{"keys":"none"}')],
    ])('a JWKS that %s is IdentityProviderUnavailable', async (_what, answer) => {
      const broken = await brokenJwks(answer);
      const key = await signingKey('k1');
      try {
        const refusal = await verifier({ jwksUrl: broken.url })
          .verify(await key.sign(claims))
          .catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(IdentityProviderUnavailable);
        expect((refusal as Error).message).toMatch(/^the identity provider's JWKS could not be read/);
      } finally {
        await broken.close();
      }
    });

    it('a JWKS that is not listening is IdentityProviderUnavailable; a bad token with a JWKS that answers stays a refusal', async () => {
      const broken = await brokenJwks(() => undefined);
      await broken.close();
      const key = await signingKey('k1');
      await expect(verifier({ jwksUrl: broken.url }).verify(await key.sign(claims))).rejects.toBeInstanceOf(IdentityProviderUnavailable);
      idp.keys.push((await signingKey('k1')).jwk);
      const forged = await verifier()
        .verify(await key.sign(claims))
        .catch((e: unknown) => e);
      expect(forged).not.toBeInstanceOf(IdentityProviderUnavailable);
      expect((forged as Error).message).toBe('its signature does not verify');
    });

    it('the guard answers a 503 dependency-unavailable problem with Retry-After for the outage, and 401 for a bad token', async () => {
      const broken = await brokenJwks((r) => ((r.statusCode = 502), r.end()));
      const key = await signingKey('k1');
      const context = (token: string) =>
        ({
          getType: () => 'http',
          getHandler: () => function handler() {},
          getClass: () => class Controller {},
          switchToHttp: () => ({ getRequest: () => ({ headers: { authorization: `Bearer ${token}` } }) }),
        }) as unknown as ExecutionContext;
      try {
        const guard = new AuthGuard(new Reflector(), verifier({ jwksUrl: broken.url }));
        const outage = await guard.canActivate(context(await key.sign(claims))).catch((e: unknown) => e);
        expect(outage).toBeInstanceOf(DependencyUnavailableProblem);
        expect(toProblem(outage, '/api/v1/x')).toMatchObject({
          status: 503,
          type: '/problems/dependency-unavailable',
          dependency: 'identity-provider',
          retryAfterSeconds: 5,
          detail: 'The identity provider is not answering; nothing was changed by this request. Try again in 5 seconds.',
        });
        const bad = await guard.canActivate(context('not-a-jwt')).catch((e: unknown) => e);
        expect(toProblem(bad, '/api/v1/x')).toMatchObject({ status: 401, detail: 'The bearer token was refused: it is not a JWT.' });
      } finally {
        await broken.close();
      }
    });
  });
});
