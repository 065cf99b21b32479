import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Type-checks files with the repository's own tsc and tsconfig.base.json, as the build would, for what
 * the build leaves out (tests, the README's snippets). `sources` are written first into a scratch
 * directory inside the repository (.local, ignored by git) so packages resolve from its node_modules;
 * `files` are compiled, either paths or names of those sources. Answers tsc's exit status and output.
 */
export function typecheck(options: {
  name: string;
  files: (dir: string) => string[];
  sources?: Record<string, string>;
  compilerOptions?: Record<string, unknown>;
}): { status: number | null; output: string } {
  mkdirSync(join(ROOT, '.local'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.local', `${options.name}-`));
  try {
    for (const [file, text] of Object.entries(options.sources ?? {})) writeFileSync(join(dir, file), text);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: { noEmit: true, composite: false, incremental: false, declaration: false, ...options.compilerOptions },
        files: options.files(dir),
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { status: tsc.status, output: tsc.stdout.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
