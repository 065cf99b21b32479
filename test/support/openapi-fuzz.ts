import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';

// Issue 11: requests generated from a service's own OpenAPI document (wrong types, huge strings, unicode,
// nulls, extra fields, invalid dates, negative and enormous numbers); every answer is checked against the
// published schema for its status (problem+json for an undocumented 4xx), none is a 5xx, none takes 5 s.
// One implementation for the four services' fuzz tests.

type Schema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  $ref?: string;
} & {
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
};
type Operation = {
  method: string;
  path: string;
  parameters?: { name: string; in: string; schema: Schema }[];
  requestBody?: any;
  responses: any;
};

const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'null',
    'undefined',
    '-1',
    '0',
    '1e20',
    '9007199254740993',
    '1.5',
    'NaN',
    'Infinity',
    '0x10',
    '2026-02-30',
    '2026-13-01T25:61:00Z',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.constantFrom('\u0000', 'a\u0007b', "'; DROP TABLE deadlines; --", '../../etc/passwd', '%00', '\u202e\ud83d\ude00'),
);
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  hostileString,
  fc.constantFrom(-1, 0, 1e20, -1e20, 1.5, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** A value the schema describes (near its bounds) or, half the time, one it does not. */
function valueOf(schema: Schema, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return valueOf(components[schema.$ref.split('/').pop()!], components, depth);
  let valid: fc.Arbitrary<unknown>;
  if (schema.enum) valid = fc.constantFrom(...schema.enum);
  else if (schema.type === 'integer' || schema.type === 'number')
    valid = fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) });
  else if (schema.type === 'boolean') valid = fc.boolean();
  else if (schema.type === 'array') valid = fc.array(valueOf(schema.items ?? {}, components, depth + 1), { maxLength: 3 });
  else if (schema.type === 'object' || schema.properties) {
    const props = Object.entries(schema.properties ?? {});
    valid =
      depth > 3
        ? fc.constant({})
        : fc.record(Object.fromEntries(props.map(([name, inner]) => [name, valueOf(inner, components, depth + 1)])), { requiredKeys: [] });
  } else if (schema.format === 'uuid') valid = fc.uuid();
  else if (schema.format === 'date') valid = fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  else if (schema.format === 'date-time') valid = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  else valid = fc.string({ maxLength: 12 });
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 1, arbitrary: hostileJson });
}

/** OpenAPI 3.0 to JSON Schema where they differ: `nullable`, and references into the document. */
function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') out.$ref = `openapi.json${value as string}`;
    else if (key !== 'nullable' && key !== 'example') out[key] = jsonSchemaOf(value);
  }
  const s = schema as Schema;
  if (s.nullable && s.type) out.type = [s.type, 'null'];
  if (s.nullable && s.enum && !s.enum.includes(null)) out.enum = [...s.enum, null];
  return out;
}

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
};

export interface FuzzTarget {
  /** The service's OpenAPI document, as it serves it. */
  openApi: unknown;
  http: () => TestAgent<Test>;
  /** Headers of an authorised caller (added to most requests; the others go without a token). */
  authorised: () => Record<string, string>;
  /** Real values for path parameters by name (e.g. an existing conference id), used half the time. */
  pathValues?: Record<string, string[]>;
  runs: number;
}

export interface FuzzResult {
  failures: string[];
  counts: Record<number, number>;
  slowest: number;
}

export async function fuzzOpenApi(target: FuzzTarget): Promise<FuzzResult> {
  const document = target.openApi as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
  const components = document.components.schemas;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: jsonSchemaOf(document.components) as object });
  const operations = Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ ...operation, method, path })),
    );
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: unknown) => {
    if (!validators.has(key)) validators.set(key, ajv.compile(jsonSchemaOf(schema) as object));
    return validators.get(key)!;
  };
  const parameterValue = (p: { name: string; in: string; schema: Schema }) => {
    const generated = valueOf(p.schema, components);
    const real = p.in === 'path' ? target.pathValues?.[p.name] : undefined;
    return real?.length ? fc.oneof(fc.constantFrom(...real), generated) : generated;
  };
  const request = fc.constantFrom(...operations).chain((operation) =>
    fc.record({
      operation: fc.constant(operation),
      params: fc.record(
        Object.fromEntries(
          (operation.parameters ?? []).map((p) => [`${p.in}:${p.name}`, fc.option(parameterValue(p), { nil: undefined })]),
        ),
        { requiredKeys: [] },
      ),
      extraQuery: fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }), {
        nil: undefined,
      }),
      body: operation.requestBody?.content?.['application/json']
        ? valueOf(operation.requestBody.content['application/json'].schema, components)
        : fc.option(hostileJson, { nil: undefined }),
      authorised: fc.boolean().map((b) => b || Math.random() < 0.8),
    }),
  );
  const failures: string[] = [];
  const counts: Record<number, number> = {};
  let slowest = 0;
  await fc.assert(
    fc.asyncProperty(request, async ({ operation, params, extraQuery, body, authorised }) => {
      let path = operation.path;
      const query: Record<string, string> = { ...(extraQuery ?? {}) };
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) {
        if (value === undefined) continue;
        const [where, name] = key.split(':');
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        if (where === 'path') path = path.replace(`{${name}}`, encodeURIComponent(text) || '%20');
        else if (where === 'query') query[name] = text;
        // Header values must be legal HTTP header text to be sent at all: keep printable ASCII only.
        else if (where === 'header') headers[name] = text.replace(/[^\x20-\x7e]/g, '').slice(0, 200);
      }
      path = path.replace(/\{[^}]+\}/g, 'x');
      let call = target.http()[operation.method as 'get'](path).query(query).set(headers);
      if (authorised) call = call.set(target.authorised());
      if (body !== undefined && operation.method !== 'get') call = call.set('Content-Type', 'application/json').send(JSON.stringify(body));
      const started = Date.now();
      // A request that never answers is a failure with its name, not a hung test.
      // A request that never answers, or whose answer cannot be read, is a failure with its name (a throw
      // here would make fast-check shrink, re-sending thousands of requests).
      const response = await call.timeout({ response: 15_000 }).catch((error: Error & { timeout?: number }) => {
        const what = error.timeout ? 'no answer in 15 s' : `no readable answer: ${error.message.slice(0, 200)}`;
        failures.push(`${operation.method.toUpperCase()} ${path}?${new URLSearchParams(query)}: ${what}`);
        return null;
      });
      if (!response) return;
      const took = Date.now() - started;
      slowest = Math.max(slowest, took);
      counts[response.status] = (counts[response.status] ?? 0) + 1;
      const label = `${operation.method.toUpperCase()} ${operation.path} → ${response.status}`;
      if (response.status >= 500) failures.push(`${label}: ${response.text.slice(0, 200)}`);
      if (took > 5000) failures.push(`${label}: took ${took} ms`);
      const content = operation.responses[String(response.status)]?.content ?? {};
      const documented = content['application/json']?.schema;
      const validate = documented
        ? validatorFor(`${operation.method} ${operation.path} ${response.status}`, documented)
        : validatorFor('problem', PROBLEM);
      if (!documented && response.status >= 400 && !/^application\/problem\+json/.test(response.headers['content-type'] ?? ''))
        failures.push(`${label}: not problem+json`);
      if (response.status >= 400 && !operation.responses[String(response.status)] && response.status !== 431)
        failures.push(`${label}: status not in the published document`);
      if ((documented || response.status >= 400) && !validate(response.body))
        failures.push(`${label}: ${ajv.errorsText(validate.errors).slice(0, 300)}`);
    }),
    { numRuns: target.runs },
  );
  return { failures, counts, slowest };
}
