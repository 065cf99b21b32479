import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { typecheck } from './typecheck';

/**
 * Issue 12 item 3: the tests that call the services through the typed client (@cpc/client) are its users, and
 * a user is held to the contract only if the compiler sees it. Jest runs tests through swc, which strips types
 * without checking them, and `npm run build` leaves tests out; so here every test that imports @cpc/client,
 * with test/support, is compiled (tsc, no output) against the generated client: a request or an answer the
 * OpenAPI documents do not describe fails here.
 */
const ROOT = resolve(__dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.local', 'coverage']);

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('the typed client (@cpc/client) in the tests that use it', () => {
  it('compiles: every test importing it, and test/support, as the compiler checks them against the OpenAPI documents', () => {
    const users = ['services', 'libs', 'deploy', 'test']
      .flatMap((top) => testFiles(join(ROOT, top)))
      .filter((file) => /from '@cpc\/client'/.test(readFileSync(file, 'utf8')));
    // The end-to-end tests are among them (they call the services only through it).
    expect(users.map((file) => relative(ROOT, file))).toEqual(
      expect.arrayContaining([
        'test/e2e/family-safety.e2e-spec.ts',
        'test/e2e/platform.e2e-spec.ts',
        'test/e2e/cloudevents-consumer.e2e-spec.ts',
        'test/e2e/kafka-cluster.e2e-spec.ts',
      ]),
    );
    const checked = typecheck({
      name: 'typed-client-users',
      files: () => [...users, join(ROOT, 'test/support/index.ts')],
      // DOM: a browser test's page.evaluate callbacks name window.
      compilerOptions: { lib: ['ES2023', 'DOM'] },
    });
    expect(checked).toEqual({ status: 0, output: '' });
  }, 120_000);
});
