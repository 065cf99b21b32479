import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { filesUnder, packagesImportedBy } from '../../tools/source-files';
import { startStandins, type RunningStandins } from '../standins/standins-process';

// Issue 13 item 4: a second checkout's `infra.sh up` finds stand-ins another started and must
// either trust the certificate they really serve or refuse with a message; and the stand-ins must
// start as a non-root user whose checkout is not writable (the image), given a writable directory.
// The stand-ins as nobody get up to a minute to start (below), twice in one test.
jest.setTimeout(150_000);
const REPO = join(__dirname, '..', '..', '..');
const fingerprint = (file: string) => new X509Certificate(readFileSync(file)).fingerprint256;

describe('up.d/30-standins.sh with stand-ins another checkout started', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cpc-standins-reuse-'));
  const shared = join(scratch, 'shared');
  const checkout = join(scratch, 'second-checkout');
  let standins: RunningStandins;
  const ports = () => {
    const port = (url: string) => new URL(url).port;
    return {
      SMTP_STANDIN_PORT: String(standins.smtp.port),
      SMTP_STANDIN_HTTP_PORT: port(standins.smtp.httpUrl),
      NOTIFY_STANDIN_PORT: port(standins.notify.baseUrl),
    };
  };
  const up = (env: Record<string, string>) =>
    spawnSync('bash', [join(checkout, 'deploy/local/up.d/30-standins.sh')], {
      encoding: 'utf8',
      env: { ...process.env, ...ports(), ...env },
    });

  beforeAll(async () => {
    mkdirSync(join(checkout, 'deploy/local'), { recursive: true });
    cpSync(join(REPO, 'deploy/local/up.d'), join(checkout, 'deploy/local/up.d'), { recursive: true });
    standins = await startStandins({ certDir: shared });
  });
  afterAll(async () => {
    await standins?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps the certificate in the shared absolute directory, not in a checkout', () => {
    expect(standins.smtp.caFile).toBe(join(shared, 'smtp-standin.cert.pem'));
  });

  it("points the second checkout's default CA file at the certificate the stand-ins serve", () => {
    const result = up({ CPC_STANDINS_DIR: shared });
    expect(result.stderr).toMatch(/already answering/);
    expect(result.status).toBe(0);
    const localCa = join(checkout, '.local/standins/smtp-standin.cert.pem');
    expect(lstatSync(localCa).isSymbolicLink()).toBe(true);
    expect(fingerprint(localCa)).toBe(fingerprint(standins.smtp.caFile));
  });

  it('refuses, with a message, stand-ins whose certificate no checkout here has', () => {
    rmSync(join(checkout, '.local'), { recursive: true, force: true });
    renameSync(shared, `${shared}-moved`);
    try {
      const result = up({ CPC_STANDINS_DIR: join(scratch, 'elsewhere') });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/certificate no checkout here has .*cannot trust them\. Stop them where they were started/);
      expect(existsSync(join(checkout, '.local/standins/smtp-standin.cert.pem'))).toBe(false);
    } finally {
      renameSync(`${shared}-moved`, shared);
    }
  });
});

/**
 * The stand-ins and the packages they load, copied into a fresh directory under /tmp that every user may read but
 * only root may write: like the image's /app. (A checkout may sit under a directory uid 65534 cannot enter, as
 * CI's does; the copy makes the test about the stand-ins, not about where the checkout lies.)
 */
function imageLikeCopy(): string {
  const root = mkdtempSync('/tmp/cpc-standins-image-');
  chmodSync(root, 0o755);
  cpSync(join(REPO, 'deploy/local/standins'), join(root, 'deploy/local/standins'), {
    recursive: true,
    filter: (source) => !source.endsWith('.ts'),
  });
  // Node's resolution from the stand-ins' own imports: a package hoisted to the top is copied with what it depends on
  // (a nested one came with its parent).
  const visited = new Set<string>();
  const top = join(REPO, 'node_modules');
  const visit = (fromDir: string, name: string) => {
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        if (visited.has(candidate)) return;
        visited.add(candidate);
        if (candidate === join(top, name)) cpSync(candidate, join(root, 'node_modules', name), { recursive: true, dereference: true });
        const manifest = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as {
          dependencies?: Record<string, string>;
          optionalDependencies?: Record<string, string>;
        };
        for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(candidate, dependency);
        return;
      }
      if (dir === REPO || dirname(dir) === dir) return; // an optional dependency not installed
    }
  };
  const standins = filesUnder(join(REPO, 'deploy/local/standins'), (path) => path.endsWith('.mjs'));
  for (const imported of packagesImportedBy(standins)) visit(REPO, imported);
  expect(spawnSync('chmod', ['-R', 'a+rX,go-w', root]).status).toBe(0);
  return root;
}

describe('the stand-ins as a non-root user (as in the image)', () => {
  const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0 && process.getuid?.() === 0;
  let app = '';
  beforeAll(() => {
    if (hasSetpriv) app = imageLikeCopy();
  });
  afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true });
  });
  const asNobody = (env: Record<string, string>) =>
    new Promise<{ ready: boolean; stderr: string }>((resolve) => {
      const child = spawn(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          join(app, 'deploy/local/standins/run-standins.mjs'),
          '--smtp-port',
          '0',
        ].concat(['--smtp-http-port', '0', '--notify-port', '0', '--exit-with-parent']),
        { cwd: app, env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let stderr = '';
      let ready = false;
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Generous: a fresh-clone CI run on a loaded two-core machine saw both stand-ins listening and no answer to
      // the stop within the 20 s this was; ready is now the STANDINS_READY line itself.
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith('STANDINS_READY ')) return;
        ready = true;
        child.kill('SIGTERM');
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve({ ready, stderr });
      });
    });

  (hasSetpriv ? it : it.skip)('start with CPC_STANDINS_DIR under /tmp, and name the setting when the default is not writable', async () => {
    const dir = mkdtempSync('/tmp/cpc-standins-nobody-');
    rmSync(dir, { recursive: true });
    try {
      const started = await asNobody({ CPC_STANDINS_DIR: dir });
      // Their stderr as the failure message: it says why they did not start.
      expect(started.ready ? 'ready' : started.stderr).toBe('ready');
      expect(existsSync(join(dir, 'smtp-standin.cert.pem'))).toBe(true);
      const refused = await asNobody({});
      expect(refused.ready).toBe(false);
      expect(refused.stderr).toMatch(/EACCES.*set CPC_STANDINS_DIR to a directory this user may write/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
