import { createHash } from 'node:crypto';
import { createEnvelope, type EventEnvelope } from './envelope';
import type { EventDefinition } from './catalogue';

type JsonSchema = Record<string, unknown>;

/** The conference every example belongs to: subject, Kafka key and `data.conferenceId` at once. */
export const EXAMPLE_CONFERENCE_ID = '5b0c2a9e-6f1d-4c3b-9a57-2e8d1f4b7c60';
const EXAMPLE_TIME = new Date('2026-12-01T10:00:00.000Z');
/** Fields whose ISO 8601 value is a calendar date, not an instant. */
const DATE_FIELDS = new Set(['dateOfBirth']);

/**
 * A value that satisfies a payload schema (as `payloadSchema` writes it): every property filled, the
 * first value of each enum, one item per array, fixed ids and instants. Deterministic. For tests that
 * need any valid payload; the AsyncAPI examples are written by hand (event-examples/), to read as real.
 */
export function exampleOf(schema: JsonSchema, name = 'value'): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  if (schema.type === 'array') return [exampleOf((schema.items as JsonSchema | undefined) ?? { type: 'string' }, singular(name))];
  if (schema.type === 'object' || schema.properties) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    return Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, exampleOf(property, key)]));
  }
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'boolean') return false;
  if (schema.format === 'uuid') return name === 'conferenceId' ? EXAMPLE_CONFERENCE_ID : exampleUuid(name);
  if (schema.format === 'email') return 'name@example.org';
  if (schema.anyOf || schema.format === 'date-time') return DATE_FIELDS.has(name) ? '2018-04-02' : EXAMPLE_TIME.toISOString();
  const text = `example ${name}`;
  return typeof schema.maxLength === 'number' ? text.slice(0, schema.maxLength) : text;
}

/** The example envelope of one event type at `time` (the event's own instant): what the relay would publish for it. */
export function exampleEnvelope(type: string, definition: EventDefinition, data: unknown, time: Date = EXAMPLE_TIME): EventEnvelope {
  const envelope = createEnvelope(`/cpc/${definition.topic.split('.')[0]}`, definition.schemaVersion, {
    type,
    conferenceId: EXAMPLE_CONFERENCE_ID,
    localAuthority: 'LBHF',
    correlationId: '0f6e8c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
    time,
    data,
  });
  return { ...envelope, id: exampleUuid(`event ${type}`) };
}

/** A stable version-4-shaped UUID derived from a name (SHA-256), so examples never change between runs. */
export function exampleUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function singular(name: string): string {
  return name.endsWith('ren') ? name.slice(0, -3) : name.replace(/s$/, '');
}
