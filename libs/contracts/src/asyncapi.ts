// class-transformer keeps @Type() metadata in this storage; its types live beside the CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { EventHeaders } from './envelope';
import { EventCatalogue, type EventDefinition } from './catalogue';
import { ALL_TOPICS, deadLetterTopic, Topics } from './topics';

type JsonSchema = Record<string, unknown>;

/** The JSON Schema of one validator decorator, or nothing when it says nothing about shape. */
function schemaOf(rule: ValidationMetadata): JsonSchema | undefined {
  const [first] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isIso8601':
      return { type: 'string', format: 'date-time' };
    case 'isString':
      return { type: 'string' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isIn':
      return { enum: [...(first as readonly unknown[])] };
    case 'maxLength':
      return { maxLength: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    default:
      return undefined;
  }
}

/** A payload class as JSON Schema, read from its class-validator and class-transformer metadata. */
export function payloadSchema(payload: new () => object): JsonSchema {
  const rules = getMetadataStorage().getTargetValidationMetadatas(payload, '', true, false);
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const rule of rules) {
    const name = rule.propertyName;
    const property = (properties[name] ??= {});
    if (rule.type === 'conditionalValidation') optional.add(name);
    if (rule.name === 'isArray') property.type = 'array';
    if (rule.type === 'nestedValidation') {
      const nested = defaultMetadataStorage.findTypeMetadata(payload, name)?.typeFunction() as (new () => object) | undefined;
      if (nested) Object.assign(property, rule.each ? { type: 'array', items: payloadSchema(nested) } : payloadSchema(nested));
      continue;
    }
    const schema = schemaOf(rule);
    if (!schema) continue;
    if (rule.each) property.items = { ...((property.items as JsonSchema | undefined) ?? {}), ...schema };
    else if ('maxItems' in schema) Object.assign(property, schema, { type: 'array' });
    else Object.assign(property, schema);
  }
  const required = Object.keys(properties).filter((name) => !optional.has(name));
  return { type: 'object', additionalProperties: false, properties, required };
}

/**
 * The AsyncAPI 3.0 document of every event the system publishes, generated from the catalogue
 * (`npm run docs` writes it to docs/asyncapi.yaml). Each message is a CloudEvents 1.0 envelope
 * (structured mode) whose `data` is the payload class's schema.
 */
export function buildAsyncApi(): JsonSchema {
  const entries = Object.entries(EventCatalogue) as [string, EventDefinition][];
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  for (const topic of Object.values(Topics)) {
    const key = topic.replace('.', '-');
    const messages = Object.fromEntries(
      entries.filter(([, d]) => d.topic === topic).map(([type]) => [type, { $ref: `#/components/messages/${type}` }]),
    );
    channels[key] = {
      address: topic,
      description: `Events owned by the ${topic.split('.')[0]} service; key = conference id, so one conference's events keep their order. Failed events go to ${deadLetterTopic(topic)}.`,
      messages,
    };
    operations[`publish-${key}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${key}` },
      messages: Object.keys(messages).map((type) => ({ $ref: `#/channels/${key}/messages/${type}` })),
    };
  }
  const messages = Object.fromEntries(
    entries.map(([type, definition]) => [
      type,
      {
        name: type,
        title: type,
        summary: definition.summary,
        contentType: 'application/cloudevents+json',
        headers: {
          type: 'object',
          properties: {
            [EventHeaders.correlationId]: { type: 'string', description: 'Carried from the REST request that caused the event.' },
            [EventHeaders.id]: { type: 'string', format: 'uuid' },
            [EventHeaders.type]: { const: type },
          },
        },
        payload: {
          type: 'object',
          required: [
            'specversion',
            'id',
            'source',
            'type',
            'subject',
            'time',
            'datacontenttype',
            'schemaversion',
            'localauthority',
            'data',
          ],
          properties: {
            specversion: { const: '1.0' },
            id: { type: 'string', format: 'uuid', description: 'Unique per event: the inbox key of every consumer.' },
            source: { type: 'string' },
            type: { const: type },
            time: { type: 'string', format: 'date-time' },
            subject: { type: 'string', description: 'The conference id (also the Kafka key).' },
            datacontenttype: { const: 'application/json' },
            schemaversion: { const: definition.schemaVersion },
            localauthority: { type: 'string', description: 'The local authority whose case this is (isolation).' },
            correlationid: { type: 'string' },
            data: payloadSchema(definition.payload),
          },
        },
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Child protection conference events',
      version: '1.0.0',
      description: `Every event of the four services, over Apache Kafka. Topics: ${ALL_TOPICS.join(', ')}. Written through a transactional outbox; consumers keep an inbox so a redelivered event has no second effect.`,
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  };
}
