import { DomainError } from '@cpc/contracts';
import { problemOf } from '@cpc/http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';

/**
 * The documents service's one mapper from domain refusals to problem+json (STYLE.md §5): a share of
 * confidential or sensitive sections to the family (R-CLASS-2, R-DV), no plan to circulate, nobody to
 * send it to (R-DEL-PRO, R-DEL-PAR), a report or conference not visible to the caller... each leaves
 * an HTTP route as its problem, status and `type` from the error's kind and code. Anything else passes
 * through to the problem filter unchanged.
 */
export function documentsProblemOf(error: unknown): unknown {
  return error instanceof DomainError ? problemOf(error) : error;
}

/** Applies documentsProblemOf to every route of a controller. */
@Injectable()
export class DocumentsErrors implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next.handle().pipe(catchError((error: unknown) => throwError(() => documentsProblemOf(error))));
  }
}
