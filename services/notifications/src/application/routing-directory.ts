import { Injectable } from '@nestjs/common';
import type { DirectoryRole } from '../domain/routing';
import { RoutingDirectoryStore, type StoredDirectoryEntry } from '../infrastructure/routing-directory.store';

export type { StoredDirectoryEntry } from '../infrastructure/routing-directory.store';

/** What setting a directory entry takes: the caller's local authority is added by the caller. */
export interface DirectoryEntryInput {
  localAuthority: string;
  role: DirectoryRole;
  team?: string;
  email: string;
  name: string;
  updatedBy: string;
}

/**
 * R-ROUTE: a local authority's routing directory, the mailbox per role (and per team) that
 * alerts and escalations go to when a conference has no participant in the role with an email.
 */
@Injectable()
export class RoutingDirectory {
  constructor(private readonly store: RoutingDirectoryStore) {}

  set(input: DirectoryEntryInput): Promise<StoredDirectoryEntry> {
    const team = input.team?.trim() ?? '';
    return this.store.put(
      { localAuthority: input.localAuthority, role: input.role, team, email: input.email.trim(), name: input.name.trim() },
      input.updatedBy,
    );
  }

  list(localAuthority: string): Promise<StoredDirectoryEntry[]> {
    return this.store.list(localAuthority);
  }
}
