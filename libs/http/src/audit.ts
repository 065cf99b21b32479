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

interface QueuedAuditRow {
  values: unknown[];
  written(): void;
  failed(error: unknown): void;
}

/**
 * Writes the audit log. `record` inside a transaction makes the audit commit with the change. Without
 * one, the entry joins the rows waiting for the write in flight: while one INSERT is at the database,
 * the entries that come meanwhile queue and go in the next, as one multi-row INSERT (at most
 * AUDIT_BATCH_MAX). Nothing waits for a timer: with no write in flight an entry goes at once, so a quiet
 * service writes as before and a busy one makes one round trip for many requests. The promise settles
 * when the entry's own row is written (a document is read only after its read is audited); the time and
 * correlation id are those of the call, not of the write. Before the database closes, the queue is written.
 */
@Injectable()
export class AuditLog implements BeforeApplicationShutdown {
  private queue: QueuedAuditRow[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const values = auditValues(entry, new Date());
    if (manager) {
      await manager.query(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (${placeholders(0)})`, values);
      return;
    }
    await new Promise<void>((written, failed) => {
      this.queue.push({ values, written, failed });
      this.writing ??= this.writeQueued();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.writing;
  }

  private async writeQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, AUDIT_BATCH_MAX);
        try {
          await this.insert(batch);
          for (const row of batch) row.written();
        } catch (error) {
          if (batch.length === 1) batch[0].failed(error);
          // One row the database refuses must not cost the others theirs: each again on its own.
          else for (const row of batch) await this.insert([row]).then(row.written, row.failed);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private async insert(rows: QueuedAuditRow[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ${rows.map((_, i) => `(${placeholders(i)})`).join(', ')}`,
      rows.flatMap((row) => row.values),
    );
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
