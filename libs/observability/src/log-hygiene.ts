/**
 * Log hygiene: no log line carries a contact detail, a password or report text, whatever the error.
 * Three layers, all applied by `createLogger`: errors are reduced to a whitelist of fields (a database
 * error's `query`, `parameters`, `detail` and `where` carry the values that failed and never get out);
 * sensitive keys are censored at any depth; and the finished line is scanned for anything that still
 * looks like an email address or a phone number.
 */

/** Keys whose values are censored at any depth: contacts, secrets and free text of reports and records. */
export const SENSITIVE_LOG_KEYS: readonly string[] = [
  'password',
  'passwordCiphertext',
  'authorization',
  'cookie',
  'token',
  'secret',
  'email',
  'mobile',
  'phone',
  'address',
  'addresses',
  'dateOfBirth',
  'parameters',
  'query',
  'detail',
  'where',
  'text',
  'sections',
  'notes',
  'planSummary',
  'decisionAnalysis',
];

export const LOG_CENSOR = '[redacted]';

const SENSITIVE = new Set(SENSITIVE_LOG_KEYS.map((key) => key.toLowerCase()));
const UUID = String.raw`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`;
const EMAIL = String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;
// E.164 (+447700900123) and UK national forms (07700 900123, 020 7946 0018, 0161-496-0000).
const PHONE = String.raw`\+\d[\d ]{8,16}\d|\b0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b`;
const CONTACT_LIKE = new RegExp(`(${UUID})|(${EMAIL})|(${PHONE})`, 'g');

/** Replaces email addresses and phone numbers in a string (UUIDs, which can look like digits, are kept). */
export function redactContactText(text: string): string {
  return text.replace(CONTACT_LIKE, (match, uuid: string | undefined, email: string | undefined) => {
    if (uuid) return match;
    return email ? '[redacted-email]' : '[redacted-phone]';
  });
}

// Strings of an error that name things, never values. Everything else that is a string is dropped.
const SAFE_ERROR_STRINGS = ['code', 'severity', 'table', 'column', 'constraint', 'schema', 'dataType', 'routine', 'syscall'];
const MAX_DEPTH = 6;

export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  cause?: SafeError;
  [field: string]: unknown;
}

/**
 * An error as it may be logged: its type, message and stack with values taken out, the codes and
 * names a database driver gives (SQLSTATE, table, constraint), numbers and booleans, and a safe
 * `cause` / `driverError`. TypeORM's `query` and `parameters` and PostgreSQL's `detail` and `where`
 * (which quote the failing values, e.g. "Key (email)=(jo@example.org) already exists") are dropped.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: redactContactText(String(error)) };
  const source = error as Error & Record<string, unknown>;
  const identifiers = SAFE_ERROR_STRINGS.map((key) => source[key]).filter((v): v is string => typeof v === 'string');
  const message = safeMessage(error, identifiers);
  const result: SafeError = { type: error.constructor?.name ?? error.name, message };
  if (error.stack) result.stack = redactContactText(error.message ? error.stack.split(error.message).join(message) : error.stack);
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'number' || typeof value === 'boolean') result[key] = value;
    else if (typeof value === 'string' && SAFE_ERROR_STRINGS.includes(key)) result[key] = redactContactText(value);
  }
  if (depth < MAX_DEPTH) {
    if (source.driverError instanceof Error) result.driverError = safeError(source.driverError, depth + 1);
    if (error.cause !== undefined) result.cause = safeError(error.cause, depth + 1);
    if (Array.isArray(source.errors)) result.errors = source.errors.slice(0, 10).map((inner) => safeError(inner, depth + 1));
  }
  return result;
}

/**
 * A driver's message may quote the failing value (`invalid input syntax for type uuid: "…"`): quoted
 * text is kept only when it is one of the error's own identifiers (its table, column, constraint, type).
 */
function safeMessage(error: Error, identifiers: string[]): string {
  const fromDatabase = isDatabaseError(error);
  const message = fromDatabase
    ? error.message.replace(/"([^"]*)"/g, (quoted, inner: string) => (identifiers.includes(inner) ? quoted : `"${LOG_CENSOR}"`))
    : error.message;
  return redactContactText(message);
}

function isDatabaseError(error: Error): boolean {
  const fields = error as Error & { driverError?: unknown; severity?: unknown; code?: unknown };
  return (
    error.name === 'QueryFailedError' ||
    fields.driverError !== undefined ||
    (typeof fields.severity === 'string' && typeof fields.code === 'string')
  );
}

/**
 * The fields of a log call made safe: errors anywhere become `safeError`s, sensitive keys are censored
 * at any depth, and strings lose contact-like text. The caller's objects are not changed.
 */
export function hygienicLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  return clean(fields, 0, new WeakSet()) as Record<string, unknown>;
}

function clean(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactContactText(value);
  if (value instanceof Error) return safeError(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1, seen));
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] = SENSITIVE.has(key.toLowerCase()) && inner !== undefined && inner !== null ? LOG_CENSOR : clean(inner, depth + 1, seen);
  }
  return result;
}
