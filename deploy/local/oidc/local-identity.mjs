// The local stand-in for the council's identity provider: a real, certified OpenID Connect provider
// (oidc-provider) with seeded users for every staff role in two local authorities, a confidential
// client for the console (authorization code + PKCE) and a client-credentials client for SYSTEM
// integrations. Its RS256 signing key is made once per machine and kept (keys.mjs), so tokens and
// sessions survive a restart of the stack. Development only: accounts, grants and sessions live in
// memory and every password is the one printed by `npm start`.
//
// oidc-provider 8.8.1, not 9.x: 9.0.0 dropped Node.js 20 (it warns "Unsupported runtime" there), and
// this project runs on Node.js 20; 8.8.1 is the newest release that supports it.
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import * as clientCredentialsGrant from 'oidc-provider/lib/actions/grants/client_credentials.js';
import { interactionRoutes } from './interactions.mjs';
import { escape, page } from './pages.mjs';
import { loadOrCreateKeys } from './keys.mjs';

export const DEFAULT_OIDC_PORT = 9400;
/** The audience the provider gives tokens for the four services' APIs (AUTH_AUDIENCE). */
export const API_AUDIENCE = 'urn:cpc:api';
/** Another resource server the provider knows, so a token for the wrong audience can be had (and refused). */
export const OTHER_AUDIENCE = 'urn:cpc:other-council-system';
/** Every seeded user's password. Local only: the provider never runs outside development. */
export const LOCAL_PASSWORD = 'local-only-password';
export const CONSOLE_CLIENT = { id: 'cpc-console', secret: 'local-console-client-secret' };
export const SYSTEM_CLIENT = { id: 'cpc-system', secret: 'local-system-client-secret', la: 'LBHF' };
/**
 * The notifications service's own client: it reads a plan from documents for the local authority the
 * conference belongs to, so it names that authority in each token request (`la`), and the provider
 * issues it as the `la` claim only for the authorities this client may act for.
 */
export const NOTIFICATIONS_CLIENT = {
  id: 'cpc-notifications',
  secret: 'local-notifications-client-secret',
  scope: 'documents:read',
  localAuthorities: ['LBHF', 'ELSEWHERE'],
};
/**
 * The scopes a SYSTEM client may be granted (DOMAIN.md "People and roles"; each endpoint's @Allow names its own,
 * the OpenAPI documents' `x-system-scope`, every one of which is here: deploy/tools/openapi-contract.spec.ts).
 * `conferences:contacts:read` adds the participants' contact details to what `conferences:read` reads.
 */
export const API_SCOPES = [
  'calendar:read',
  'conferences:contacts:read',
  'conferences:read',
  'conferences:write',
  'deadlines:read',
  'documents:read',
  'notifications:read',
  'ops:read',
  'policy:read',
  'policy:write',
  'reports:write',
  'routing:read',
  'routing:write',
];

/** The local authorities the demo and the tests use: LBHF, and ELSEWHERE whose records LBHF staff must never see. */
export const LOCAL_AUTHORITIES = ['LBHF', 'ELSEWHERE'];
const STAFF = [
  ['chair', 'CHAIR', 'Conference chair'],
  ['social-worker', 'SOCIAL_WORKER', 'Social worker'],
  ['clerk', 'CLERK', 'Conference clerk'],
  ['team-manager', 'TEAM_MANAGER', 'Team manager'],
  ['safeguarding-manager', 'SAFEGUARDING_SERVICE_MANAGER', 'Safeguarding service manager'],
  ['locality-manager', 'LOCALITY_SERVICE_MANAGER', 'Locality service manager'],
  ['professional', 'PROFESSIONAL', 'Health visitor'],
];

/** Seeded users: `<role>.<la>` (e.g. chair.lbhf) for each staff role in each authority, and the platform operator. */
export const USERS = [
  ...LOCAL_AUTHORITIES.flatMap((la) =>
    STAFF.map(([login, role, title]) => ({ username: `${login}.${la.toLowerCase()}`, name: `${title} (${la})`, roles: [role], la })),
  ),
  // Runs the platform (the Bull Board); no staff role, so no family's records.
  { username: 'platform-operator', name: 'Platform operator', roles: ['PLATFORM_OPERATOR'], la: 'LBHF' },
];

/** oidc-provider's own in-memory store, named as ours: in memory on purpose (local only), so without its start-up warning. */
class LocalMemoryAdapter extends MemoryAdapter {}

const RESOURCE_SERVERS = {
  [API_AUDIENCE]: { scope: API_SCOPES.join(' '), audience: API_AUDIENCE },
  [OTHER_AUDIENCE]: { scope: 'other:read', audience: OTHER_AUDIENCE },
};

/**
 * Starts the provider on host:port (0 picks a free port) and answers once it listens.
 * issuer: the public address, when it is not http://host:port (a container listening on 0.0.0.0);
 * consoleRedirectUris: where the console client may be sent back to (its /auth/callback);
 * consolePostLogoutUris: where it may land after signing out.
 */
