import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EventCatalogue, isKnownEventType, type EventType } from './catalogue';
import type { EventEnvelope } from './envelope';

export type EnvelopeCheck =
  | { ok: true; envelope: EventEnvelope; known: true; type: EventType }
  | { ok: true; envelope: EventEnvelope; known: false; type: string }
  | { ok: false; errors: string[] };

const REQUIRED = ['id', 'source', 'type', 'subject', 'time', 'localauthority'] as const;
/** CloudEvents 1.0: attribute names are lower-case ASCII letters and digits. */
const ATTRIBUTE_NAME = /^[a-z0-9]+$/;
/** RFC 3339 `date-time` (the `time` attribute): full date, time, optional fraction, Z or an offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** An absolute URI (`dataschema`): a scheme, a colon, something after it. */
const ABSOLUTE_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;

/**
 * Checks a message taken off a topic: a CloudEvents 1.0 envelope, and for a known type, a payload
 * that satisfies its class. An unknown type is valid but not known (newer producers, older consumers).
 */
export function validateEnvelope(value: unknown): EnvelopeCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: ['message is not a JSON object'] };
  }
  const candidate = value as Record<string, unknown>;
  const errors: string[] = [];
  if (candidate.specversion !== '1.0') errors.push('specversion must be "1.0"');
  for (const field of REQUIRED) {
    if (typeof candidate[field] !== 'string' || candidate[field] === '') errors.push(`${field} must be a non-empty string`);
  }
  if (typeof candidate.schemaversion !== 'number') errors.push('schemaversion must be a number');
  if (typeof candidate.data !== 'object' || candidate.data === null) errors.push('data must be an object');
  errors.push(...attributeErrors(candidate));
  if (errors.length > 0) return { ok: false, errors };

  const envelope = candidate as unknown as EventEnvelope;
  if (!isKnownEventType(envelope.type)) return { ok: true, envelope, known: false, type: envelope.type };

  const definition = EventCatalogue[envelope.type];
  if (envelope.schemaversion > definition.schemaVersion) {
    return { ok: false, errors: [`schemaversion ${envelope.schemaversion} of ${envelope.type} is newer than ${definition.schemaVersion}`] };
  }
  const payload = plainToInstance(definition.payload, envelope.data);
  const payloadErrors = validateSync(payload, { forbidUnknownValues: true }).flatMap((e) => describe(e, 'data'));
  const conferenceId = (envelope.data as { conferenceId?: unknown }).conferenceId;
  if (conferenceId !== undefined && conferenceId !== envelope.subject) payloadErrors.push('data.conferenceId must equal subject');
  if (payloadErrors.length > 0) return { ok: false, errors: payloadErrors };
  return { ok: true, envelope: { ...envelope, data: payload }, known: true, type: envelope.type };
}

/** The CloudEvents 1.0 rules on attributes beyond presence: names, `time`, `dataschema`, `partitionkey`. */
function attributeErrors(candidate: Record<string, unknown>): string[] {
  const errors = Object.keys(candidate)
    .filter((name) => !ATTRIBUTE_NAME.test(name))
    .map((name) => `attribute ${JSON.stringify(name.slice(0, 40))} must be lower-case letters and digits`);
  if (typeof candidate.time === 'string' && (!RFC3339.test(candidate.time) || Number.isNaN(Date.parse(candidate.time)))) {
    errors.push('time must be an RFC 3339 date-time');
  }
  if (candidate.datacontenttype !== undefined && !/^application\/json\s*(;|$)/i.test(String(candidate.datacontenttype))) {
    errors.push('datacontenttype must be application/json');
  }
  if (candidate.dataschema !== undefined && !(typeof candidate.dataschema === 'string' && ABSOLUTE_URI.test(candidate.dataschema))) {
    errors.push('dataschema must be an absolute URI');
  }
  if (candidate.partitionkey !== undefined && candidate.partitionkey !== candidate.subject) errors.push('partitionkey must equal subject');
  return errors;
}

function describe(error: ValidationError, path: string): string[] {
  const here = `${path}.${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((message) => `${here}: ${message}`);
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, here))];
}
