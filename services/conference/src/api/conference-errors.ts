import { DomainError } from '@cpc/contracts';
import { problemOf } from '@cpc/http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';

/**
 * The conference service's one mapper from domain refusals to problem+json (STYLE.md §5): whatever a
 * use case or the domain refuses with (IllegalTransition, a missing conference, a stale If-Match, a
 * THREE_PART without the chair...) leaves an HTTP route as its problem, status and `type` from the
 * error's kind and code. Anything else passes through to the problem filter unchanged.
 */
export function conferenceProblemOf(error: unknown): unknown {
  return error instanceof DomainError ? problemOf(error) : error;
}

/** Applies conferenceProblemOf to every route of a controller. */
@Injectable()
export class ConferenceErrors implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next.handle().pipe(catchError((error: unknown) => throwError(() => conferenceProblemOf(error))));
  }
}
