import { createEnvelope } from '@cpc/contracts';
import { createKafka, ensureTopics, kafkaSettingsFromEnvironment } from '@cpc/messaging';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { ContractEventPublisher } from './contract-events';
import { TopicProbe } from './topic-probe';
import { waitFor } from './wait-for';

jest.setTimeout(120_000);

// The probe the e2e tests read Kafka with (issue 13): what it reads is what was published after start() (or all of a
// topic from the beginning), each message once, and a consumer that stops fetching while behind the high watermark,
// as a plain kafkajs consumer did after a broker's SIGKILL, is replaced and read on from where it stopped.
describe('TopicProbe on the real broker', () => {
  const topic = `test-probe-${randomUUID().slice(0, 8)}`;
  const kafka = createKafka(kafkaSettingsFromEnvironment('test-probe-spec'));
  let publisher: ContractEventPublisher;
  const events = (conferenceId: string, count: number) =>
    Array.from({ length: count }, (_, n) =>
      createEnvelope('/cpc/test', 1, { type: 'ProbeSpec', conferenceId, localAuthority: 'LA-PROBE', data: { n } }),
    );

  beforeAll(async () => {
    await ensureTopics(kafka, [topic]);
    publisher = await new ContractEventPublisher('test-probe-spec').start();
  });
  afterAll(async () => {
    await publisher.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it('reads from start() on, or from the beginning when asked', async () => {
    const before = randomUUID();
    await publisher.publish(topic, events(before, 3));
    const fromNow = await new TopicProbe([topic]).start();
    const fromBeginning = await new TopicProbe([topic], undefined, { fromBeginning: true }).start();
    try {
      const after = randomUUID();
      await publisher.publish(topic, events(after, 2));
      await waitFor(() => fromNow.forConference(after).length === 2 && fromBeginning.forConference(after).length === 2, 30_000);
      expect(fromNow.forConference(before)).toEqual([]);
      expect(fromBeginning.forConference(before).map((m) => m.json.data.n)).toEqual([0, 1, 2]);
    } finally {
      await Promise.all([fromNow.stop(), fromBeginning.stop()]);
    }
  });

  it('replaces a consumer that stopped fetching behind the high watermark, and keeps each message once, in order', async () => {
    const probe = await new TopicProbe([topic], undefined, { stallMs: 2000 }).start();
    try {
      const conferenceId = randomUUID();
      await publisher.publish(topic, events(conferenceId, 1));
      await waitFor(() => probe.forConference(conferenceId).length === 1, 30_000);
      // Its consumer stops fetching (paused: the same silence as a stalled one) while more is published.
      const stalled = (probe as unknown as { consumer: Consumer }).consumer;
      stalled.pause([{ topic }]);
      await publisher.publish(topic, events(conferenceId, 4).slice(1));
      await waitFor(() => probe.forConference(conferenceId).length >= 4, 60_000);
      expect(probe.restarts).toBeGreaterThan(0);
      expect((probe as unknown as { consumer: Consumer }).consumer).not.toBe(stalled);
      await new Promise((resolve) => setTimeout(resolve, 4000)); // a re-read of the first message would be here by now
      expect(probe.forConference(conferenceId).map((m) => m.json.data.n)).toEqual([0, 1, 2, 3]);
    } finally {
      await probe.stop();
    }
  });
});
