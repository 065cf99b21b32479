import {
  HttpException,
  Injectable,
  type BeforeApplicationShutdown,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { currentCorrelationId } from '@cpc/observability';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { finalize, tap, type Observable } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from './auth';
import { CoalescedWrites } from './coalesced-writes';

export interface AuditEntry {
  principal: Principal;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome: number;
  detail?: Record<string, unknown>;
}

/** Most rows one audit INSERT carries (10 parameters a row: far below PostgreSQL's 65,535). */
export const AUDIT_BATCH_MAX = 500;

const AUDIT_COLUMNS = 'at, actor, actor_roles, local_authority, action, resource_type, resource_id, outcome, correlation_id, detail';
const AUDIT_WIDTH = 10;

/**
 * Writes the audit log. `record` inside a transaction makes the audit commit with the change. Without
 * one, entries that come while an INSERT is at the database go together in the next, one multi-row
 * INSERT (CoalescedWrites; at most AUDIT_BATCH_MAX, a refused row tried again alone). The promise settles
 * when the entry's own row is written (a document is read only after its read is audited); the time and
 * correlation id are those of the call, not of the write. Before the database closes, the queue is written.
 */
@Injectable()
export class AuditLog implements BeforeApplicationShutdown {
  private readonly rows = new CoalescedWrites<unknown[], void>(async (rows) => {
    await this.dataSource.query(
      `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ${rows.map((_, i) => `(${placeholders(i)})`).join(', ')}`,
      rows.flat(),
    );
    return rows.map(() => undefined);
  }, AUDIT_BATCH_MAX);

  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const values = auditValues(entry, new Date());
    if (manager) await manager.query(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (${placeholders(0)})`, values);
    else await this.rows.write(values);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.rows.drained();
  }
}

function placeholders(row: number): string {
  return Array.from({ length: AUDIT_WIDTH }, (_, column) => `$${row * AUDIT_WIDTH + column + 1}`).join(', ');
}

function auditValues(entry: AuditEntry, at: Date): unknown[] {
  return [
    at,
    auditText(entry.principal.sub),
    entry.principal.roles,
    auditText(entry.principal.la),
    auditText(entry.action),
    auditText(entry.resourceType),
    entry.resourceId == null ? null : auditText(entry.resourceId),
    entry.outcome,
    currentCorrelationId() ?? null,
    entry.detail ? JSON.stringify(entry.detail) : null,
  ];
}

/** Every authenticated request leaves who, what (route and id) and the outcome in the audit log. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditLog,
    private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const response = context.switchToHttp().getResponse<Response>();
    let failed: number | null = null;
    return next.handle().pipe(
      // The problem filter sets the status after this interceptor: take it from the error itself.
      tap({ error: (error: unknown) => (failed = error instanceof HttpException ? error.getStatus() : 500) }),
      finalize(() => {
        if (!request.principal) return;
        const params = request.params ?? {};
        const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
        this.audit
          .record({
            principal: request.principal,
            action: `${request.method} ${route}`,
            resourceType: route.split('/').filter((s: string) => s && !s.startsWith(':'))[2] ?? 'unknown',
            resourceId: firstParam(params.id ?? Object.values(params)[0]),
            outcome: failed ?? response.statusCode,
          })
          .catch((error) => this.logger.error({ err: error }, 'audit record could not be written'));
      }),
    );
  }
}

/** Longest text kept per audit column: the resource index refuses rows over ~2.7 kB, and a hostile path can be any length. */
export const AUDIT_TEXT_MAX = 256;

/**
 * A value as the audit log keeps it: characters PostgreSQL cannot store (NUL) and other control
 * characters become U+FFFD, and anything longer than AUDIT_TEXT_MAX is cut, saying how much was cut,
 * so a request with a hostile id is still audited instead of failing to be.
 */
export function auditText(value: string): string {
  const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
  if (clean.length <= AUDIT_TEXT_MAX) return clean;
  const kept = clean.slice(0, AUDIT_TEXT_MAX - 24);
  return `${kept}…[+${clean.length - kept.length} chars]`;
}

function firstParam(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
