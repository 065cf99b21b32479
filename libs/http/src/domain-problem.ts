import type { DomainError, RefusalKind } from '@cpc/contracts';
import { HttpStatus } from '@nestjs/common';
import { Problem } from './problem';

const STATUS: Readonly<Record<RefusalKind, HttpStatus>> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  stale: HttpStatus.PRECONDITION_FAILED,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

/**
 * A domain refusal as problem+json: the kind picks the status, the code is the `type`, the message the
 * `detail`, and the details are the problem's extensions. The same document ValidationProblem,
 * NotFoundProblem, ConflictProblem, UnprocessableProblem and PreconditionFailedProblem give.
 */
export function problemOf(error: DomainError): Problem {
  return new Problem(STATUS[error.kind], error.code, error.title, error.message, error.details);
}
