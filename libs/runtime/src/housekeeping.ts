import type { ServiceConfig } from '@cpc/config';
import type { MetricsRegistry } from '@cpc/observability';
import type { OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** A table the housekeeping prunes: rows older than `days` by `column`, only where `settled` holds. */
export interface RetentionRule {
  table: 'outbox' | 'inbox' | 'idempotency_keys';
  column: string;
  days: number;
  /** Extra condition a row must meet to go (an unpublished outbox row never goes). */
  settled?: string;
}

export function retentionRules(config: ServiceConfig): RetentionRule[] {
  return [
    { table: 'outbox', column: 'sent_at', days: config.OUTBOX_RETENTION_DAYS, settled: 'sent_at IS NOT NULL' },
    { table: 'inbox', column: 'processed_at', days: config.INBOX_RETENTION_DAYS },
    { table: 'idempotency_keys', column: 'created_at', days: config.IDEMPOTENCY_RETENTION_DAYS },
  ];
}

const BATCH = 5000;

/**
 * Retention for the rows every service keeps for delivery guarantees (issue 13 item 5): published
 * outbox rows, inbox rows and idempotency keys older than their settings are deleted, in batches
 * so no delete holds locks for long, by one replica at a time (a PostgreSQL advisory lock), every
 * HOUSEKEEPING_INTERVAL_MS and once shortly after start. `housekeeping_rows_pruned_total{table}`
 * counts what went.
 */
export class Housekeeping implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopping = false;
  private readonly pruned: Counter<'table'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RetentionRule[],
    private readonly options: { intervalMs: number; lockKey: number; firstRunAfterMs?: number },
    private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    const name = 'housekeeping_rows_pruned_total';
    this.pruned =
      (metrics.registry.getSingleMetric(name) as Counter<'table'> | undefined) ??
      new Counter({
        name,
        help: 'Rows deleted by retention (published outbox rows, inbox rows, idempotency keys), by table',
        labelNames: ['table'],
        registers: [metrics.registry],
      });
    for (const rule of rules) this.pruned.inc({ table: rule.table }, 0);
  }

  onApplicationBootstrap(): void {
    this.first = setTimeout(() => this.tick(), this.options.firstRunAfterMs ?? 60_000);
    this.first.unref();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Before the database closes: a prune in hand stops after its current batch (the rest waits for the next run). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.first);
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.prune()
      .catch((error) => this.logger.warn({ err: error }, 'housekeeping did not run; it will try again'))
      .finally(() => (this.running = undefined));
  }

  /** One pass over every rule; what each deleted (nothing when another replica holds the lock: `undefined`). */
  async prune(): Promise<Record<string, number> | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [this.options.lockKey])) as {
        locked: boolean;
      }[];
      if (!locked) return undefined;
      try {
        const counts: Record<string, number> = {};
        for (const rule of this.rules) {
          if (this.stopping) break;
          counts[rule.table] = 0;
          for (;;) {
            const [, deleted] = (await runner.query(
              `DELETE FROM ${rule.table} WHERE ctid IN (
                 SELECT ctid FROM ${rule.table} WHERE ${rule.column} < now() - make_interval(days => $1)
                 ${rule.settled ? `AND ${rule.settled}` : ''} LIMIT ${BATCH})`,
              [rule.days],
            )) as [unknown, number];
            counts[rule.table] += deleted;
            this.pruned.inc({ table: rule.table }, deleted);
            if (deleted < BATCH || this.stopping) break;
          }
        }
        if (Object.values(counts).some((n) => n > 0)) this.logger.info({ pruned: counts }, 'housekeeping pruned old rows');
        return counts;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [this.options.lockKey]);
      }
    } finally {
      await runner.release();
    }
  }
}
