import { applyDecorators, Headers } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DEPENDENCY_RETRY_AFTER_SECONDS } from './dependency-outage';
import { IDEMPOTENT_METHODS } from './idempotency.interceptor';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** One field a 400 (or a field refusal) names: `errors[]` of the problem document. */
@ApiSchema({ name: 'FieldProblem' })
export class FieldProblemBody {
  @ApiProperty({ example: 'scheduledStart', description: 'The field path, e.g. `participants[0].email`.' }) field: string;
  @ApiProperty({ example: 'scheduledStart must be ISO 8601 with an offset, e.g. 2026-12-01T10:00:00+00:00' }) message: string;
}

/** RFC 9457 problem details as the ProblemFilter writes them: the `Problem` schema every error response shares. */
@ApiSchema({ name: 'Problem' })
export class ProblemBody {
  @ApiProperty({
    example: '/problems/validation-error',
    description: '`/problems/<code>`: the stable code of the refusal (the domain error code), or `about:blank`.',
  })
  type: string;
  @ApiProperty({ example: 'Your request is not valid' }) title: string;
  @ApiProperty({ example: 400, minimum: 400, maximum: 599 }) status: number;
  @ApiPropertyOptional({
    example: 'The request has invalid fields.',
    description: 'What went wrong, citing the rule id where one applies.',
  })
  detail?: string;
  @ApiPropertyOptional({ example: '/api/v1/conferences', description: 'The request path.' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldProblemBody], description: 'Each field refused (400 validation-error, some 403 and 422).' })
  errors?: FieldProblemBody[];
  @ApiPropertyOptional({ example: '4f9c1a5e-5f2b-4a7e-9d51-0d6c3f7c2a10', description: 'The x-correlation-id of the request.' })
  correlationId?: string;
  @ApiPropertyOptional({ example: 5, description: '503: seconds to wait, as the Retry-After header says.' }) retryAfterSeconds?: number;
  @ApiPropertyOptional({ example: 'postgresql', enum: ['postgresql', 'kafka', 'redis'], description: '503: which dependency is away.' })
  dependency?: string;
}

/** The models `completeOpenApi`'s responses refer to: SwaggerModule.createDocument's extraModels. */
export const PROBLEM_MODELS = [ProblemBody, FieldProblemBody];

/** The statuses an error response may have; each with what it means here and the `type`s it carries. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 422 | 503;

const MEANING: Record<ProblemStatus, string> = {
  400: 'The request is not valid: `/problems/validation-error` with `errors[]` naming each field (or `/problems/invalid-idempotency-key`; `about:blank` for a body that is not JSON or a request that is not valid HTTP).',
  401: 'No bearer token, or one that is refused: `/problems/unauthenticated`.',
  403: "The caller's roles may not do this: `/problems/forbidden` (the roles allowed are in the detail), or a domain refusal such as `/problems/step-not-yours`.",
  404: "Nothing with that id is visible to the caller (another local authority's record included): `/problems/not-found`.",
  409: 'Not allowed in the current state: e.g. `/problems/illegal-transition` naming the status and what is allowed from it.',
  412: 'If-Match names a version that is no longer current: `/problems/stale-version`; read it again and retry.',
  422: 'A domain rule refuses the request (the detail cites the rule id): e.g. `/problems/chair-agreement-required`.',
  503: 'A dependency (PostgreSQL, Kafka or Redis) is not answering; nothing was changed: `/problems/dependency-unavailable`. Retry after `Retry-After` seconds.',
};

/**
 * Declares the error responses an operation answers, each as `application/problem+json` with the shared
 * Problem schema (ProblemBody). The standard ones (400, 401, 403, 404, 503) are added by `completeOpenApi`; name here
 * what the use case itself refuses with (409, 412, 422, or a 404 on a path without an id).
 */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemBody, FieldProblemBody),
    ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })),
  );
}

function problemResponse(status: ProblemStatus) {
  return {
    description: MEANING[status],
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemBody) } } },
    ...(status === 503
      ? {
          headers: {
            'Retry-After': {
              description: `Seconds to wait before retrying (${DEPENDENCY_RETRY_AFTER_SECONDS}).`,
              schema: { type: 'integer', example: DEPENDENCY_RETRY_AFTER_SECONDS },
            },
          },
        }
      : {}),
  };
}

