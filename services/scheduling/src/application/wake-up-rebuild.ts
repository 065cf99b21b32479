import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_LOGGER } from '@cpc/runtime';
import type { Logger } from 'pino';
import { wakeUpsOf } from '../domain/wake-up';
import { DeadlineStore } from '../infrastructure/deadline.store';
import { SchedulingMetrics } from '../infrastructure/scheduling.metrics';
import { WakeUpQueue } from '../infrastructure/wake-up.queue';
import { SchedulingConfig } from '../scheduling.config';
import { DeadlineSweep } from './deadline-sweep';
import { FireDeadline } from './fire-deadline';
import { overlappedPages } from './overlapped-pages';
import type { WakeUpPlan } from './wake-up-plan';

/** addBulk calls a rebuild keeps in flight: Redis runs one while the client prepares the next. */
const REBUILD_WRITES_IN_FLIGHT = 3;

export type RebuildTrigger = 'start' | 'timer' | 'manual' | 'lost';

export interface RebuildResult {
  pending: number;
  restored: number;
  swept: number;
  durationMs: number;
}

/**
 * Redis is disposable (ARCHITECTURE.md): on start and on a timer, every wake-up a pending deadline
 * needs is checked against Redis and added where missing, from PostgreSQL. And at once when Redis
 * has lost them (issue 11 item 5): the queue's marker key, checked every REDIS_LOSS_CHECK_MS and on
 * each reconnect, is gone after a flush or an empty restart. Deadlines overdue past a grace period
 * are breached directly by DeadlineSweep, which needs no Redis. Also the one place that talks to the
 * queue for the rest of the service.
 */
@Injectable()
export class WakeUpRebuild implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private lossTimer: NodeJS.Timeout | null = null;
  private checkingLoss = false;
  private running: Promise<RebuildResult> | null = null;
  private queued: Promise<RebuildResult> | null = null;
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly store: DeadlineStore,
    private readonly queue: WakeUpQueue,
    private readonly fireDeadline: FireDeadline,
    private readonly deadlineSweep: DeadlineSweep,
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
    this.lossTimer = setInterval(() => void this.rebuildIfLost(), this.config.REDIS_LOSS_CHECK_MS);
    this.lossTimer.unref();
    this.queue.onReconnect(() => void this.rebuildIfLost());
  }

  /** The marker is gone while Redis answers: its wake-ups went with it, so rebuild now rather than on the timer. */
  private async rebuildIfLost(): Promise<void> {
    if (this.checkingLoss || this.running || this.stopping) return;
    this.checkingLoss = true;
    try {
      if (!(await this.queue.lostWakeUps())) return;
      this.logger.warn('the wake-ups in Redis are gone (flushed, or Redis restarted empty); rebuilding them from PostgreSQL now');
      await this.rebuildLogged('lost');
    } catch (error) {
      // Redis away: the next check, or the reconnect, tries again; DeadlineSweep breaches what falls due meanwhile.
      this.logger.debug({ err: error }, 'redis loss check failed');
    } finally {
      this.checkingLoss = false;
    }
  }

  // Before the database closes: wake-ups in hand finish their transaction first.
  beforeApplicationShutdown(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.lossTimer) clearInterval(this.lossTimer);
    // A rebuild in progress (and one queued behind it) ends before the queue closes; if it failed, the next start rebuilds everything.
    await (this.queued ?? this.running)?.catch((error: unknown) => this.logger.debug({ err: error }, 'rebuild failed during shutdown'));
    await this.queue.close();
  }

  /** Stops taking wake-ups at once, as a killed process would (tests of restarts). */
  halt(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.lossTimer) clearInterval(this.lossTimer);
    this.deadlineSweep.halt();
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
      if (trigger === 'start' || trigger === 'lost' || result.restored > 0 || result.swept > 0)
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
    // Marked first: a flush while this runs takes the mark too, and the next check rebuilds again.
    await this.queue.markRebuilt();
    try {
      // PostgreSQL reads the next page and Redis checks this one while earlier pages' wake-ups are added.
      await overlappedPages(
        this.store.pendingPages(this.config.REBUILD_BATCH_SIZE),
        (page) => {
          pending += page.length;
          return this.queue.missing(page.flatMap(wakeUpsOf));
        },
        async (missing) => {
          await this.queue.schedule(missing);
          restored += missing.length;
        },
        REBUILD_WRITES_IN_FLIGHT,
      );
    } catch (error) {
      await this.queue.unmarkRebuilt().catch((unmarkError: unknown) => this.logger.debug({ err: unmarkError }, 'marker not removed'));
      throw error;
    }
    const swept = await this.deadlineSweep.sweep();
    const durationMs = Date.now() - started;
    this.metrics.rebuilds.inc({ trigger, outcome: 'done' });
    this.metrics.rebuildRestored.inc({ trigger }, restored);
    this.metrics.rebuildDuration.observe({ trigger }, durationMs / 1000);
    return { pending, restored, swept, durationMs };
  }
}
