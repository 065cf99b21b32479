import { Inject, Injectable } from '@nestjs/common';
import type { ListedDeadline } from '../domain/deadline';
import type { WorkingCalendar } from '../domain/working-calendar';
import { DeadlineStore, type DeadlineFilter } from '../infrastructure/deadline.store';
import { WORKING_CALENDAR } from './deadline-lifecycle';

export type { DeadlineFilter } from '../infrastructure/deadline.store';

/** One page of a local authority's deadlines. */
export interface DeadlinePage {
  items: ListedDeadline[];
  page: number;
  pageSize: number;
  total: number;
}

/** What is due and what was breached today, with counts by status and kind. */
export interface DeadlineSummary {
  localAuthority: string;
  at: Date;
  byStatus: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  fallingDue: { withinHours: number; until: Date; count: number; items: ListedDeadline[] };
  breachedToday: { since: Date; count: number; items: ListedDeadline[] };
}

const SUMMARY_ITEMS = 50;

/** What operations staff read: one local authority's deadlines (API.md: a caller sees only its own). */
@Injectable()
export class DeadlineQueries {
  constructor(
    private readonly store: DeadlineStore,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  async list(localAuthority: string, filter: DeadlineFilter): Promise<DeadlinePage> {
    const { items, total } = await this.store.list(localAuthority, filter);
    return { items, page: filter.page, pageSize: filter.pageSize, total };
  }

  async one(localAuthority: string, id: string): Promise<ListedDeadline | null> {
    return this.store.one(localAuthority, id);
  }

  async summary(localAuthority: string, withinHours: number, now = new Date()): Promise<DeadlineSummary> {
    const byStatus: Record<string, number> = { PENDING: 0, MET: 0, BREACHED: 0, STOOD_DOWN: 0 };
    const byKind: Record<string, Record<string, number>> = {};
    for (const row of await this.store.counts(localAuthority)) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
      byKind[row.kind] = { ...(byKind[row.kind] ?? {}), [row.status]: row.count };
    }
    const until = new Date(now.getTime() + withinHours * 3600_000);
    // "Today" is the Europe/London day, whatever the server's zone.
    const since = this.calendar.startOfLocalDay(this.calendar.localDate(now));
    const [due, breached] = await Promise.all([
      this.store.fallingDue(localAuthority, now, until, SUMMARY_ITEMS),
      this.store.breachedSince(localAuthority, since, SUMMARY_ITEMS),
    ]);
    return {
      localAuthority,
      at: now,
      byStatus,
      byKind,
      fallingDue: { withinHours, until, count: due.total, items: due.items },
      breachedToday: { since, count: breached.total, items: breached.items },
    };
  }
}
