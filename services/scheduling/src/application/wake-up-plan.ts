import type { Deadline, DeadlineChange } from '../domain/deadline';
import { wakeUpIdsOfVersion, wakeUpsOf, type WakeUp } from '../domain/wake-up';

/**
 * The wake-ups a transaction's changes need, applied to Redis only after the transaction committed:
 * a wake-up must never find its deadline not yet written. If the process dies in between, the
 * rebuild on start adds them from PostgreSQL.
 */
export class WakeUpPlan {
  readonly schedule: WakeUp[] = [];
  readonly cancel: string[] = [];

  include(change: DeadlineChange, before: Deadline | undefined): void {
    if (change.supersededVersion !== undefined && before) {
      this.cancel.push(...wakeUpIdsOfVersion(before.id, change.supersededVersion, before.reminders.length));
    }
    this.schedule.push(...wakeUpsOf(change.deadline));
  }

  get empty(): boolean {
    return this.schedule.length === 0 && this.cancel.length === 0;
  }
}
