/**
 * Someone a report or the plan speaks of who is not a participant (a new partner, a grandparent, a
 * neighbour): declared with the document so the family's copy can be redacted exactly (R-RED-INIT).
 */
export interface NamedPerson {
  firstName: string;
  lastName: string;
  knownAs?: string[];
  /** ISO 8601 calendar date (YYYY-MM-DD). */
  dateOfBirth?: string;
  /** Each address as written, e.g. "3 Elm Street, London W12 8QT". */
  addresses?: string[];
}
