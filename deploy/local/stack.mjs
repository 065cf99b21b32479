// `npm start`: brings the whole stack up on this machine with local defaults and runs it until Ctrl-C.
//   1. deploy/local/infra.sh up: Kafka (KRaft, from Maven jars), PostgreSQL, Redis, the SMTP and
//      GOV.UK Notify stand-ins, databases and topics;
//   2. the five services (the four APIs and the console), each its own process (logs in .local/logs/<service>.log; warnings and
//      errors are echoed here);
//   2b. the local OpenID Connect provider (deploy/local/oidc, its own process, OIDC_PORT 9400) whose
//      RS256 tokens the services accept (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE are set for them);
//   3. waits until every /health/ready answers 200, registers the notifications service's receipt
//      URL with the Notify stand-in (NOTIFY_CALLBACK_URL) and seeds the LBHF routing directory,
//      then prints where everything is.
// `npm start` also schedules a sample conference in LBHF (once a day) and shows the deadlines it produced;
// `npm start -- --no-demo` does not.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOGS = join(ROOT, '.local', 'logs');
const SERVICES = [
  { name: 'conference', port: Number(process.env.CONFERENCE_PORT ?? 3001) },
  { name: 'scheduling', port: Number(process.env.SCHEDULING_PORT ?? 3002) },
  { name: 'documents', port: Number(process.env.DOCUMENTS_PORT ?? 3003) },
  { name: 'notifications', port: Number(process.env.NOTIFICATIONS_PORT ?? 3004) },
  { name: 'console', port: Number(process.env.CONSOLE_PORT ?? 3005) },
];
const OIDC_PORT = Number(process.env.OIDC_PORT ?? 9400);
const CONSOLE_URL = process.env.CONSOLE_BASE_URL ?? `http://127.0.0.1:${SERVICES.find((s) => s.name === 'console').port}`;
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
// The services check the local provider's tokens as production checks the council's; HS256 development
// tokens (AUTH_JWT_SECRET) stay accepted too, outside production, for curl and the tests.
const AUTH_ENV = { AUTH_JWKS_URL: `${OIDC_ISSUER}/jwks`, AUTH_ISSUER: OIDC_ISSUER, AUTH_AUDIENCE: 'urn:cpc:api' };
const READY_TIMEOUT_MS = 120_000;
const started = Date.now();
const children = [];
let stopping = false;

function say(line) {
  process.stdout.write(`[stack] ${line}\n`);
}

function infraUp() {
  const result = spawnSync('bash', [join(ROOT, 'deploy/local/infra.sh'), 'up'], { stdio: 'inherit' });
  if (result.status !== 0) {
    say('infrastructure did not come up; see the messages above.');
    process.exit(1);
  }
}

function startService({ name, port }) {
  mkdirSync(LOGS, { recursive: true });
  const log = createWriteStream(join(LOGS, `${name}.log`), { flags: 'a' });
  // Per-service overrides use the service's name as prefix (CONFERENCE_DATABASE_URL ...); the
  // services themselves read the unprefixed names.
  const prefix = `${name.toUpperCase()}_`;
  const own = Object.fromEntries(
    Object.entries(process.env)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
  // The console signs its users in at the local provider, which sends them back to this address.
  const consoleEnv = name === 'console' ? { CONSOLE_BASE_URL: CONSOLE_URL } : {};
  const child = spawn(process.execPath, [join(ROOT, 'services', name, 'dist', 'main.js')], {
    env: { ...AUTH_ENV, ...consoleEnv, ...process.env, PORT: String(port), ...own },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      log.write(`${line}\n`);
      if (/"level":"(warn|error|fatal)"/.test(line) || !line.startsWith('{')) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping the stack. Its log: ${join(LOGS, `${name}.log`)}`);
      stop(1);
    }
  });
  children.push({ name, child });
}

/** The local identity provider, its own process (log .local/logs/oidc.log); answers once its discovery document does. */
async function startIdentityProvider() {
  mkdirSync(LOGS, { recursive: true });
  const log = createWriteStream(join(LOGS, 'oidc.log'), { flags: 'a' });
  const child = spawn(process.execPath, [join(ROOT, 'deploy/local/oidc/run-local-identity.mjs')], {
    env: { OIDC_CONSOLE_URL: CONSOLE_URL, ...process.env, OIDC_PORT: String(OIDC_PORT) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      log.write(`${line}\n`);
      if (/"level":"(warn|error|fatal)"/.test(line) || !line.startsWith('{')) process.stdout.write(`[oidc] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`the local identity provider exited (${signal ?? code}); stopping the stack. Its log: ${join(LOGS, 'oidc.log')}`);
      stop(1);
    }
  });
  children.push({ name: 'oidc', child });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${OIDC_ISSUER}/.well-known/openid-configuration`)).ok) return;
    } catch {
      // not listening yet: keep waiting until the deadline
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the local identity provider did not answer on ${OIDC_ISSUER} (port taken? set OIDC_PORT; log: ${join(LOGS, 'oidc.log')})`);
}

