import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { signDevelopmentToken, TokenVerifier } from './auth';

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
    new TokenVerifier({ secret: SECRET, jwksUrl: idp.url, issuer: 'http://idp.test', audience: 'urn:cpc:api', jwksCooldownMs: 0, ...extra });

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
    await expect(verifier().verify(signDevelopmentToken('another-secret-of-16-chars', { sub: 'u', roles: ['CLERK'], la: 'LBHF' }))).rejects.toThrow(
      'its signature does not verify',
    );
  });

  it('refuses an unsigned token, an algorithm it does not pin, and what is not a JWT', async () => {
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await expect(verifier().verify(unsigned)).rejects.toThrow(/signed with none; accepted are RS256, PS256, ES256/);
    await expect(verifier().verify('forged')).rejects.toThrow('it is not a JWT');
  });

  it('refuses a signed token when no identity provider is configured', async () => {
    const key = await signingKey('k1');
    await expect(new TokenVerifier({ secret: SECRET }).verify(await key.sign(claims))).rejects.toThrow(/no identity provider is configured/);
  });
});
