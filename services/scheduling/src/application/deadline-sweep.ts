import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_LOGGER } from '@cpc/runtime';
import type { Logger } from 'pino';
import { DeadlineStore } from '../infrastructure/deadline.store';
import { SchedulingMetrics } from '../infrastructure/scheduling.metrics';
import { SweepLock } from '../infrastructure/sweep-lock';
import { SchedulingConfig } from '../scheduling.config';
import { FireDeadline } from './fire-deadline';

const SWEEP_BATCH = 1000;
// Each firing is one short transaction on the pool (20 connections): a few at once, leaving room for requests.
const FIRING_AT_ONCE = 8;

/**
 * The breach path that needs no Redis (issue 11 item 5): every SWEEP_INTERVAL_MS, one replica (the
 * advisory lock) reads PostgreSQL for pending deadlines more than SWEEP_GRACE_MS past due and fires
 * each through FireDeadline, whose row lock and version check make a wake-up arriving at the same
 * moment find it settled. So a deadline is at most about SWEEP_GRACE_MS + SWEEP_INTERVAL_MS late,
 * whatever happened to its wake-up.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly store: DeadlineStore,
    private readonly lock: SweepLock,
    private readonly fireDeadline: FireDeadline,
    private readonly metrics: SchedulingMetrics,
    private readonly config: SchedulingConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // The Kafka microservice shares the module graph and calls the lifecycle hooks too: start once.
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.sweepLogged(), this.config.SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.halt();
    // A sweep in progress finishes its transactions before the database closes.
    await this.running?.catch((error: unknown) => this.logger.debug({ err: error }, 'sweep failed during shutdown'));
  }

  /** Stops sweeping at once, as a killed process would (tests of restarts). */
  halt(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One sweep, unless one is running here already; how many deadlines it breached (0 when another replica holds the lock). */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async sweepLogged(): Promise<void> {
    try {
      const swept = await this.sweep();
      if (swept > 0) this.logger.info({ swept }, 'overdue deadlines breached by the sweep; their wake-ups never came');
    } catch (error) {
      this.logger.warn({ err: error }, 'deadline sweep failed; it runs again on its interval');
    }
  }

  private async sweepOnce(): Promise<number> {
    const swept = await this.lock.whileHeld(async () => {
      let acted = 0;
      for (;;) {
        const overdue = await this.store.overdue(new Date(Date.now() - this.config.SWEEP_GRACE_MS), SWEEP_BATCH);
        let actedNow = 0;
        for (let i = 0; i < overdue.length && !this.stopped; i += FIRING_AT_ONCE) {
          const outcomes = await Promise.all(
            overdue
              .slice(i, i + FIRING_AT_ONCE)
              .map(({ id, version }) => this.fireDeadline.fire({ deadlineId: id, version, purpose: 'due' })),
          );
          actedNow += outcomes.filter((outcome) => outcome === 'acted').length;
        }
        acted += actedNow;
        // Another full page only if this one moved: rows that stay pending (moved meanwhile) must not spin the loop.
        if (overdue.length < SWEEP_BATCH || actedNow === 0 || this.stopped) return acted;
      }
    });
    this.metrics.sweptBreaches.inc(swept ?? 0);
    return swept ?? 0;
  }
}
