import { DomainError } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { Injectable } from '@nestjs/common';
import type { ConferenceRecord } from '../infrastructure/conference.entity';
import { ConferenceStore } from '../infrastructure/conference.store';
import type { ConferenceListFilter } from './conference-inputs';

/** Reads, always within the caller's local authority: another LA's conference is "not found". */
@Injectable()
export class ConferenceQueries {
  constructor(private readonly store: ConferenceStore) {}

  async one(id: string, caller: Principal): Promise<ConferenceRecord> {
    const record = await this.store.find(id, caller.la);
    if (!record) throw DomainError.notFound('Conference', id);
    return record;
  }

  async list(query: ConferenceListFilter, caller: Principal) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.store.list(caller.la, {
      status: query.status,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      chair: query.chair,
      page,
      pageSize,
    });
    return { items, total, page, pageSize };
  }

  /** Every event of the conference, in the order it was committed (the outbox keeps them all). */
  async timeline(id: string, caller: Principal) {
    await this.one(id, caller);
    return { items: await this.store.timeline(id) };
  }
}
