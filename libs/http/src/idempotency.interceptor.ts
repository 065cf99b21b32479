import { HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { from, of, switchMap, tap, catchError, throwError, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { Principal } from './auth';
import { Problem } from './problem';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The methods a key is honoured on (and documented on, libs/http openapi.ts). */
export const IDEMPOTENT_METHODS = ['POST', 'PUT', 'PATCH'] as const;

/**
 * Writes accept an Idempotency-Key; a repeat returns the first answer (ARCHITECTURE.md "REST").
 * The key is claimed before the work runs, so two concurrent repeats cannot both act; a repeat with
 * a different body is refused rather than silently answered with another request's result.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /**
   * `claimTimeoutSeconds`: a claim whose request never finished (the process died mid-way) is taken
   * over by a repeat after this long, instead of answering 409 for ever (IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS).
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { claimTimeoutSeconds: number } = { claimTimeoutSeconds: 120 },
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{
      method: string;
      originalUrl: string;
      headers: Record<string, string | undefined>;
      body: unknown;
      principal?: Principal;
    }>();
    const response = context.switchToHttp().getResponse<{ statusCode: number; status(code: number): void }>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (!key || !(IDEMPOTENT_METHODS as readonly string[]).includes(request.method) || !request.principal) return next.handle();
    if (key.length > 200)
      throw new Problem(HttpStatus.BAD_REQUEST, 'invalid-idempotency-key', 'Idempotency-Key too long', 'Use at most 200 characters.');

    const principal = request.principal.sub;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl} ${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return from(this.claim(principal, key, request.method, request.originalUrl, requestHash)).pipe(
      switchMap((previous) => {
        if (previous) {
          response.status(previous.statusCode);
          return of(previous.body);
        }
        return next.handle().pipe(
          switchMap((body) => from(this.complete(principal, key, response.statusCode, body)).pipe(switchMap(() => of(body)))),
          catchError((error) => from(this.release(principal, key)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
      tap({ error: () => undefined }),
    );
  }

  private async claim(
    principal: string,
    key: string,
    method: string,
    path: string,
    requestHash: string,
  ): Promise<{ statusCode: number; body: unknown } | null> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (principal, idempotency_key, method, path, request_hash)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [principal, key, method, path, requestHash],
    );
    if (inserted.length > 0) return null;
    const [existing] = await this.dataSource.query(
      'SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE principal = $1 AND idempotency_key = $2',
      [principal, key],
    );
    if (!existing) return this.claim(principal, key, method, path, requestHash);
    if (existing.request_hash !== requestHash) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'idempotency-key-reused',
        'Idempotency-Key already used for another request',
        'This key was first used with a different method, path or body; use a new key for a new request.',
      );
    }
    if (existing.status_code === null) {
      if (await this.takeOverAbandoned(principal, key, requestHash)) return null;
      throw new Problem(
        HttpStatus.CONFLICT,
        'idempotent-request-in-progress',
        'The first request with this key is still in progress',
        'Retry shortly.',
      );
    }
    return { statusCode: existing.status_code as number, body: existing.response_body as unknown };
  }

  /** The same request's claim, older than the timeout and never finished: it is this repeat's now. */
  private async takeOverAbandoned(principal: string, key: string, requestHash: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now()
        WHERE principal = $1 AND idempotency_key = $2 AND request_hash = $3 AND status_code IS NULL
          AND created_at < now() - make_interval(secs => $4) RETURNING idempotency_key`,
      [principal, key, requestHash, this.options.claimTimeoutSeconds],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  private async complete(principal: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE principal = $1 AND idempotency_key = $2',
      [principal, key, statusCode, JSON.stringify(body ?? null)],
    );
  }

  private async release(principal: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE principal = $1 AND idempotency_key = $2', [principal, key]);
  }
}
