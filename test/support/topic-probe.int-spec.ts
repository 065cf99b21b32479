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

  it('replaces a consumer that stopped fetching one partition while the others flow, and keeps each message once, in order', async () => {
    const probe = await new TopicProbe([topic], undefined, { stallMs: 2000 }).start();
    const consumerOf = () => (probe as unknown as { consumer: Consumer }).consumer;
    let flowing = true;
    try {
      const conferenceId = randomUUID();
      await publisher.publish(topic, events(conferenceId, 1));
      await waitFor(() => probe.forConference(conferenceId).length === 1, 30_000);
      // Its partition stops (paused: the same silence as a stalled fetch) while the others keep delivering.
      const [{ partition }] = probe.forConference(conferenceId);
      const stalled = consumerOf();
      stalled.pause([{ topic, partitions: [partition] }]);
      const others = (async () => {
        while (flowing) {
          await publisher.publish(topic, events(randomUUID(), 1));
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })();
      await publisher.publish(topic, events(conferenceId, 4).slice(1));
      await waitFor(() => probe.forConference(conferenceId).length >= 4, 60_000);
      flowing = false;
      await others;
      expect(probe.restarts).toBeGreaterThan(0);
      expect(consumerOf()).not.toBe(stalled);

      // Read again from offset 0 by the consumer itself (as a replaced one whose seeks were lost would): nothing twice.
      const read = probe.messages.length;
      for (const p of [0, 1, 2]) consumerOf().seek({ topic, partition: p, offset: '0' });
      await publisher.publish(topic, events(conferenceId, 5).slice(4));
      await waitFor(() => probe.forConference(conferenceId).length >= 5, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(probe.forConference(conferenceId).map((m) => m.json.data.n)).toEqual([0, 1, 2, 3, 4]);
      expect(probe.messages.length).toBe(read + 1);
      expect(new Set(probe.messages.map((m) => `${m.partition}@${m.offset}`)).size).toBe(probe.messages.length);
    } finally {
      flowing = false;
      await probe.stop();
    }
  });
});
