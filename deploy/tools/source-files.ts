import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bare package names a set of files imports (`import ... from 'x'`, `require('x')`). */
export function packagesImportedBy(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const found = text.matchAll(
      /^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"./][^'"]*)['"]|(?:require|import)\(\s*['"]([^'"./][^'"]*)['"]\s*\)/gm,
    );
    for (const match of found) {
      const spec = match[1] ?? match[2];
      if (spec.startsWith('node:') || spec.startsWith('@cpc/')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return names;
}

/** Files under `dir` that `keep` accepts, node_modules and dist left out. */
export function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : filesUnder(path, keep);
    return keep(path) ? [path] : [];
  });
}
