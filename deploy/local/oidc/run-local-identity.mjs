// Runs the local identity provider as its own process (`npm start` starts it; tests spawn it).
//   OIDC_HOST (127.0.0.1), OIDC_PORT (9400; 0 picks a free port), CPC_CACHE_DIR (the keys' home),
//   OIDC_ISSUER (http://OIDC_HOST:OIDC_PORT): the public address, when it listens on 0.0.0.0 in a container,
//   OIDC_CONSOLE_URL (http://127.0.0.1:3005): the console whose /auth/callback it sends users back to;
//   OIDC_CONSOLE_REDIRECT_URIS: more redirect URIs, comma-separated (tests).
// Prints one JSON line when it listens: {"msg":"local identity provider ready","issuer":...,"jwksUrl":...}.
import { DEFAULT_OIDC_PORT, startLocalIdentity } from './local-identity.mjs';
import { defaultKeysDir } from './keys.mjs';

const consoleUrls = [process.env.OIDC_CONSOLE_URL ?? 'http://127.0.0.1:3005'].flatMap((url) => {
  const base = url.replace(/\/+$/, '');
  return [base, base.replace('://127.0.0.1', '://localhost')];
});
const extra = (process.env.OIDC_CONSOLE_REDIRECT_URIS ?? '').split(',').filter(Boolean);
const redirectUris = [...new Set([...consoleUrls.map((base) => `${base}/auth/callback`), ...extra])];
const postLogout = [...new Set([...consoleUrls.map((base) => `${base}/`), ...extra.map((uri) => new URL('/', uri).toString())])];

try {
  const identity = await startLocalIdentity({
    host: process.env.OIDC_HOST ?? '127.0.0.1',
    port: Number(process.env.OIDC_PORT ?? DEFAULT_OIDC_PORT),
    issuer: process.env.OIDC_ISSUER || undefined,
    keysDir: defaultKeysDir(),
    consoleRedirectUris: redirectUris,
    consolePostLogoutUris: postLogout,
  });
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'local identity provider ready', issuer: identity.issuer, jwksUrl: identity.jwksUrl, redirectUris })}\n`,
  );
  const stop = () => identity.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: `local identity provider did not start: ${error.message}` })}\n`);
  process.exit(1);
}
