import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');

describe('the committed WebAssembly spin loop (sha512-spin.wasm.ts)', () => {
  it('is what services/documents/assembly/sha512-spin.ts compiles to (npm run wasm rewrites it)', () => {
    const check = spawnSync(process.execPath, [join(ROOT, 'deploy', 'tools', 'build-wasm.mjs'), '--check'], { encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    expect(check.stdout).toMatch(/is what services\/documents\/assembly\/sha512-spin.ts compiles to/);
  });
});
