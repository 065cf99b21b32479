import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseIdentityStore } from '../infrastructure/case-identity.store';

const POLL_MS = 100;

/**
 * Read-your-writes across services (issue 12 item 4): documents learns of a conference from
 * ConferenceScheduled on Kafka, a moment after the conference service answered 201. A caller who
 * asks to wait (`Prefer: wait=N`) is held until the conference is known here, or N seconds have
 * passed (then the usual answer, a 404, follows). Nothing is held for a caller who did not ask.
 */
@Injectable()
export class ConferenceArrival {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseIdentityStore,
  ) {}

  /** True once the conference is known; false when `waitMs` ran out first. */
  async awaitKnown(conferenceId: string, waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (await this.cases.known(this.dataSource.manager, conferenceId)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
    }
  }
}
