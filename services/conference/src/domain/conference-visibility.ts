import { ManagerRoles, type Role } from '@cpc/contracts';

/**
 * Who sees what of a conference. Three audiences, decided from the caller's roles (the most
 * generous of them wins) and, for a SYSTEM client, its scopes:
 *
 * - `CONTACTS`: the whole record, family contact details included. CHAIR, SOCIAL_WORKER and CLERK
 *   only. R-CONTACT: the SW supplies the parents' phone and email and the chair confirms them with
 *   the parents; R-PART: the clerk (conference coordinator) sends the invitations and joins people
 *   by their channel. These three also write participants, so they see nothing they did not supply.
 * - `RECORD`: the whole record, but no participant's email, mobile or addresses. The other roles
 *   that may read a conference (TEAM_MANAGER for R-ESC, the two service managers for R-POSTPONE)
 *   decide on the case; none of their rules needs to reach the family, so they do not see how.
 * - `ACKNOWLEDGEMENT`: roles that may write but not read (a PROFESSIONAL recording R-PREP-10, or a
 *   SYSTEM client with only `conferences:write`): the conference's id, status and version and what
 *   the caller recorded. Never participants, children or anyone else's notes.
 */
export type ConferenceAudience = 'CONTACTS' | 'RECORD' | 'ACKNOWLEDGEMENT';

/** R-CONTACT / R-PART: the roles that supply, confirm and use family contact details. */
export const CONTACT_READER_ROLES: readonly Role[] = ['CHAIR', 'SOCIAL_WORKER', 'CLERK'];

/** The roles that may read a conference (GET /conferences, /conferences/{id}, the timeline). */
export const CONFERENCE_READER_ROLES: readonly Role[] = [...CONTACT_READER_ROLES, ...ManagerRoles];

/** A SYSTEM client reads the record with `conferences:read`, and contact details only with this scope as well. */
export const READ_SCOPE = 'conferences:read';
export const CONTACTS_SCOPE = 'conferences:contacts:read';

/** The fields of a participant that reach the family: only the `CONTACTS` audience sees them. */
export const CONTACT_FIELDS = ['email', 'mobile', 'addresses'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export interface Viewer {
  roles: readonly Role[];
  scopes?: readonly string[];
}

/** The audience a caller belongs to (see `ConferenceAudience`). */
export function audienceOf(viewer: Viewer): ConferenceAudience {
  const scopes = viewer.roles.includes('SYSTEM') ? (viewer.scopes ?? []) : [];
  const readsAsSystem = scopes.includes(READ_SCOPE);
  if (viewer.roles.some((role) => CONTACT_READER_ROLES.includes(role))) return 'CONTACTS';
  if (readsAsSystem && scopes.includes(CONTACTS_SCOPE)) return 'CONTACTS';
  if (readsAsSystem || viewer.roles.some((role) => CONFERENCE_READER_ROLES.includes(role))) return 'RECORD';
  return 'ACKNOWLEDGEMENT';
}

/** A participant without email, mobile and addresses. */
export function withoutContact<P extends object>(participant: P): Omit<P, ContactField> {
  const copy = { ...participant } as Record<string, unknown>;
  for (const field of CONTACT_FIELDS) delete copy[field];
  return copy as Omit<P, ContactField>;
}

/**
 * Any value (an event's data on the timeline) with every email, mobile and addresses field removed,
 * at any depth: a participant snapshot is found wherever an event carries one.
 */
export function withoutContactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutContactDeep);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([key]) => !(CONTACT_FIELDS as readonly string[]).includes(key));
  return Object.fromEntries(entries.map(([key, inner]) => [key, withoutContactDeep(inner)]));
}
