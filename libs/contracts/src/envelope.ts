import { randomUUID } from 'node:crypto';

/**
 * A CloudEvents 1.0 envelope (structured JSON mode). `subject` is always the conference id, which
 * is also the Kafka key, so one conference's events stay in order. Extension attributes are
 * lower-case as CloudEvents requires: `schemaversion`, `correlationid`, `localauthority`.
 */
export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  schemaversion: number;
  localauthority: string;
  correlationid?: string;
  data: T;
}

export interface NewEvent<T> {
  type: string;
  conferenceId: string;
  localAuthority: string;
  data: T;
  correlationId?: string;
  time?: Date;
}

export function createEnvelope<T>(source: string, schemaVersion: number, event: NewEvent<T>): EventEnvelope<T> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type: event.type,
    subject: event.conferenceId,
    time: (event.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    schemaversion: schemaVersion,
    localauthority: event.localAuthority,
    ...(event.correlationId ? { correlationid: event.correlationId } : {}),
    data: event.data,
  };
}

/** Kafka headers that mirror the envelope (binary-mode attribute names), for tools that only read headers. */
export const EventHeaders = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  correlationId: 'x-correlation-id',
  deadLetterReason: 'x-dead-letter-reason',
  deadLetterSourceTopic: 'x-dead-letter-source-topic',
} as const;
