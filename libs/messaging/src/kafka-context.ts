import type { KafkaContext } from '@nestjs/microservices';
import type { ReceivedMessage } from './event-consumer';

/** Reads what the Nest Kafka transport received into the shape the EventConsumer takes. */
export function receivedMessage(value: unknown, context: KafkaContext): ReceivedMessage {
  const message = context.getMessage();
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers ?? {})) {
    if (header !== undefined) headers[name] = Array.isArray(header) ? String(header[0]) : String(header);
  }
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: message.offset,
    key: message.key === null || message.key === undefined ? null : String(message.key),
    value,
    headers,
  };
}
