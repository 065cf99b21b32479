import { SESSION_COOKIE } from '@cpc/auth';
import { loadConfig } from '@cpc/config';
import { describeOpenApi, type ServiceDefinition } from '@cpc/runtime';
import type { OpenAPIObject } from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConferenceConfig } from '../../services/conference/src/conference.config';
import { conferenceService } from '../../services/conference/src/conference.definition';
import { ConsoleConfig } from '../../services/console/src/console.config';
import { consoleService } from '../../services/console/src/console.definition';
import { DocumentsConfig } from '../../services/documents/src/documents.config';
import { documentsService } from '../../services/documents/src/documents.definition';
import { NotificationsConfig } from '../../services/notifications/src/notifications.config';
import { notificationsService } from '../../services/notifications/src/notifications.definition';
import { SchedulingConfig } from '../../services/scheduling/src/scheduling.config';
import { schedulingService } from '../../services/scheduling/src/scheduling.definition';

/**
 * Issue 12: the OpenAPI of the five services (the console's: its JSON API), generated from the code here
 * (Nest preview mode, nothing connected), passes Redocly's recommended ruleset (redocly.yaml) and Spectral's
 * spectral:oas (.spectral.yaml) with no error and no warning, says what every operation answers, and is what
 * docs/openapi/ and the typed client (libs/client/src/generated/) hold: a change to a controller or a
 * DTO without `npm run docs` fails here.
 */
const ROOT = resolve(__dirname, '../..');
const SERVICES: Record<string, () => ServiceDefinition> = {
  conference: () => conferenceService(loadConfig(ConferenceConfig, {})),
  scheduling: () => schedulingService(loadConfig(SchedulingConfig, {})),
  documents: () => documentsService(loadConfig(DocumentsConfig, {})),
  notifications: () => notificationsService(loadConfig(NotificationsConfig, {})),
  console: () => consoleService(loadConfig(ConsoleConfig, {})),
};
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }>; headers?: Record<string, unknown> }>;
  security?: unknown[];
  'x-roles'?: string[];
  'x-system-scope'?: string;
};

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
};

const documents: Record<string, OpenAPIObject> = {};
let dir: string;
const files = () => Object.keys(SERVICES).map((service) => join(dir, `${service}.json`));

