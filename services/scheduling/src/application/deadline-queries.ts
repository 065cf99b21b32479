import type { DeadlineStatus } from '@cpc/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WorkingCalendar } from '../domain/working-calendar';
import { DeadlineRecord } from '../infrastructure/scheduling.entities';
import { WORKING_CALENDAR } from './deadline-lifecycle';

export interface DeadlineFilter {
  conferenceId?: string;
  status?: DeadlineStatus;
  kind?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  page: number;
  pageSize: number;
}

export interface DeadlinePage {
  items: DeadlineRecord[];
  page: number;
  pageSize: number;
  total: number;
}

export interface DeadlineSummary {
  localAuthority: string;
  at: Date;
  byStatus: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  fallingDue: { withinHours: number; until: Date; count: number; items: DeadlineRecord[] };
  breachedToday: { since: Date; count: number; items: DeadlineRecord[] };
}

const SUMMARY_ITEMS = 50;

/** What operations staff read: one local authority's deadlines (API.md: a caller sees only its own). */
@Injectable()
export class DeadlineQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  async list(localAuthority: string, filter: DeadlineFilter): Promise<DeadlinePage> {
    const query = this.dataSource
      .getRepository(DeadlineRecord)
      .createQueryBuilder('d')
      .where('d.localAuthority = :localAuthority', { localAuthority });
    if (filter.conferenceId) query.andWhere('d.conferenceId = :conferenceId', { conferenceId: filter.conferenceId });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.dueBefore) query.andWhere('d.dueAt < :dueBefore', { dueBefore: filter.dueBefore });
    if (filter.dueAfter) query.andWhere('d.dueAt >= :dueAfter', { dueAfter: filter.dueAfter });
    const [items, total] = await query
      .orderBy('d.dueAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, page: filter.page, pageSize: filter.pageSize, total };
  }

  async one(localAuthority: string, id: string): Promise<DeadlineRecord | null> {
    return this.dataSource.getRepository(DeadlineRecord).findOneBy({ id, localAuthority });
  }

  async summary(localAuthority: string, withinHours: number, now = new Date()): Promise<DeadlineSummary> {
    const counts: { status: string; kind: string; count: string }[] = await this.dataSource.query(
      'SELECT status, kind, count(*) AS count FROM deadlines WHERE local_authority = $1 GROUP BY status, kind',
      [localAuthority],
    );
    const byStatus: Record<string, number> = { PENDING: 0, MET: 0, BREACHED: 0, STOOD_DOWN: 0 };
    const byKind: Record<string, Record<string, number>> = {};
    for (const row of counts) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + Number(row.count);
      byKind[row.kind] = { ...(byKind[row.kind] ?? {}), [row.status]: Number(row.count) };
    }
    const repository = this.dataSource.getRepository(DeadlineRecord);
    const until = new Date(now.getTime() + withinHours * 3600_000);
    const fallingDue = repository
      .createQueryBuilder('d')
      .where('d.localAuthority = :localAuthority AND d.status = :pending AND d.dueAt >= :now AND d.dueAt < :until', {
        localAuthority,
        pending: 'PENDING',
        now,
        until,
      })
      .orderBy('d.dueAt', 'ASC');
    // "Today" is the Europe/London day, whatever the server's zone.
    const since = this.calendar.startOfLocalDay(this.calendar.localDate(now));
    const breached = repository
      .createQueryBuilder('d')
      .where('d.localAuthority = :localAuthority AND d.status = :breached AND d.breachedAt >= :since', {
        localAuthority,
        breached: 'BREACHED',
        since,
      })
      .orderBy('d.breachedAt', 'DESC');
    const [[dueItems, dueCount], [breachedItems, breachedCount]] = await Promise.all([
      fallingDue.take(SUMMARY_ITEMS).getManyAndCount(),
      breached.take(SUMMARY_ITEMS).getManyAndCount(),
    ]);
    return {
      localAuthority,
      at: now,
      byStatus,
      byKind,
      fallingDue: { withinHours, until, count: dueCount, items: dueItems },
      breachedToday: { since, count: breachedCount, items: breachedItems },
    };
  }
}
