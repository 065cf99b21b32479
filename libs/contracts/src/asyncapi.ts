// class-transformer keeps @Type() metadata in this storage; its types live beside the CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { exampleEnvelope } from './asyncapi-examples';
import { EventExamples } from './event-examples';
import { CLOUDEVENTS_JSON, EventHeaders, structuredModeHeaders } from './envelope';
import { EventCatalogue, type EventDefinition, type EventType } from './catalogue';
import { ALL_TOPICS, deadLetterTopic, TOPIC_PARTITIONS, Topics } from './topics';

type JsonSchema = Record<string, unknown>;

/** The JSON Schema of one validator decorator, or nothing when it says nothing about shape. */
function schemaOf(rule: ValidationMetadata): JsonSchema | undefined {
  const [first] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isIso8601':
      // IsISO8601 takes an instant or a calendar date (a child's dateOfBirth): both are published.
      return { type: 'string', anyOf: [{ format: 'date-time' }, { format: 'date' }] };
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

/** What the generated document may be told about the deployment it describes. */
export interface AsyncApiOptions {
  /** Partitions of each topic (ensureTopics creates TOPIC_PARTITIONS). */
  partitions?: number;
  /** Kafka bootstrap address of the `local` server. */
  brokers?: string;
}

const KAFKA_BINDING = '0.5.0';
const UUID = { type: 'string', format: 'uuid' };
const DEAD_LETTER = 'DeadLetter';

/** The Kafka headers of an event message (structured content mode): a JSON Schema of their names and values. */
function eventHeaders(type: string): JsonSchema {
  return {
    type: 'object',
    required: [EventHeaders.contentType, EventHeaders.specversion, EventHeaders.id, EventHeaders.source, EventHeaders.type],
    properties: {
      [EventHeaders.contentType]: {
        const: CLOUDEVENTS_JSON,
        description: 'CloudEvents Kafka binding, structured content mode: the value is the whole event in the JSON event format.',
      },
      [EventHeaders.specversion]: { const: '1.0' },
      [EventHeaders.id]: { ...UUID, description: 'Copy of the event id (the inbox key): filter or de-duplicate without parsing.' },
      [EventHeaders.source]: { type: 'string' },
      [EventHeaders.type]: { const: type },
      [EventHeaders.subject]: { ...UUID, description: 'Copy of subject: the conference id.' },
      [EventHeaders.time]: { type: 'string', format: 'date-time' },
      [EventHeaders.correlationId]: { type: 'string', description: 'Carried from the REST request that caused the event.' },
    },
  };
}

/** The CloudEvents envelope of one event type, with its payload class as `data`. */
function envelopeSchema(type: string, definition: EventDefinition): JsonSchema {
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'schemaversion', 'localauthority', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { ...UUID, description: 'Unique per event: the inbox key of every consumer.' },
      source: { type: 'string', format: 'uri-reference', description: 'The producing service: /cpc/<service>.' },
      type: { const: type },
      time: { type: 'string', format: 'date-time', description: 'RFC 3339, UTC.' },
      subject: { ...UUID, description: 'The conference id (also the Kafka key).' },
      datacontenttype: { const: 'application/json' },
      dataschema: { type: 'string', format: 'uri' },
      schemaversion: { const: definition.schemaVersion, description: "Version of this type's data; a consumer refuses a newer one." },
      localauthority: { type: 'string', description: 'The local authority whose case this is (isolation).' },
      correlationid: { type: 'string' },
      partitionkey: { ...UUID, description: 'CloudEvents Partitioning extension: the Kafka key, the conference id.' },
      data: payloadSchema(definition.payload),
    },
  };
}

function eventMessage(type: string, definition: EventDefinition): JsonSchema {
  const payload = envelopeSchema(type, definition);
  const { time, data } = EventExamples[type as EventType];
  const example = exampleEnvelope(type, definition, data, new Date(time));
  return {
    name: type,
    title: type,
    summary: definition.summary,
    contentType: 'application/cloudevents+json',
    headers: eventHeaders(type),
    payload,
    bindings: {
      kafka: {
        key: { ...UUID, description: "The conference id: one conference's events share a partition, in order." },
        bindingVersion: KAFKA_BINDING,
      },
    },
    examples: [
      { name: `${type}Example`, summary: `A ${type} event as published`, headers: structuredModeHeaders(example), payload: example },
    ],
  };
}

