import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { breachIfDue, remindIfDue } from '../domain/deadline';
import { DeadlineStore } from '../infrastructure/deadline.store';
import { SchedulingMetrics } from '../infrastructure/scheduling.metrics';
import type { WakeUpJobData, WakeUpOutcome } from '../infrastructure/wake-up.queue';
import { DeadlineEvents } from './deadline-events';

/**
 * A wake-up arrived: re-read the deadline in PostgreSQL, locked, and act only if it is still
 * pending, of the version the wake-up was planned for, and due. The new state and its event commit
 * together; the row lock and the status check make a second wake-up for the same moment (another
 * worker, a rebuilt job, the sweep) find it settled, so nothing fires twice.
 */
@Injectable()
export class FireDeadline {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: DeadlineStore,
    private readonly events: DeadlineEvents,
    private readonly metrics: SchedulingMetrics,
  ) {}

  async fire(wakeUp: Pick<WakeUpJobData, 'deadlineId' | 'version' | 'purpose' | 'reminder'>): Promise<WakeUpOutcome> {
    const result = await this.dataSource.transaction(async (manager) => {
      const deadline = await this.store.lockDeadline(manager, wakeUp.deadlineId);
      if (!deadline) return { outcome: 'stale' as const };
      const now = new Date();
      const decided =
        wakeUp.purpose === 'due'
          ? breachIfDue(deadline, wakeUp.version, now)
          : remindIfDue(deadline, wakeUp.version, wakeUp.reminder ?? -1, now);
      if (decided.outcome !== 'acted') return decided;
      await this.store.save(manager, [decided.change.deadline]);
      await this.events.publish(manager, decided.change);
      const dueAt = wakeUp.purpose === 'due' ? deadline.dueAt : deadline.reminders[wakeUp.reminder ?? -1].at;
      return { outcome: 'acted' as const, lagSeconds: (now.getTime() - dueAt.getTime()) / 1000 };
    });
    // Counted after the commit: a rolled-back firing did not happen.
    if ('lagSeconds' in result) this.metrics.firingLag.observe({ purpose: wakeUp.purpose }, Math.max(0, result.lagSeconds));
    this.metrics.wakeUps.inc({ purpose: wakeUp.purpose, outcome: result.outcome });
    return result.outcome;
  }
}
