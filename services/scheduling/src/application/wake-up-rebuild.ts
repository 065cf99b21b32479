import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_LOGGER } from '@cpc/runtime';
import type { Logger } from 'pino';
import { wakeUpsOf } from '../domain/wake-up';
import { DeadlineStore } from '../infrastructure/deadline.store';
import { SchedulingMetrics } from '../infrastructure/scheduling.metrics';
import { WakeUpQueue } from '../infrastructure/wake-up.queue';
import { SchedulingConfig } from '../scheduling.config';
import { FireDeadline } from './fire-deadline';
import type { WakeUpPlan } from './wake-up-plan';

export type RebuildTrigger = 'start' | 'timer' | 'manual';

export interface RebuildResult {
  pending: number;
  restored: number;
  swept: number;
  durationMs: number;
}

/**
 * Redis is disposable (ARCHITECTURE.md): on start and on a timer, every wake-up a pending deadline
 * needs is checked against Redis and added where missing, from PostgreSQL. Deadlines overdue past
 * a grace period (their wake-up lost while Redis was away) are breached directly by the sweep.
 * Also the one place that talks to the queue for the rest of the service.
 */
@Injectable()
export class WakeUpRebuild implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RebuildResult> | null = null;
  private queued: Promise<RebuildResult> | null = null;
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly store: DeadlineStore,
    private readonly queue: WakeUpQueue,
    private readonly fireDeadline: FireDeadline,
    private readonly metrics: SchedulingMetrics,
    private readonly config: SchedulingConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // The Kafka microservice shares the module graph and calls the lifecycle hooks too: start once.
    if (this.timer) return;
    this.queue.startWorker((wakeUp) => this.fireDeadline.fire(wakeUp));
    void this.rebuildLogged('start');
    this.timer = setInterval(() => void this.rebuildLogged('timer'), this.config.REBUILD_INTERVAL_MS);
    this.timer.unref();
  }

  // Before the database closes: wake-ups in hand finish their transaction first.
  beforeApplicationShutdown(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // A rebuild in progress (and one queued behind it) ends before the queue closes; if it failed, the next start rebuilds everything.
    await (this.queued ?? this.running)?.catch((error: unknown) => this.logger.debug({ err: error }, 'rebuild failed during shutdown'));
    await this.queue.close();
  }

  /** Stops taking wake-ups at once, as a killed process would (tests of restarts). */
  halt(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopping ??= this.queue.close(true);
    return this.stopping;
  }

  /** Applies the wake-ups of committed changes. A Redis failure here is not lost: the next rebuild adds them. */
  async apply(plan: WakeUpPlan): Promise<void> {
    if (plan.empty) return;
    try {
      await this.queue.cancel(plan.cancel);
      await this.queue.schedule(plan.schedule);
    } catch (error) {
      this.metrics.schedulingFailures.inc();
      this.logger.warn(
        { err: error, wakeUps: plan.schedule.length },
        'wake-ups not added to Redis; the next rebuild adds them from PostgreSQL',
      );
    }
  }

  /**
   * One rebuild at a time. A call during a rebuild gets the next one, which starts when the current
   * ends: it must see deadlines committed before the call, which the current one may have missed.
   */
  rebuild(trigger: RebuildTrigger): Promise<RebuildResult> {
    if (!this.running) return this.start(trigger);
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start(trigger);
      });
    return this.queued;
  }

  private start(trigger: RebuildTrigger): Promise<RebuildResult> {
    const run: Promise<RebuildResult> = this.rebuildOnce(trigger).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async rebuildLogged(trigger: RebuildTrigger): Promise<void> {
    try {
      const result = await this.rebuild(trigger);
      if (trigger === 'start' || result.restored > 0 || result.swept > 0)
        this.logger.info({ trigger, ...result }, 'wake-ups rebuilt from PostgreSQL');
    } catch (error) {
      this.metrics.rebuilds.inc({ trigger, outcome: 'failed' });
      this.logger.warn({ err: error, trigger }, 'wake-up rebuild failed; it runs again on the timer');
    }
  }

  private async rebuildOnce(trigger: RebuildTrigger): Promise<RebuildResult> {
    const started = Date.now();
    let pending = 0;
    let restored = 0;
    for await (const page of this.store.pendingPages(this.config.REBUILD_BATCH_SIZE)) {
      pending += page.length;
      const missing = await this.queue.missing(page.flatMap(wakeUpsOf));
      await this.queue.schedule(missing);
      restored += missing.length;
    }
    const swept = await this.sweep();
    const durationMs = Date.now() - started;
    this.metrics.rebuilds.inc({ trigger, outcome: 'done' });
    this.metrics.rebuildRestored.inc({ trigger }, restored);
    this.metrics.rebuildDuration.observe({ trigger }, durationMs / 1000);
    return { pending, restored, swept, durationMs };
  }

  /** Deadlines well past due and still pending: their wake-up never came; fire them from here. */
  private async sweep(): Promise<number> {
    let swept = 0;
    const overdue = await this.store.overdue(new Date(Date.now() - this.config.SWEEP_GRACE_MS), 1000);
    for (const { id, version } of overdue) {
      if ((await this.fireDeadline.fire({ deadlineId: id, version, purpose: 'due' })) === 'acted') swept += 1;
    }
    this.metrics.sweptBreaches.inc(swept);
    return swept;
  }
}
