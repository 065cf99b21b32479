import type { DataSource, EntityManager } from 'typeorm';
import type { DirectoryEntry, DirectoryRole } from '../domain/routing';

interface DirectoryRow {
  local_authority: string;
  role: DirectoryRole;
  team: string;
  email: string;
  name: string;
  updated_by: string;
  updated_at: Date;
}

/** A directory entry as stored: who set it and when. */
export interface StoredDirectoryEntry extends DirectoryEntry {
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

const entryOf = (row: DirectoryRow): StoredDirectoryEntry => ({
  localAuthority: row.local_authority,
  role: row.role,
  team: row.team,
  email: row.email,
  name: row.name,
  updatedBy: row.updated_by,
  updatedAt: new Date(row.updated_at),
});

/** The routing directory (R-ROUTE), one row per (local authority, role, team); typed rows, no entity. */
export class RoutingDirectoryStore {
  constructor(private readonly dataSource: DataSource) {}

  async put(entry: DirectoryEntry, updatedBy: string): Promise<StoredDirectoryEntry> {
    const rows: DirectoryRow[] = await this.dataSource.query(
      `INSERT INTO routing_directory (local_authority, role, team, email, name, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (local_authority, role, team) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING *`,
      [entry.localAuthority, entry.role, entry.team, entry.email, entry.name, updatedBy],
    );
    return entryOf(rows[0]);
  }

  async list(localAuthority: string): Promise<StoredDirectoryEntry[]> {
    const rows: DirectoryRow[] = await this.dataSource.query(
      'SELECT * FROM routing_directory WHERE local_authority = $1 ORDER BY role, team',
      [localAuthority],
    );
    return rows.map(entryOf);
  }

  /** The authority's entries, read inside an event's transaction. */
  static async forAuthority(manager: EntityManager, localAuthority: string): Promise<DirectoryEntry[]> {
    const rows: DirectoryRow[] = await manager.query('SELECT * FROM routing_directory WHERE local_authority = $1', [localAuthority]);
    return rows.map(entryOf);
  }
}
