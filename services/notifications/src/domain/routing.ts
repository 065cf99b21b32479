import { FamilyRoles, type ParticipantSnapshot, type Role } from '@cpc/contracts';

/** The local-authority staff roles a routing directory holds mailboxes for (R-ROUTE). */
export const DirectoryRoles = [
  'CHAIR',
  'SOCIAL_WORKER',
  'CLERK',
  'TEAM_MANAGER',
  'SAFEGUARDING_SERVICE_MANAGER',
  'LOCALITY_SERVICE_MANAGER',
] as const satisfies readonly Role[];
export type DirectoryRole = (typeof DirectoryRoles)[number];

/** One mailbox of a local authority's routing directory; `team` '' is the authority-wide entry. */
export interface DirectoryEntry {
  readonly localAuthority: string;
  readonly role: DirectoryRole;
  readonly team: string;
  readonly email: string;
  readonly name: string;
}

/** A person a staff message goes to, and where we found them. */
export interface RoutedRecipient {
  readonly role: Role;
  readonly name: string;
  readonly email: string;
  /** Stable per recipient within a cause: the participant id, or `directory:<role>:<team>`. */
  readonly key: string;
  readonly source: 'PARTICIPANT' | 'DIRECTORY';
}

/** Where each role's message goes, and the roles nobody could be found for. */
export interface Routing {
  readonly recipients: readonly RoutedRecipient[];
  readonly unrouted: readonly Role[];
}

const isDirectoryRole = (role: Role): role is DirectoryRole => (DirectoryRoles as readonly Role[]).includes(role);

/**
 * R-ROUTE: every alert and escalation reaches a person. For each role: the conference's
 * participants in the role who have an email; else the directory entry for the conference's team,
 * else the authority-wide entry; else the role is unrouted (the caller raises an operations alert,
 * never drops it). Family roles are never routed to: alerts and escalations are for staff.
 */
export function routeRoles(
  participants: readonly ParticipantSnapshot[],
  roles: readonly Role[],
  directory: readonly DirectoryEntry[],
  team = '',
): Routing {
  const recipients: RoutedRecipient[] = [];
  const unrouted: Role[] = [];
  for (const role of new Set(roles)) {
    if (FamilyRoles.includes(role) || role === 'SYSTEM') continue;
    const people = participants.filter((p) => p.role === role && p.email);
    if (people.length > 0) {
      for (const p of people)
        recipients.push({ role, name: `${p.firstName} ${p.lastName}`, email: p.email!, key: p.participantId, source: 'PARTICIPANT' });
      continue;
    }
    const entry = isDirectoryRole(role)
      ? (directory.find((e) => e.role === role && e.team === team) ?? directory.find((e) => e.role === role && e.team === ''))
      : undefined;
    if (entry) recipients.push({ role, name: entry.name, email: entry.email, key: `directory:${role}:${entry.team}`, source: 'DIRECTORY' });
    else unrouted.push(role);
  }
  return { recipients, unrouted };
}

/** Initials of a person for staff messages about a family member ("D. T."): never the full name. */
export function initialsOf(person: Pick<ParticipantSnapshot, 'firstName' | 'lastName'> | undefined): string {
  if (!person) return 'unknown';
  const initial = (name: string) => (name.trim().charAt(0).toLocaleUpperCase('en-GB') || '?') + '.';
  return `${initial(person.firstName)} ${initial(person.lastName)}`;
}
