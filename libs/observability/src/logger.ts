import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentCorrelationId } from './correlation';
import { hygienicLogFields, redactContactText, safeError } from './log-hygiene';

/**
 * Structured JSON logs. Contact details and secrets are redacted by key wherever they appear,
 * so a careless log call cannot leak a parent's mobile or a document password (R-DEL-PWD).
 * (The keys pino's own `redact` knows; `SENSITIVE_LOG_KEYS` in log-hygiene.ts is the full list.)
 */
export const REDACTED_LOG_KEYS = [
  'password',
  'passwordCiphertext',
  'authorization',
  'email',
  'mobile',
  'phone',
  'address',
  'addresses',
  'dateOfBirth',
];

/**
 * The one logger of a service. Besides redaction by key, errors are logged through `safeError` (a
 * failed query's SQL parameters and the driver's quoted values never reach the log), and every
 * finished line is scanned for email addresses and phone numbers (log-hygiene.ts).
 */
export function createLogger(service: string, level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), log: (fields) => hygienicLogFields(fields) },
    serializers: { err: (value: unknown) => (value instanceof Error ? safeError(value) : value) },
    hooks: { streamWrite: (line) => redactContactText(line) },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
    redact: {
      paths: REDACTED_LOG_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's logger interface over pino, so framework messages are JSON too. */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Logger) {}
  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string, trace?: string) {
    const fields: Record<string, unknown> = context ? { context } : {};
    if (trace) fields.trace = trace;
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, safeError(message).message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }
}
