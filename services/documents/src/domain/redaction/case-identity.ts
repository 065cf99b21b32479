import type { Role } from '@cpc/contracts';

/** A person the case holds, in every spelling the case knows (R-RED-INIT). */
export interface CasePerson {
  firstName: string;
  lastName: string;
  /** Nicknames and other names the person goes by, e.g. "Kaz" for Karen. */
  knownAs?: string[];
  /** ISO 8601 calendar date (YYYY-MM-DD; a time part is ignored). */
  dateOfBirth?: string;
  role: Role;
}

/** What the case holds that identifies the family: the source of exact redaction (R-RED-INIT). */
export interface CaseIdentity {
  people: CasePerson[];
  /** Each address as the case holds it, e.g. "12 Acacia Road, London W6 0AB". */
  addresses: string[];
}

/**
 * R-RED-INIT: the initials that stand for a person in the family's copy: "Amy Stone" -> "A.S.",
 * "Mary-Jane O'Neill" -> "M-J.O.", "Kai Smith-Jones" -> "K.S-J.".
 */
export function initialsOf(person: Pick<CasePerson, 'firstName' | 'lastName'>): string {
  return `${initialOf(person.firstName)}.${initialOf(person.lastName)}.`;
}

/** One name's initial, hyphenated parts kept apart ("Smith-Jones" -> "S-J"). */
export function initialOf(name: string): string {
  return name
    .trim()
    .split(/\s*[-‐–]\s*/u)
    .map((part) => part.match(/\p{L}/u)?.[0]?.toUpperCase() ?? '')
    .filter((letter) => letter !== '')
    .join('-');
}
