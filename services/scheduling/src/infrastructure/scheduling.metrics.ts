import type { MetricsRegistry } from '@cpc/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

export interface DeadlineCount {
  status: string;
  kind: string;
  count: number;
}

/** Scheduling's Prometheus metrics, on the service's registry (served at GET /metrics). */
export class SchedulingMetrics {
  readonly firingLag: Histogram<'purpose'>;
  readonly wakeUps: Counter<'purpose' | 'outcome'>;
  readonly rebuilds: Counter<'trigger' | 'outcome'>;
  readonly rebuildRestored: Counter<'trigger'>;
  readonly rebuildDuration: Histogram<'trigger'>;
  readonly sweptBreaches: Counter;
  readonly schedulingFailures: Counter;

  constructor(metrics: MetricsRegistry, countDeadlines: () => Promise<DeadlineCount[]>) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'scheduling_deadlines',
      help: 'Deadlines by status and kind (rule id), read from PostgreSQL at scrape time',
      labelNames: ['status', 'kind'],
      registers,
      async collect() {
        const counts = await countDeadlines();
        this.reset();
        for (const { status, kind, count } of counts) this.set({ status, kind }, count);
      },
    });
    this.firingLag = new Histogram({
      name: 'scheduling_firing_lag_seconds',
      help: 'From the time a breach or reminder was due to the moment it was recorded (event in the outbox)',
      labelNames: ['purpose'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers,
    });
    this.wakeUps = new Counter({
      name: 'scheduling_wake_ups_total',
      help: 'Wake-ups handled, by outcome: acted, stale (an older version), settled (met, stood down, breached), early',
      labelNames: ['purpose', 'outcome'],
      registers,
    });
    this.rebuilds = new Counter({
      name: 'scheduling_rebuilds_total',
      help: 'Rebuilds of the Redis wake-ups from PostgreSQL, by trigger (start, timer, manual) and outcome',
      labelNames: ['trigger', 'outcome'],
      registers,
    });
    this.rebuildRestored = new Counter({
      name: 'scheduling_rebuild_restored_wake_ups_total',
      help: 'Wake-ups a rebuild found missing from Redis and added again',
      labelNames: ['trigger'],
      registers,
    });
    this.rebuildDuration = new Histogram({
      name: 'scheduling_rebuild_duration_seconds',
      help: 'Time to check and restore every pending wake-up',
      labelNames: ['trigger'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.sweptBreaches = new Counter({
      name: 'scheduling_swept_breaches_total',
      help: 'Deadlines breached by the periodic sweep because their wake-up never came (Redis lost or down)',
      registers,
    });
    this.schedulingFailures = new Counter({
      name: 'scheduling_wake_up_scheduling_failures_total',
      help: 'Times adding wake-ups to Redis failed after a commit; the next rebuild adds them',
      registers,
    });
  }
}