/** How to sign in locally: the seeded users (deploy/local/oidc/local-identity.mjs) and the clients. */
async function printSignIn() {
  const { USERS, LOCAL_PASSWORD, SYSTEM_CLIENT, CONSOLE_CLIENT } = await import('./oidc/local-identity.mjs');
  say(`identity      ${OIDC_ISSUER} (local OpenID Connect provider; every seeded user's password: ${LOCAL_PASSWORD})`);
  for (const user of USERS) say(`  sign in as ${user.username.padEnd(28)} ${user.roles.join(', ').padEnd(30)} ${user.la}`);
  say(`  console client ${CONSOLE_CLIENT.id} / ${CONSOLE_CLIENT.secret}; SYSTEM client ${SYSTEM_CLIENT.id} / ${SYSTEM_CLIENT.secret} (client credentials, la ${SYSTEM_CLIENT.la}):`);
  say(`  curl -s -u ${SYSTEM_CLIENT.id}:${SYSTEM_CLIENT.secret} -d grant_type=client_credentials -d scope=deadlines:read ${OIDC_ISSUER}/token`);
}

async function waitReady({ name, port }) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet: keep waiting until the deadline
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS / 1000}s (log: ${join(LOGS, `${name}.log`)})`);
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping the services...');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  say('stopped. Kafka and the stand-ins keep running for the next start; `npm run infra -- down` stops them.');
  process.exit(code);
}

function developmentToken(roles) {
  const { signDevelopmentToken } = require('@cpc/http');
  const { LOCAL_JWT_SECRET } = require('@cpc/config');
  return signDevelopmentToken(
    process.env.AUTH_JWT_SECRET ?? LOCAL_JWT_SECRET,
    { sub: 'local-demo', name: 'Local Demo', roles, la: 'LBHF' },
    12 * 3600,
  );
}

async function demo(token) {
  const start = new Date(Date.now() + 3 * 86400_000);
  start.setUTCHours(10, 0, 0, 0);
  const day = new Date().toISOString().slice(0, 10);
  const response = await fetch(`http://127.0.0.1:${SERVICES[0].port}/api/v1/conferences`, {
    method: 'POST',
    // One demo conference a day: starting again the same day answers the first one (Idempotency-Key).
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `local-demo-${day}` },
    body: JSON.stringify({
      kind: 'ICPC',
      localAuthority: 'LBHF',
      team: 'North locality',
      children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
      scheduledStart: start.toISOString(),
      durationMinutes: 90,
      participationOption: 'FULL',
      participants: [
        // The seeded chair.lbhf, by the name the identity provider gives them, so "Conferences I chair" shows it.
        { role: 'CHAIR', firstName: 'Conference', lastName: 'chair (LBHF)', userId: 'chair.lbhf', email: 'chair@lbhf.example' },
        { role: 'SOCIAL_WORKER', firstName: 'Sam', lastName: 'Reed', email: 'sam.reed@lbhf.example' },
        { role: 'PROFESSIONAL', firstName: 'Pat', lastName: 'Constable', agency: 'Police', email: 'pat.constable@police.example' },
        // Contacts not yet confirmed by the chair: what goes to this parent is held (R-CONTACT).
        { role: 'PARENT', firstName: 'Jo', lastName: 'Stone', email: 'jo.stone@family.example', mobile: '07700 900123' },
      ],
    }),
  });
  const conference = await response.json();
  if (!response.ok) {
    say(`demo: the conference service answered ${response.status}: ${JSON.stringify(conference)}`);
    return;
  }
  say(`demo: scheduled conference ${conference.id} for ${conference.scheduledStart}`);
  // Scheduling learns of it from Kafka: wait for its deadlines (longer the first time, while it reads the topics' history).
  let items = [];
  for (const started = Date.now(); items.length === 0 && Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 1000))) {
    const deadlines = await fetch(`http://127.0.0.1:${SERVICES[1].port}/api/v1/deadlines?conferenceId=${conference.id}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json());
    items = deadlines.items ?? [];
  }
  if (items.length === 0) say('demo: its deadlines appear once scheduling has read the topics (GET /api/v1/deadlines, or the console)');
  for (const d of items) say(`demo: deadline ${d.kind} due ${d.dueAt} (${d.status})`);
}

/**
 * The local Notify stand-in posts delivery receipts to the notifications service, as GOV.UK Notify
 * does once a council sets the callback in Notify's admin (there, not here, in production).
 */
async function registerNotifyCallback() {
  const notifyPort = process.env.NOTIFY_STANDIN_PORT ?? 8090;
  const url = process.env.NOTIFY_CALLBACK_URL ?? `http://127.0.0.1:${SERVICES[3].port}/api/v1/notifications/callbacks/notify`;
  const { LOCAL_CALLBACK_TOKEN } = require(join(ROOT, 'services/notifications/dist/notifications.config.js'));
  const token = process.env.NOTIFICATIONS_NOTIFY_CALLBACK_TOKEN ?? process.env.NOTIFY_CALLBACK_TOKEN ?? LOCAL_CALLBACK_TOKEN;
  const response = await fetch(`http://127.0.0.1:${notifyPort}/_standin/callback`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, bearer_token: token }),
  });
  if (!response.ok) throw new Error(`the Notify stand-in refused the callback (${response.status})`);
  say(`Notify stand-in posts delivery receipts to ${url}`);
}

