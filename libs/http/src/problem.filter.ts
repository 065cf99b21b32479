import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import { currentCorrelationId, redactContactText, safeError } from '@cpc/observability';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DependencyUnavailableProblem, unavailableDependency, type DependencyEndpoints } from './dependency-outage';
import { Problem, PROBLEM_CONTENT_TYPE, type ProblemDocument } from './problem';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  428: 'Precondition required',
  429: 'Too many requests',
  503: 'Service unavailable',
};

/**
 * Maps every error, once, to application/problem+json. Unexpected errors are logged, never shown,
 * and logged through `safeError`: a failed query's SQL, parameters and the driver's detail (which
 * quote the values, a parent's email and mobile among them) never reach the log, whatever logger this is given.
 * A dependency that is away (PostgreSQL, Kafka, Redis) is a 503 with `Retry-After`, not a 500 (issue 11).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly endpoints: DependencyEndpoints = {},
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception, request.originalUrl ?? request.url, this.endpoints);
    const path = redactContactText(request.originalUrl ?? request.url);
    if (problem.type === DEPENDENCY_UNAVAILABLE) {
      this.logger.warn({ err: safeError(exception), path, dependency: problem.dependency }, 'dependency unavailable');
    } else if (problem.status >= 500) {
      this.logger.error({ err: safeError(exception), path }, 'unhandled error');
    }
    if (response.headersSent) return;
    if (typeof problem.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...problem, correlationId: currentCorrelationId() }));
  }
}

const DEPENDENCY_UNAVAILABLE = new DependencyUnavailableProblem('postgresql').toDocument('').type;

/** The problem document of any error: ours, Nest's, middleware's, a dependency away (503), or an opaque 500. */
export function toProblem(exception: unknown, instance: string, endpoints: DependencyEndpoints = {}): ProblemDocument {
  if (exception instanceof Problem) return exception.toDocument(instance);
  const dependency = unavailableDependency(exception, endpoints);
  if (dependency) return new DependencyUnavailableProblem(dependency).toDocument(instance);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const detail = typeof body === 'string' ? body : describeBody(body);
    return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), instance, ...extraFields(body) };
  }
  const status = (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // body-parser and other middleware errors (malformed JSON, body too large, bad charset).
    const type = (exception as { type?: string }).type;
    const detail = type === 'entity.parse.failed' ? 'The body is not valid JSON.' : (exception as Error).message;
    return { type: 'about:blank', title: TITLES[status] ?? 'Bad request', status, detail, instance };
  }
  return {
    type: 'about:blank',
    title: 'Internal error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'Something went wrong on our side; it has been logged.',
    instance,
  };
}

function describeBody(body: object): string | undefined {
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return undefined;
}

function extraFields(body: string | object): Record<string, unknown> {
  if (typeof body !== 'object') return {};
  const { checks, status } = body as { checks?: unknown; status?: unknown };
  return checks ? { checks, health: status } : {};
}
