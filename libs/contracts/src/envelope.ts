import { randomUUID } from 'node:crypto';

/**
 * A CloudEvents 1.0 envelope in the JSON event format, sent in the Kafka binding's structured content
 * mode. `subject` is always the conference id, which is also the Kafka key (and `partitionkey`, the
 * CloudEvents Partitioning extension), so one conference's events stay in order. Extension attribute
 * names are lower-case alphanumeric as CloudEvents requires: `schemaversion`, `localauthority`,
 * `correlationid`, `partitionkey`.
 */
export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  id: string;
  /** A URI-reference naming the producing service: `/cpc/conference`, `/cpc/scheduling`, ... */
  source: string;
  type: string;
  subject: string;
  /** RFC 3339, always UTC with milliseconds (`Date.toISOString`). */
  time: string;
  datacontenttype: 'application/json';
  /** Optional absolute URI of the payload's schema; not set today (the AsyncAPI document describes each type). */
  dataschema?: string;
  schemaversion: number;
  localauthority: string;
  correlationid?: string;
  /** The Kafka key (the conference id), as the Partitioning extension names it. Absent from events sent before 2026-12. */
  partitionkey?: string;
  data: T;
}

/** What a use case says about an event; `createEnvelope` adds the attributes. */
export interface NewEvent<T> {
  type: string;
  conferenceId: string;
  localAuthority: string;
  data: T;
  correlationId?: string;
  time?: Date;
}

/** Wraps a payload in its CloudEvents 1.0 envelope: a new id, the time now (or given), subject = partitionkey = conference id. */
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
    partitionkey: event.conferenceId,
    data: event.data,
  };
}

/**
 * The `content-type` of every event message: the CloudEvents JSON event format, so the Kafka protocol
 * binding (and the official SDKs) read the message in structured content mode.
 */
export const CLOUDEVENTS_JSON = 'application/cloudevents+json; charset=UTF-8';

/**
 * Kafka header names. `content-type` selects structured mode; the `ce_` headers copy envelope attributes
 * (the binding's section 3.3.3 allows it in structured mode) so routers can filter without parsing the
 * value; they always equal the value's attributes, and a reader in structured mode takes the value.
 */
export const EventHeaders = {
  contentType: 'content-type',
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  correlationId: 'x-correlation-id',
  deadLetterReason: 'x-dead-letter-reason',
  deadLetterSourceTopic: 'x-dead-letter-source-topic',
  deadLetterSourcePartition: 'x-dead-letter-source-partition',
  deadLetterSourceOffset: 'x-dead-letter-source-offset',
} as const;

/**
 * The headers of an event message in structured content mode: `content-type` plus the `ce_` copies of
 * the attributes a router needs and the correlation id. The relay sends exactly these.
 */
export function structuredModeHeaders(envelope: EventEnvelope, correlationId?: string | null): Record<string, string> {
  const correlation = correlationId ?? envelope.correlationid;
  return {
    [EventHeaders.contentType]: CLOUDEVENTS_JSON,
    [EventHeaders.specversion]: envelope.specversion,
    [EventHeaders.id]: envelope.id,
    [EventHeaders.source]: envelope.source,
    [EventHeaders.type]: envelope.type,
    [EventHeaders.subject]: envelope.subject,
    [EventHeaders.time]: envelope.time,
    ...(correlation ? { [EventHeaders.correlationId]: correlation } : {}),
  };
}