/** Local mailboxes for the routing directory (R-ROUTE) of the demo's local authority, where none is set yet. */
const LOCAL_DIRECTORY = [
  { role: 'TEAM_MANAGER', email: 'team-managers@lbhf.council.example', name: 'Duty team manager' },
  { role: 'SAFEGUARDING_SERVICE_MANAGER', email: 'safeguarding-managers@lbhf.council.example', name: 'Safeguarding service manager' },
  { role: 'LOCALITY_SERVICE_MANAGER', email: 'locality-managers@lbhf.council.example', name: 'Locality service manager' },
  { role: 'CHAIR', email: 'conference-chairs@lbhf.council.example', name: 'Duty conference chair' },
];

async function seedRoutingDirectory() {
  const { signDevelopmentToken } = require('@cpc/http');
  const { LOCAL_JWT_SECRET } = require('@cpc/config');
  const token = signDevelopmentToken(
    process.env.AUTH_JWT_SECRET ?? LOCAL_JWT_SECRET,
    { sub: 'local-seed', name: 'Local seed', roles: ['SYSTEM'], la: 'LBHF', scope: 'routing:read routing:write' },
    300,
  );
  const base = `http://127.0.0.1:${SERVICES[3].port}/api/v1/routing-directory`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const existing = await fetch(base, { headers }).then((r) => r.json());
  const have = new Set((existing.items ?? []).filter((e) => !e.team).map((e) => e.role));
  const missing = LOCAL_DIRECTORY.filter((entry) => !have.has(entry.role));
  for (const { role, ...entry } of missing) {
    const response = await fetch(`${base}/${role}`, { method: 'PUT', headers, body: JSON.stringify(entry) });
    if (!response.ok) throw new Error(`routing directory entry ${role} not set (${response.status})`);
  }
  say(`routing directory of LBHF: ${missing.length} entr${missing.length === 1 ? 'y' : 'ies'} seeded, ${have.size} kept`);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

infraUp();
try {
  await startIdentityProvider();
} catch (error) {
  say(error.message);
  await stop(1);
}
SERVICES.forEach(startService);
try {
  await Promise.all(SERVICES.map(waitReady));
} catch (error) {
  say(error.message);
  await stop(1);
}
try {
  await registerNotifyCallback();
  await seedRoutingDirectory();
} catch (error) {
  say(`local set-up incomplete: ${error.message}`);
}
const token = developmentToken(['CHAIR', 'SOCIAL_WORKER', 'TEAM_MANAGER']);
say(`all five services ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
for (const { name, port } of SERVICES)
  say(`${name.padEnd(13)} API http://127.0.0.1:${port}/api/v1   OpenAPI http://127.0.0.1:${port}/api/docs`);
say(`queue board   http://127.0.0.1:${SERVICES[1].port}/admin/queues (send the bearer token below)`);
say(
  `mail inbox    http://127.0.0.1:${process.env.SMTP_STANDIN_HTTP_PORT ?? 8025}/messages   Notify stand-in http://127.0.0.1:${process.env.NOTIFY_STANDIN_PORT ?? 8090}/_standin/messages`,
);
await printSignIn();
{
  const { LOCAL_PASSWORD } = await import('./oidc/local-identity.mjs');
  say(`operations console ${CONSOLE_URL}/today`);
  say(`  open it and sign in at the local identity provider, e.g. as clerk.lbhf (password ${LOCAL_PASSWORD});`);
  say('  chair.lbhf sees the conferences they chair first, team-manager.lbhf everything of LBHF, clerk.elsewhere nothing of LBHF');
}
say(`development bearer token (CHAIR, SOCIAL_WORKER, TEAM_MANAGER in LBHF, 12 h):\n${token}`);
if (!process.argv.includes('--no-demo')) await demo(token);
say('running; Ctrl-C stops the services.');