export async function startLocalIdentity({
  host = '127.0.0.1',
  port = DEFAULT_OIDC_PORT,
  issuer: publicIssuer,
  keysDir,
  consoleRedirectUris,
  consolePostLogoutUris = [],
} = {}) {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const issuer = publicIssuer ?? `http://${host}:${server.address().port}`;
  const keys = loadOrCreateKeys(keysDir);
  const provider = new Provider(issuer, configuration({ keys, consoleRedirectUris, consolePostLogoutUris }));
  registerClientCredentialsWithLocalAuthority(provider);
  const interactions = interactionRoutes(provider, USERS, LOCAL_PASSWORD);
  const oidc = provider.callback();
  server.on('request', (req, res) => {
    interactions(req, res).then(
      (handled) => handled || oidc(req, res),
      (error) => {
        res.statusCode = 500;
        res.end(`interaction failed: ${error.message}`);
      },
    );
  });
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    keysFile: keys.file,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The client credentials grant with one more token request parameter, `la`: the local authority the
 * token is to act for. The provider checks it against the client's own list (cpc_las, or its single
 * cpc_la) before the standard grant runs, and extraTokenClaims issues it as the `la` claim. A client with
 * several authorities must name one; a name it may not act for is `unauthorized_client` (400).
 */
function registerClientCredentialsWithLocalAuthority(provider) {
  const parameters = new Set([...clientCredentialsGrant.parameters, 'resource', 'la']);
  provider.registerGrantType(
    'client_credentials',
    async (ctx, next) => {
      const { client, params } = ctx.oidc;
      const allowed = client.cpc_las ?? (client.cpc_la ? [client.cpc_la] : []);
      if (params.la === undefined) {
        if (allowed.length > 1) {
          throw new errors.InvalidRequest(
            `la is required: ${client.clientId} acts for ${allowed.join(', ')}; name the one this token is for`,
          );
        }
      } else if (!allowed.includes(params.la)) {
        throw new errors.UnauthorizedClient(`${client.clientId} may not act for local authority ${params.la}`);
      }
      return clientCredentialsGrant.handler(ctx, next);
    },
    parameters,
    ['resource'],
  );
}

function configuration({ keys, consoleRedirectUris, consolePostLogoutUris }) {
  const accounts = new Map(USERS.map((user) => [user.username, user]));
  return {
    adapter: LocalMemoryAdapter,
    clients: [
      {
        client_id: CONSOLE_CLIENT.id,
        client_secret: CONSOLE_CLIENT.secret,
        client_name: 'CPC operations console',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: consoleRedirectUris,
        post_logout_redirect_uris: consolePostLogoutUris,
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: SYSTEM_CLIENT.id,
        client_secret: SYSTEM_CLIENT.secret,
        client_name: 'Council system (SYSTEM)',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: [...API_SCOPES, 'other:read'].join(' '),
        cpc_la: SYSTEM_CLIENT.la,
      },
      {
        client_id: NOTIFICATIONS_CLIENT.id,
        client_secret: NOTIFICATIONS_CLIENT.secret,
        client_name: 'CPC notifications service',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: NOTIFICATIONS_CLIENT.scope,
        cpc_las: NOTIFICATIONS_CLIENT.localAuthorities,
      },
    ],
    // cpc_la: the one local authority a client acts for; cpc_las: the several it may, one named per token request.
    extraClientMetadata: { properties: ['cpc_la', 'cpc_las'] },
    jwks: { keys: keys.signing },
    cookies: { keys: keys.cookies },
    async findAccount(_ctx, id) {
      const user = accounts.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: user.name, roles: user.roles, la: user.la }) };
    },
    // `cpc` carries what the APIs and the console read: roles and la (libs/http Principal).
    claims: { openid: ['sub'], profile: ['name'], cpc: ['roles', 'la'] },
    scopes: ['openid', 'profile', 'cpc', ...API_SCOPES, 'other:read'],
    // The console reads name, roles and la from the ID token, without a userinfo call.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        // A SYSTEM client that names no resource gets a token for the APIs.
        defaultResource: async (_ctx, client, oneOf) =>
          oneOf ?? (client.grantTypes.includes('client_credentials') ? API_AUDIENCE : undefined),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          const server = RESOURCE_SERVERS[resource];
          if (!server) throw new errors.InvalidTarget(`unknown resource ${resource}`);
          return { ...server, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    // Access tokens carry the same roles and la as a development token, so libs/http reads both alike.
    async extraTokenClaims(ctx, token) {
      if (token.kind === 'ClientCredentials')
        return { roles: ['SYSTEM'], la: ctx.oidc.params?.la ?? ctx.oidc.client.cpc_la ?? SYSTEM_CLIENT.la };
      const user = token.accountId ? accounts.get(token.accountId) : undefined;
      return user ? { name: user.name, roles: user.roles, la: user.la } : undefined;
    },
    ttl: { AccessToken: 3600, ClientCredentials: 600, IdToken: 3600, Interaction: 600, Session: 12 * 3600, Grant: 12 * 3600 },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
    },
  };
}

async function logoutSource(ctx, form) {
  ctx.body = page(
    'Sign out',
    `${form}<p>Sign out of the local identity provider?</p><button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
  );
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('Signed out', '<p>You are signed out.</p>');
}