/** A message sent to `<topic>.dlt`: the original, byte for byte, with the reason in `x-dead-letter-*` headers. */
function deadLetterMessage(): JsonSchema {
  const headers = {
    type: 'object',
    required: [
      EventHeaders.deadLetterReason,
      EventHeaders.deadLetterSourceTopic,
      EventHeaders.deadLetterSourcePartition,
      EventHeaders.deadLetterSourceOffset,
    ],
    properties: {
      [EventHeaders.deadLetterReason]: {
        type: 'string',
        maxLength: 2000,
        description:
          'Why it could not be handled: "invalid event: ..." (not an event, or its data breaks the contract) or "handler failed: ..." (failed permanently).',
      },
      [EventHeaders.deadLetterSourceTopic]: { enum: Object.values(Topics) },
      [EventHeaders.deadLetterSourcePartition]: { type: 'string', pattern: '^[0-9]+$' },
      [EventHeaders.deadLetterSourceOffset]: { type: 'string', pattern: '^[0-9]+$' },
    },
    additionalProperties: {
      type: 'string',
      description: "The original message's headers (content-type, ce_*, x-correlation-id) as received.",
    },
  };
  return {
    name: DEAD_LETTER,
    title: 'Dead letter',
    summary: 'A message a consumer could never handle, kept for operations to inspect and replay; the key is the original key.',
    headers,
    payload: { description: 'The original message value as received: usually a CloudEvents JSON envelope, possibly not JSON at all.' },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The original key (a conference id when the producer set one).' },
        bindingVersion: KAFKA_BINDING,
      },
    },
    examples: [
      {
        name: 'InvalidJson',
        summary: 'A value that was not JSON',
        headers: {
          [EventHeaders.deadLetterReason]: 'invalid event: message is not a JSON object',
          [EventHeaders.deadLetterSourceTopic]: Topics.conference,
          [EventHeaders.deadLetterSourcePartition]: '0',
          [EventHeaders.deadLetterSourceOffset]: '42',
        },
        payload: '{"specversion": "1.0", broken',
      },
    ],
  };
}

/**
 * The AsyncAPI 3.0 document of every event the system publishes, generated from the catalogue
 * (`npm run docs` writes it to docs/asyncapi.yaml): each message a CloudEvents 1.0 envelope in
 * structured content mode (Kafka binding) with its headers, key and an example, and each topic's
 * dead-letter twin with the reason headers.
 */
export function buildAsyncApi(options: AsyncApiOptions = {}): JsonSchema {
  const partitions = options.partitions ?? TOPIC_PARTITIONS;
  const entries = Object.entries(EventCatalogue) as [string, EventDefinition][];
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const kafkaChannel = (topic: string) => ({ kafka: { topic, partitions, bindingVersion: KAFKA_BINDING } });
  for (const topic of Object.values(Topics)) {
    const key = topic.replace('.', '-');
    const owner = topic.split('.')[0];
    const messages = Object.fromEntries(
      entries.filter(([, d]) => d.topic === topic).map(([type]) => [type, { $ref: `#/components/messages/${type}` }]),
    );
    channels[key] = {
      address: topic,
      description: `Events owned by the ${owner} service; key = conference id, so one conference's events keep their order. Failed events go to ${deadLetterTopic(topic)}.`,
      messages,
      bindings: kafkaChannel(topic),
    };
    operations[`publish-${key}`] = {
      action: 'send',
      summary: `The ${owner} service publishes through its transactional outbox.`,
      channel: { $ref: `#/channels/${key}` },
      messages: Object.keys(messages).map((type) => ({ $ref: `#/channels/${key}/messages/${type}` })),
    };
    channels[`${key}-dlt`] = {
      address: deadLetterTopic(topic),
      description: `Dead letters of ${topic}: written by the services that consume it, when a message is invalid or fails permanently.`,
      messages: { [DEAD_LETTER]: { $ref: `#/components/messages/${DEAD_LETTER}` } },
      bindings: kafkaChannel(deadLetterTopic(topic)),
    };
    operations[`dead-letter-${key}`] = {
      action: 'send',
      summary: `A consumer of ${topic} sets a message aside and moves on.`,
      channel: { $ref: `#/channels/${key}-dlt` },
      messages: [{ $ref: `#/channels/${key}-dlt/messages/${DEAD_LETTER}` }],
    };
  }
  const messages: Record<string, JsonSchema> = Object.fromEntries(
    entries.map(([type, definition]) => [type, eventMessage(type, definition)]),
  );
  messages[DEAD_LETTER] = deadLetterMessage();
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Child protection conference events',
      version: '1.0.0',
      description: `Every event of the four services, over Apache Kafka. Topics: ${ALL_TOPICS.join(', ')}. Each message follows the CloudEvents Kafka protocol binding in structured content mode (header content-type: ${CLOUDEVENTS_JSON}; value: the JSON envelope; key: the conference id), so any CloudEvents SDK reads it. Written through a transactional outbox; consumers keep an inbox so a redelivered event has no second effect.`,
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      local: {
        host: options.brokers ?? '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The local broker (deploy/local/infra.sh); production uses TLS + SASL.',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
