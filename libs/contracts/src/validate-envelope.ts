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

function describe(error: ValidationError, path: string): string[] {
  const here = `${path}.${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((message) => `${here}: ${message}`);
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, here))];
}
