import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { filesUnder, packagesImportedBy } from '../tools/source-files';

// No Docker engine runs here: this test reads deploy/docker/Dockerfile and .dockerignore and holds
// them to what issue 13 item 4 asks (layers that cache, no stand-ins in production, Node LTS, non-root).
const ROOT = join(__dirname, '..', '..');

interface Stage {
  name: string;
  from: string;
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages, continuation lines joined, comments dropped, ARG defaults substituted in FROM. */
function stagesOf(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op === 'ARG' && stages.length === 0) {
      const [key, value] = rest.split('=');
      args[key] = value;
    } else if (op === 'FROM') {
      const [image, , name] = rest.replace(/\$\{(\w+)\}/g, (_, key: string) => args[key]).split(/\s+/);
      stages.push({ name: name ?? `#${stages.length}`, from: image, instructions: [] });
    } else {
      stages.at(-1)!.instructions.push({ op, args: rest });
    }
  }
  return stages;
}

const stages = stagesOf(readFileSync(join(__dirname, 'Dockerfile'), 'utf8'));
const stage = (name: string) => stages.find((s) => s.name === name)!;
/** A stage and the stages it is built FROM, oldest first. */
const lineage = (name: string): Stage[] => {
  const s = stage(name);
  return s && stages.some((o) => o.name === s.from) ? [...lineage(s.from), s] : [s];
};
const workspaces = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces.flatMap((glob) => {
  const dir = glob.replace('/*', '');
  return readdirSync(join(ROOT, dir)).map((name) => `${dir}/${name}`);
});

describe('deploy/docker/Dockerfile', () => {
  it('builds on a supported Node.js LTS (22 or 24)', () => {
    for (const { from } of stages.filter((s) => !stages.some((o) => o.name === s.from))) {
      expect(from).toMatch(/^node:(22|24)[.-]/);
    }
  });

  it('installs dependencies from the manifests of every workspace before any source is copied', () => {
    const build = lineage('build').flatMap((s) => s.instructions);
    const install = build.findIndex((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    const copied = build
      .slice(0, install)
      .filter((i) => i.op === 'COPY')
      .map((i) => i.args.split(/\s+/)[0]);
    expect(copied.filter((path) => !/(^|\/)package(-lock)?\.json$/.test(path))).toEqual([]);
    for (const workspace of workspaces) expect(copied).toContain(`${workspace}/package.json`);
    expect(build.slice(install).some((i) => i.op === 'COPY' && /^libs\b/.test(i.args))).toBe(true);
  });

  it('keeps the stand-ins and the SMTP libraries only they use out of the production image', () => {
    const runtime = stages.at(-1)!;
    expect(runtime.name).toBe('runtime'); // `docker build` without --target makes the production image
    const copies = runtime.instructions.filter((i) => i.op === 'COPY').map((i) => i.args);
    expect(copies.filter((args) => /deploy/.test(args))).toEqual([]);
    const modulesFrom = /--from=(\S+)\s+\/app\/node_modules/.exec(copies.join('\n'))?.[1];
    const prune = lineage(modulesFrom!)
      .flatMap((s) => s.instructions)
      .find((i) => /npm uninstall/.test(i.args))!;
    expect(prune.args).toMatch(/--omit=dev/);
    const code = [join(ROOT, 'libs'), join(ROOT, 'services')].flatMap((dir) =>
      filesUnder(dir, (p) => /\.ts$/.test(p) && !/spec\.ts$/.test(p)),
    );
    const usedByCode = packagesImportedBy(code);
    const standinsOnly = [...packagesImportedBy(filesUnder(join(ROOT, 'deploy/local/standins'), (p) => p.endsWith('.mjs')))].filter(
      (name) => !usedByCode.has(name),
    );
    expect(standinsOnly.length).toBeGreaterThan(0);
    for (const name of standinsOnly) expect(prune.args.split(/\s+/)).toContain(name);
  });

  it('runs every image as a numeric non-root user, the stand-ins writing under /tmp', () => {
    for (const name of ['runtime', 'local']) {
      const user = stage(name)
        .instructions.filter((i) => i.op === 'USER')
        .at(-1)?.args;
      expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
    }
    const env = stage('local')
      .instructions.filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/CPC_STANDINS_DIR=\/tmp\//);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const asRegExp = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]]/g, '\\$&')
        .replace(/\*\*\//g, '\0')
        .replace(/\*/g, '[^/]*')
        .replace(/\0/g, '(.*/)?')}(/.*)?$`,
    );
  const ignored = (path: string) => patterns.some((p) => asRegExp(p).test(path));

  function contextBytes(dir: string): number {
    return readdirSync(dir).reduce((total, name) => {
      const path = join(dir, name);
      if (ignored(relative(ROOT, path))) return total;
      const stat = statSync(path);
      return total + (stat.isDirectory() ? contextBytes(path) : stat.size);
    }, 0);
  }

  it('leaves out dependencies, build output, local state, git and coverage', () => {
    for (const path of [
      'node_modules',
      'libs/config/node_modules',
      'libs/config/dist',
      'libs/config/dist/.tsbuildinfo',
      '.local',
      '.git',
      'coverage',
    ]) {
      expect([path, ignored(path)]).toEqual([path, true]);
    }
    for (const path of [
      'package.json',
      'package-lock.json',
      'libs/config/src/index.ts',
      'deploy/local/bootstrap.mjs',
      'tsconfig.build.json',
    ]) {
      expect([path, ignored(path)]).toEqual([path, false]);
    }
  });

  it('keeps the build context to a few megabytes of source', () => {
    expect(contextBytes(ROOT)).toBeLessThan(20 * 1024 * 1024);
  });

  it('keeps everything the Dockerfile copies', () => {
    const sources = stages.flatMap((s) => s.instructions.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from')));
    for (const { args } of sources) for (const path of args.split(/\s+/).slice(0, -1)) expect([path, ignored(path)]).toEqual([path, false]);
  });
});