function operations(document: OpenAPIObject): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => [`${method.toUpperCase()} ${path}`, method, operation as Operation] as [string, string, Operation]),
  );
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cpc-openapi-'));
  for (const [service, define] of Object.entries(SERVICES)) {
    documents[service] = await describeOpenApi(define());
    writeFileSync(join(dir, `${service}.json`), `${JSON.stringify(documents[service], null, 2)}\n`);
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the OpenAPI documents of the five services', () => {
  it('are what docs/openapi/ holds (run `npm run docs` after changing an endpoint)', () => {
    for (const service of Object.keys(SERVICES)) {
      const committed = readFileSync(join(ROOT, 'docs/openapi', `${service}.json`), 'utf8');
      expect({ service, document: `${JSON.stringify(documents[service], null, 2)}\n` }).toEqual({ service, document: committed });
    }
  });

  it('pass `redocly lint` (recommended, redocly.yaml) with no error and no warning', () => {
    for (const file of files()) {
      const result = run([
        join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'),
        'lint',
        '--config',
        'redocly.yaml',
        '--format',
        'json',
        file,
      ]);
      const report = JSON.parse(result.stdout) as {
        problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
      };
      const problems = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} ${p.location.map((l) => l.pointer).join(' ')}`);
      expect({ file, problems, status: result.status }).toEqual({ file, problems: [], status: 0 });
    }
  }, 60_000);

  it('pass `spectral lint` (spectral:oas, .spectral.yaml) with no error and no warning', () => {
    const result = run([
      join(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js'),
      'lint',
      '--ruleset',
      '.spectral.yaml',
      '--format',
      'json',
      '--fail-severity',
      'hint',
      '--quiet',
      ...files(),
    ]);
    const text = result.stdout.trim();
    const results = (text.startsWith('[') ? JSON.parse(text) : []) as {
      code: string;
      severity: number;
      message: string;
      path: string[];
      source: string;
    }[];
    expect(results.map((r) => `${r.severity} ${r.code}: ${r.message} ${r.source.split('/').pop()} ${r.path.join('.')}`)).toEqual([]);
    expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  }, 60_000);

  it('give every operation a summary, a description, an operationId and the roles that may call it', () => {
    for (const document of Object.values(documents)) {
      for (const [name, , operation] of operations(document)) {
        expect({
          name,
          summary: Boolean(operation.summary),
          description: Boolean(operation.description),
          id: Boolean(operation.operationId),
        }).toEqual({ name, summary: true, description: true, id: true });
        // Either the guard's roles, or public (health, metrics, the Notify callback): nothing in between.
        expect({ name, ok: Boolean(operation['x-roles']?.length) !== (JSON.stringify(operation.security) === '[]') }).toEqual({
          name,
          ok: true,
        });
      }
    }
  });

  it('say what every property holds: no schema is an object with nothing in it (a `T | null` or a Record the decorators did not type)', () => {
    const empty: string[] = [];
    const walk = (schema: Schema | undefined, where: string): void => {
      if (!schema || typeof schema !== 'object') return;
      const described = schema.properties || schema.additionalProperties || schema.allOf || schema.oneOf || schema.anyOf || schema.enum;
      if (schema.type === 'object' && !described) empty.push(where);
      for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property, `${where}.${name}`);
      walk(schema.items, `${where}[]`);
      if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${where}{}`);
      for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(part, where);
    };
    for (const [service, document] of Object.entries(documents))
      for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) walk(schema as Schema, `${service} ${name}`);
    // The typed client would call such a field Record<string, never>: nothing could be sent or read in it.
    expect(empty).toEqual([]);
  });

  it('name only SYSTEM scopes the local identity provider grants its client (API_SCOPES), so an integrator can get each one', () => {
    const granted = run([
      '--input-type=module',
      '-e',
      "const m = await import('./deploy/local/oidc/local-identity.mjs'); console.log(JSON.stringify(m.API_SCOPES))",
    ]);
    expect(granted.stderr).toBe('');
    const scopes = new Set(JSON.parse(granted.stdout) as string[]);
    const named = Object.values(documents).flatMap((document) =>
      operations(document).flatMap(([name, , operation]) => (operation['x-system-scope'] ? [[name, operation['x-system-scope']]] : [])),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(([, scope]) => !scopes.has(scope))).toEqual([]);
  });

  it("model the console's session cookie: each JSON API operation takes the cookie or a bearer token, as ConsoleUserGuard does", () => {
    const consoleApi = documents.console as OpenAPIObject & { components: { securitySchemes: Record<string, unknown> } };
    expect(consoleApi.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
    const api = operations(consoleApi).filter(([, , operation]) => operation['x-roles']);
    expect(api.map(([name]) => name).sort()).toEqual([
      'GET /api/v1/conferences/{id}',
      'GET /api/v1/deliveries',
      'GET /api/v1/performance',
      'GET /api/v1/today',
    ]);
    // Two requirement objects: either one is enough (OpenAPI 3.0 "Security Requirement Object").
    for (const [name, , operation] of api)
      expect({ name, security: operation.security }).toEqual({ name, security: [{ session: [] }, { bearer: [] }] });
    for (const service of ['conference', 'scheduling', 'documents', 'notifications'])
      expect({ service, schemes: Object.keys(documents[service].components?.securitySchemes ?? {}) }).toEqual({
        service,
        schemes: ['bearer'],
      });
  });

  it('describe every answer: a body schema for each 2xx with a body, problem+json with the Problem schema for each error', () => {
    for (const document of Object.values(documents)) {
      for (const [name, , operation] of operations(document)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (status === '204') continue;
          const media = Object.entries(response.content ?? {});
          expect({ name, status, media: media.length > 0 && media.every(([, m]) => Boolean(m.schema)) }).toEqual({
            name,
            status,
            media: true,
          });
          if (Number(status) >= 400) {
            expect({ name, status, content: media.map(([type, m]) => `${type} ${m.schema?.$ref}`) }).toEqual({
              name,
              status,
              content: ['application/problem+json #/components/schemas/Problem'],
            });
          }
        }
        if (operation['x-roles'])
          expect({ name, errors: ['401', '403', '503'].every((s) => s in operation.responses) }).toEqual({ name, errors: true });
        if (operation.responses['503'] && operation['x-roles']) expect(operation.responses['503'].headers).toHaveProperty('Retry-After');
      }
    }
  });

  it('list If-Match only on writes that read it, and Idempotency-Key on every POST, PUT and PATCH a caller makes', () => {
    for (const document of Object.values(documents)) {
      for (const [name, method, operation] of operations(document)) {
        const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
        if (method === 'get') expect({ name, headers }).toEqual({ name, headers: expect.not.arrayContaining(['If-Match']) });
        const idempotent = ['post', 'put', 'patch'].includes(method) && Boolean(operation['x-roles']);
        expect({ name, idempotencyKey: headers.includes('Idempotency-Key') }).toEqual({ name, idempotencyKey: idempotent });
      }
    }
    const conference = operations(documents.conference);
    const withIfMatch = conference.filter(([, , o]) => (o.parameters ?? []).some((p) => p.name === 'If-Match')).map(([name]) => name);
    expect(withIfMatch).toContain('POST /api/v1/conferences/{id}/cancel');
    expect(withIfMatch).not.toContain('POST /api/v1/conferences');
  });

  it('are what the typed client (libs/client/src/generated) was generated from', () => {
    const result = run([join(ROOT, 'deploy/tools/openapi-client.mjs'), ...files()]);
    expect(result.stderr).toBe('');
    const generated = JSON.parse(result.stdout) as Record<string, string>;
    for (const [file, text] of Object.entries(generated)) {
      expect({ file, text: readFileSync(join(ROOT, file), 'utf8') }).toEqual({ file, text });
    }
  }, 60_000);
});
