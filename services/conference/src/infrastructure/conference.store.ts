import type { ConferenceStatus } from '@cpc/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConferenceRecord } from './conference.entity';

/** Which of one local authority's conferences to list (instants already parsed), and which page. */
export interface ConferenceSearch {
  status?: ConferenceStatus;
  from?: Date;
  to?: Date;
  /** The chair participant's userId. */
  chair?: string;
  page: number;
  pageSize: number;
}

/** One committed event of a conference, as its timeline shows it. */
export interface ConferenceEventEntry {
  id: string;
  type: string;
  time: string;
  data: unknown;
}

/**
 * Conferences in PostgreSQL. Rows are mapped by the TypeORM entity ConferenceRecord (conference.entity.ts);
 * every query of the `conferences` table, and the conference's timeline read from the outbox, is here.
 * Reads within the caller's local authority: another's conference is not found.
 */
@Injectable()
export class ConferenceStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The conference, row-locked until the transaction ends, if it belongs to the local authority (any, when none is given). */
  async lock(manager: EntityManager, id: string, localAuthority?: string): Promise<ConferenceRecord | null> {
    const query = manager.getRepository(ConferenceRecord).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id });
    if (localAuthority !== undefined) query.andWhere('c.local_authority = :la', { la: localAuthority });
    return query.getOne();
  }

  /** The conference, if it belongs to the local authority (any, when none is given); inside `manager`'s transaction when given. */
  async find(id: string, localAuthority?: string, manager: EntityManager = this.dataSource.manager): Promise<ConferenceRecord | null> {
    return manager.getRepository(ConferenceRecord).findOneBy(localAuthority === undefined ? { id } : { id, localAuthority });
  }

  /**
   * Inserts a new conference: one INSERT … RETURNING (version 1, created_at and updated_at come back into the record),
   * without save()'s look-up of whether the id exists, which a new random id never does.
   */
  async insert(manager: EntityManager, conference: ConferenceRecord): Promise<ConferenceRecord> {
    await manager.insert(ConferenceRecord, conference);
    return conference;
  }

  /** Updates the conference (the entity's version column counts the changes). */
  async save(manager: EntityManager, conference: ConferenceRecord): Promise<ConferenceRecord> {
    return manager.save(conference);
  }

  /** One page of the local authority's conferences by start, and how many match in all. */
  async list(localAuthority: string, search: ConferenceSearch): Promise<{ items: ConferenceRecord[]; total: number }> {
    const builder = this.dataSource
      .getRepository(ConferenceRecord)
      .createQueryBuilder('c')
      .where('c.local_authority = :la', { la: localAuthority });
    if (search.status) builder.andWhere('c.status = :status', { status: search.status });
    if (search.from) builder.andWhere('c.scheduled_start >= :from', { from: search.from });
    if (search.to) builder.andWhere('c.scheduled_start < :to', { to: search.to });
    if (search.chair)
      builder.andWhere('c.participants @> :chair::jsonb', { chair: JSON.stringify([{ role: 'CHAIR', userId: search.chair }]) });
    const [items, total] = await builder
      .orderBy('c.scheduled_start', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip((search.page - 1) * search.pageSize)
      .take(search.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** Every event of the conference, in the order it was committed (the outbox keeps them all). */
  async timeline(id: string): Promise<ConferenceEventEntry[]> {
    const rows: { type: string; envelope: { id: string; time: string; data: unknown } }[] = await this.dataSource.query(
      'SELECT type, envelope FROM outbox WHERE message_key = $1 ORDER BY seq',
      [id],
    );
    return rows.map((row) => ({ id: row.envelope.id, type: row.type, time: row.envelope.time, data: row.envelope.data }));
  }
}