/**
 * The `If-Match` request header, read and documented in one: `@IfMatch() ifMatch: string | undefined`.
 * Only the operations that take it list it (a stale version is refused with 412).
 */
export function IfMatch(): ParameterDecorator {
  return (target, key, index) => {
    Headers('if-match')(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key) as PropertyDescriptor;
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The version you read (the ETag of the last answer, e.g. `"3"`); a stale one is refused with 412.',
      schema: { type: 'string', example: '"3"' },
    })(target, key, descriptor);
    ApiProblems(412)(target, key, descriptor);
  };
}

export interface OpenApiCompletion {
  /** A description for each tag the controllers use. */
  tags: Record<string, string>;
  /** The port the service listens on by default (PORT). */
  port: number;
}

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
  'x-system-scope'?: string;
};

/**
 * What every operation of every service has, added once from what the code declares:
 * - the roles of its `@Allow` (`x-roles`, `x-system-scope`) also in its description;
 * - the standard error responses: 400 always (the validation pipe, and malformed HTTP on any path),
 *   401 and 403 where a token is needed (the auth guard), 404 where the path names an id, 503 always
 *   (the problem filter's dependency outage, with Retry-After);
 * - `Idempotency-Key` where the IdempotencyInterceptor acts (a POST, PUT or PATCH with a caller);
 * - servers (the local default, its port a variable), and a description for every tag used.
 * A public operation (health, metrics, the Notify callback) needs no bearer token: `security: []`.
 */
export function completeOpenApi(document: OpenAPIObject, completion: OpenApiCompletion): OpenAPIObject {
  const usedTags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      for (const tag of operation.tags ?? []) usedTags.add(tag);
      const roles = operation['x-roles'];
      // Every request may be refused with a 400 (or 431) before it reaches a route: malformed HTTP (start-service.ts).
      const standard: ProblemStatus[] = [400];
      if (roles) {
        standard.push(401, 403);
        const scope = operation['x-system-scope'];
        const who = `**Roles:** ${roles.join(', ')}${scope ? `; or a SYSTEM client with the scope \`${scope}\`` : ''}.`;
        operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
      } else {
        operation.security = [];
      }
      if (/\{[^}]+\}/.test(path) && roles) standard.push(404);
      if (roles || operation.requestBody) standard.push(503);
      for (const status of standard) operation.responses[status] ??= problemResponse(status);
      if (roles && (IDEMPOTENT_METHODS as readonly string[]).includes(method.toUpperCase())) {
        operation.parameters = [
          ...(operation.parameters ?? []),
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'Any unique string up to 200 characters: a repeat with the same key and body answers what the first did, without acting again; ' +
              'a repeat with another body is refused.',
            schema: { type: 'string', maxLength: 200, example: '9f1c2d3e-schedule-icpc' },
          } as { name: string; in: string },
        ];
      }
      operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  document.tags = [...usedTags].sort().map((name) => ({ name, description: completion.tags[name] ?? name }));
  // Relative: the service answers the paths itself, or a gateway in front of it does under its own address.
  document.servers = [{ url: '/', description: `This service; run locally (npm start) at http://localhost:${completion.port}.` }];
  for (const schema of Object.values(document.components?.schemas ?? {})) nullableReferences(schema);
  return document;
}

/**
 * OpenAPI 3.0.3 adds null to `type` only: `{ nullable: true, allOf: [{ $ref }] }`, which @nestjs/swagger
 * writes for `@ApiProperty({ type: SomeView, nullable: true })`, still requires the referenced object,
 * so a strict validator refuses the `null` the service really answers (found by the OpenAPI fuzz
 * test). Such a property becomes "the object, or null" in the 3.0 spelling of null.
 */
function nullableReferences(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    const allOf = property.allOf as unknown[] | undefined;
    if (property.nullable === true && allOf?.length === 1) {
      const { nullable: _nullable, allOf: _allOf, type: _type, ...rest } = property;
      properties[name] = { ...rest, oneOf: [allOf[0], { type: 'object', nullable: true, enum: [null] }] };
    } else nullableReferences(property);
  }
}
