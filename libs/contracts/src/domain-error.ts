/**
 * How a refusal reads, whatever carries it: the api/ mapper of each service turns the kind into an HTTP
 * status (invalid 400, forbidden 403, not-found 404, conflict 409, stale 412, unprocessable 422), and a
 * Kafka listener treats every kind as permanent (retrying will not change the answer).
 */
export type RefusalKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'stale' | 'unprocessable';

/** A field the refusal is about, with what is wrong with it. */
export interface RefusedField {
  field: string;
  message: string;
}

/**
 * A refusal by a service's domain or use case (STYLE.md §5): a stable `code`, which becomes the problem
 * `type`, a title, a message that cites the rule id, and the facts that go with it (`details`, e.g. the
 * current status and what is allowed from it). Plain TypeScript, so domain code throws it; `@cpc/http`'s
 * `problemOf` maps it once at the edge.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    readonly title: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Refused because of one field: the message reads "<field> <what is wrong>" and names the field in `errors`. */
  static field(code: string, title: string, field: string, message: string, kind: RefusalKind = 'unprocessable'): DomainError {
    return new DomainError(kind, code, title, `${field} ${message}`, { errors: [{ field, message }] });
  }

  /** Bad input the DTO could not see (e.g. a mobile that is not a UK mobile): the request's `validation-error`. */
  static invalid(errors: RefusedField[], message = 'The request has invalid fields.'): DomainError {
    return new DomainError('invalid', 'validation-error', 'Your request is not valid', message, { errors });
  }

  /** Nothing of that kind with that id is visible to the caller (another local authority's record included). */
  static notFound(what: string, id: string): DomainError {
    return new DomainError('not-found', 'not-found', `${what} not found`, `No ${what.toLowerCase()} with id ${id} is visible to you.`);
  }

  /** The caller may not do this, whatever the state. */
  static forbidden(message: string): DomainError {
    return new DomainError('forbidden', 'forbidden', 'Not allowed', message);
  }

  /** The caller acted on a version that is no longer current (If-Match). */
  static stale(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError('stale', 'stale-version', 'The resource has changed since you read it', message, details);
  }
}
