import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Issue 2/3: the OpenAPI and AsyncAPI documents and docker-compose.yml are generated from the code
// and kept current; `npm test` builds first, so the check reads what the code is now.
describe('generated documents (docs/openapi, docs/asyncapi.yaml, docker-compose.yml)', () => {
  it('are what `npm run docs` would write from the current code', () => {
    const result = spawnSync(process.execPath, [join(__dirname, 'generate-docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(result.stderr.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
