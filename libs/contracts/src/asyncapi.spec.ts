import 'reflect-metadata';
import { buildAsyncApi, payloadSchema } from './asyncapi';
import { EventCatalogue } from './catalogue';
import { ConferenceScheduled } from './events/conference.events';

describe('AsyncAPI document generated from the event catalogue', () => {
  const document = buildAsyncApi() as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    components: { messages: Record<string, { payload: { properties: { data: unknown } } }> };
  };

  it('lists every event type of the catalogue as a message on its owning topic', () => {
    const listed = Object.values(document.channels).flatMap((channel) => Object.keys(channel.messages));
    expect(listed.sort()).toEqual(Object.keys(EventCatalogue).sort());
    for (const [type, definition] of Object.entries(EventCatalogue)) {
      const channel = Object.values(document.channels).find((c) => type in c.messages);
      expect(channel?.address).toBe(definition.topic);
    }
  });

  it('describes a payload from its validators: types, enums, optional fields and nested arrays', () => {
    const schema = payloadSchema(ConferenceScheduled) as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(schema.properties.conferenceId).toEqual({ type: 'string', format: 'uuid' });
    expect(schema.properties.kind).toEqual({ enum: ['ICPC', 'RCPC'] });
    expect(schema.required).toContain('scheduledStart');
    expect(schema.required).not.toContain('strategyDiscussionAt');
    expect(schema.properties.children.type).toBe('array');
    expect((schema.properties.children.items as { properties: Record<string, unknown> }).properties.dateOfBirth).toEqual({
      type: 'string',
      format: 'date-time',
    });
  });
});
