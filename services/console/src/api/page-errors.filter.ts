import { toProblem } from '@cpc/http';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageRenderer } from './page-renderer';

/**
 * The pages answer an error as a GOV.UK page with the same status the JSON API would give (400 naming
 * each field, 401 sign in, 403, 404), never a raw 401 or a problem document in a browser.
 */
@Catch()
export class PageErrors implements ExceptionFilter {
  constructor(private readonly renderer: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception, request.originalUrl);
    if (problem.status >= 500) throw exception; // the service's problem filter logs it and answers 500/503
    if (response.headersSent) return;
    const html = this.renderer.render('error.njk', {
      problem,
      errors: (problem.errors as { field: string; message: string }[] | undefined) ?? [],
      cspNonce: response.locals.cspNonce,
    });
    response.status(problem.status).type('html').send(html);
  }
}
