import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the one error shape of every service's API. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  correlationId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = '/problems/';

/** A typed error a use case throws; mapped once to problem+json by the filter. */
export class Problem extends HttpException {
  constructor(
    status: number,
    readonly problemType: string,
    title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super({ title, detail }, status);
  }

  toDocument(instance: string): ProblemDocument {
    const body = this.getResponse() as { title: string; detail?: string };
    return {
      type: `${PROBLEM_BASE}${this.problemType}`,
      title: body.title,
      status: this.getStatus(),
      ...(body.detail ? { detail: body.detail } : {}),
      instance,
      ...this.extensions,
    };
  }
}

export class ValidationProblem extends Problem {
  constructor(
    readonly fieldErrors: FieldProblem[],
    detail = 'The request has invalid fields.',
  ) {
    super(HttpStatus.BAD_REQUEST, 'validation-error', 'Your request is not valid', detail, { errors: fieldErrors });
  }
}

export class NotFoundProblem extends Problem {
  constructor(what: string, id: string) {
    super(HttpStatus.NOT_FOUND, 'not-found', `${what} not found`, `No ${what.toLowerCase()} with id ${id} is visible to you.`);
  }
}

/** An action not allowed in the current state (R-LIFE and friends). */
export class ConflictProblem extends Problem {
  constructor(problemType: string, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.CONFLICT, problemType, title, detail, extensions);
  }
}

export class UnprocessableProblem extends Problem {
  constructor(problemType: string, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, problemType, title, detail, extensions);
  }
}

export class PreconditionFailedProblem extends Problem {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.PRECONDITION_FAILED, 'stale-version', 'The resource has changed since you read it', detail, extensions);
  }
}
