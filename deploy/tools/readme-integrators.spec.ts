import { LOCAL_JWT_SECRET } from '@cpc/config';
import { buildAsyncApi } from '@cpc/contracts';
import { TokenVerifier } from '@cpc/http';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { typecheck } from './typecheck';

/**
 * Issue 12 "Done when": the README's integrator checklist works as written. Its snippets (the checklist,
 * "Calling the APIs" and "Consuming the events") are held to the code: the token command is run and what it
 * prints is checked by the services' own TokenVerifier; the curl after it names a real operation at the
 * service's default port; each TypeScript block compiles against @cpc/client, cloudevents and kafkajs; the
 * envelope example validates against its event's payload schema in the AsyncAPI document.
 */
const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const start = README.indexOf("## Integrators' checklist");
const end = README.indexOf('\n## ', README.indexOf('## Consuming the events (integrators)') + 1);
const section = README.slice(start, end);

/** The fenced blocks of the section in one language, their indentation (a block inside a list item) removed. */
function blocks(language: string): string[] {
  const fence = new RegExp(`^( *)\`\`\`${language}\\n([\\s\\S]*?)^\\1\`\`\``, 'gm');
  return [...section.matchAll(fence)].map(([, indent, body]) =>
    body
      .split('\n')
      .map((line) => line.slice(indent.length))
      .join('\n'),
  );
}

describe("the README's integrator checklist", () => {
  it('is there, with a token command, TypeScript for the client and the SDK, and an envelope', () => {
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    expect({ bash: blocks('bash').length, ts: blocks('ts').length, json: blocks('json').length }).toEqual({ bash: 1, ts: 2, json: 1 });
  });

  it('makes a token the services accept, and calls an operation the OpenAPI document has at its default port', async () => {
    const [script] = blocks('bash');
    const command = /^TOKEN=\$\((.*)\)$/m.exec(script)?.[1];
    expect(command).toBeDefined();
    const run = spawnSync('bash', ['-c', command!], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const principal = await new TokenVerifier({ secret: LOCAL_JWT_SECRET }).verify(run.stdout.trim());
    expect(principal).toMatchObject({ roles: ['SYSTEM'], la: 'LBHF' });

    const url = new URL(/curl .*'(http[^']+)'/.exec(script)![1]);
    const services = { '3001': 'conference', '3002': 'scheduling', '3003': 'documents', '3004': 'notifications' } as const;
    const service = services[url.port as keyof typeof services];
    const document = JSON.parse(readFileSync(join(ROOT, 'docs/openapi', `${service}.json`), 'utf8'));
    const operation = document.paths[url.pathname]?.get;
    expect(operation).toBeDefined();
    const queries = operation.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
    expect(queries).toEqual(expect.arrayContaining([...url.searchParams.keys()]));
    // The scopes the token is given are ones the operation takes.
    expect(principal.scopes).toContain(operation['x-system-scope']);
  });

  it('has TypeScript that compiles against @cpc/client, cloudevents and kafkajs as written', () => {
    const sources = Object.fromEntries(
      blocks('ts').map((block, i) => {
        // The imports stay on top; the rest runs in an async function (top-level await), given the `token` of step 1.
        const lines = block.split('\n');
        const imports = lines.filter((line) => line.startsWith('import '));
        const body = lines.filter((line) => !line.startsWith('import '));
        return [
          `snippet-${i}.ts`,
          `${imports.join('\n')}\n\nexport async function snippet(token: string): Promise<void> {\n${body.join('\n')}\n}\n`,
        ];
      }),
    );
    const checked = typecheck({
      name: 'readme-snippets',
      sources,
      files: () => Object.keys(sources),
      compilerOptions: { noUnusedParameters: false },
    });
    expect(checked).toEqual({ status: 0, output: '' });
  }, 60_000);

  it("has an envelope that validates against its event's schema in the AsyncAPI document", () => {
    const [json] = blocks('json');
    const envelope = JSON.parse(json) as { type: string; subject: string; partitionkey: string; data: { conferenceId: string } };
    const asyncApi = buildAsyncApi() as { components: { messages: Record<string, { payload: object }> } };
    const schema = asyncApi.components.messages[envelope.type]?.payload;
    expect(schema).toBeDefined();
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    expect({ valid: ajv.validate(schema!, envelope), errors: ajv.errors ?? null }).toEqual({ valid: true, errors: null });
    expect([envelope.subject, envelope.partitionkey]).toEqual([envelope.data.conferenceId, envelope.data.conferenceId]);
  });
});
