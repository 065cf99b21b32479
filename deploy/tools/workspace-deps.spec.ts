import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * STYLE.md §8: a service's package.json lists exactly the @cpc/* libs its code imports, so the Nx graph
 * tells the truth. Notifications and the libs join this list once their package.json files are corrected.
 */
const ROOT = resolve(__dirname, '../..');
const CHECKED = ['services/conference', 'services/scheduling', 'services/documents'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.int-spec.ts') ? [path] : [];
  });
}

function importedLibs(packageDir: string): string[] {
  const found = new Set<string>();
  for (const file of sources(join(ROOT, packageDir, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(@cpc\/[a-z-]+)'/g)) found.add(match[1]);
  }
  return [...found].sort();
}

function declaredLibs(packageDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {})
    .filter((name) => name.startsWith('@cpc/'))
    .sort();
}

describe('each package.json lists exactly the @cpc/* libs its code imports', () => {
  it.each(CHECKED)('%s', (packageDir) => {
    expect(declaredLibs(packageDir)).toEqual(importedLibs(packageDir));
  });
});
