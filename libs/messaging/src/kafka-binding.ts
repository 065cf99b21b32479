import { EventHeaders } from '@cpc/contracts';
import type { FailedMessage } from './dead-letter';

/** How a message on a topic carried its event (CloudEvents Kafka protocol binding, section 3). */
export type ContentMode = 'structured' | 'binary' | 'legacy';

export type DecodedMessage = { ok: true; mode: ContentMode; event: unknown } | { ok: false; error: string };

const CLOUDEVENTS_MEDIA = 'application/cloudevents';
/** Binary-mode headers that are attributes, not extensions; the rest of `ce_*` are extensions. */
const INTEGER_EXTENSIONS = new Set(['schemaversion']);

/**
 * Reads the event out of a Kafka message as the binding prescribes: a `content-type` starting with
 * `application/cloudevents` (case-insensitive) is structured mode, and only the JSON event format is
 * understood; otherwise a `ce_specversion` header is binary mode (attributes in `ce_` headers, `data`
 * in the value). A message with neither is the form sent before structured mode (the JSON envelope in
 * the value, `ce_id`/`ce_type` headers only), still read so a rolling deploy loses nothing.
 */
export function decodeKafkaMessage(message: Pick<FailedMessage, 'headers' | 'value'>): DecodedMessage {
  const headers = lowerCased(message.headers);
  const contentType = headers[EventHeaders.contentType];
  if (contentType?.toLowerCase().startsWith(CLOUDEVENTS_MEDIA)) {
    if (!/^application\/cloudevents\+json\s*(;|$)/i.test(contentType)) {
      return { ok: false, error: `unsupported event format ${contentType.slice(0, 100)} (only application/cloudevents+json)` };
    }
    return { ok: true, mode: 'structured', event: parsed(message.value) };
  }
  if (headers[EventHeaders.specversion] !== undefined) return { ok: true, mode: 'binary', event: fromBinary(headers, message.value) };
  return { ok: true, mode: 'legacy', event: parsed(message.value) };
}

function fromBinary(headers: Record<string, string>, value: unknown): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [name, header] of Object.entries(headers)) {
    if (!name.startsWith('ce_')) continue;
    const attribute = name.slice(3);
    event[attribute] = INTEGER_EXTENSIONS.has(attribute) && /^-?\d+$/.test(header) ? Number(header) : header;
  }
  if (headers[EventHeaders.contentType] !== undefined) event.datacontenttype = headers[EventHeaders.contentType];
  event.data = parsed(value);
  return event;
}

/** The Nest transport hands over JSON already parsed; a string or Buffer that is JSON is parsed here. */
function parsed(value: unknown): unknown {
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON: validation names it and the message is dead-lettered
  }
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
