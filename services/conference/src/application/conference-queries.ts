import { DomainError } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConferenceRecord } from '../infrastructure/conference.entity';
import type { ConferenceListFilter } from './conference-inputs';

/** Reads, always within the caller's local authority: another LA's conference is "not found". */
@Injectable()
export class ConferenceQueries {
  constructor(private readonly dataSource: DataSource) {}

  async one(id: string, caller: Principal): Promise<ConferenceRecord> {
    const record = await this.dataSource.getRepository(ConferenceRecord).findOneBy({ id, localAuthority: caller.la });
    if (!record) throw DomainError.notFound('Conference', id);
    return record;
  }

  async list(query: ConferenceListFilter, caller: Principal) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const builder = this.dataSource
      .getRepository(ConferenceRecord)
      .createQueryBuilder('c')
      .where('c.local_authority = :la', { la: caller.la });
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    if (query.from) builder.andWhere('c.scheduled_start >= :from', { from: new Date(query.from) });
    if (query.to) builder.andWhere('c.scheduled_start < :to', { to: new Date(query.to) });
    if (query.chair)
      builder.andWhere('c.participants @> :chair::jsonb', { chair: JSON.stringify([{ role: 'CHAIR', userId: query.chair }]) });
    const [items, total] = await builder
      .orderBy('c.scheduled_start', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  /** Every event of the conference, in the order it was committed (the outbox keeps them all). */
  async timeline(id: string, caller: Principal) {
    await this.one(id, caller);
    const rows: { type: string; envelope: { id: string; time: string; data: unknown } }[] = await this.dataSource.query(
      'SELECT type, envelope FROM outbox WHERE message_key = $1 ORDER BY seq',
      [id],
    );
    return { items: rows.map((row) => ({ id: row.envelope.id, type: row.type, time: row.envelope.time, data: row.envelope.data })) };
  }
}
