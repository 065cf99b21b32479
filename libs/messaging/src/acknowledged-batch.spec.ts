import fc from 'fast-check';
import { Partitioners, type Message, type PartitionMetadata, type RecordMetadata, type TopicMessages } from 'kafkajs';
import { PlacementRecorder, sendUntilAcknowledged, unacknowledged } from './acknowledged-batch';

const metadataOf = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 1, replicas: [1], isr: [1] }));
const ack = (topicName: string, partition: number, errorCode = 0): RecordMetadata => ({ topicName, partition, errorCode });

/** Puts each message in a partition through the recorder, as kafkajs does once per attempt. */
function place(recorder: PlacementRecorder, topic: string, messages: Message[], partitions: number): number[] {
  const partitioner = recorder.createPartitioner();
  return messages.map((message) => partitioner({ topic, partitionMetadata: metadataOf(partitions), message }));
}

describe('PlacementRecorder', () => {
  it("puts every keyed message where kafkajs's default partitioner puts it, and remembers where", () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 12 }), (keys, partitions) => {
        const recorder = new PlacementRecorder();
        const messages = keys.map((key) => ({ key, value: 'v' }));
        const placed = place(recorder, 't', messages, partitions);
        const plain = Partitioners.DefaultPartitioner();
        const expected = messages.map((message) => plain({ topic: 't', partitionMetadata: metadataOf(partitions), message }));
        expect(placed).toEqual(expected);
        expect(messages.map((m) => recorder.partitionOf(m))).toEqual(expected);
      }),
    );
  });
});

describe('unacknowledged', () => {
  it('is empty when the answer acknowledges every partition a message was put in', () => {
    const recorder = new PlacementRecorder();
    const messages = Array.from({ length: 30 }, (_, i) => ({ key: `conference-${i}`, value: String(i) }));
    const placed = place(recorder, 'conference.events', messages, 3);
    const answer = [...new Set(placed)].map((partition) => ack('conference.events', partition));
    expect(unacknowledged([{ topic: 'conference.events', messages }], answer, recorder)).toEqual([]);
  });

  it('gives back exactly the messages of partitions missing from the answer or answered with an error, in order, pinned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ topic: fc.constantFrom('a.events', 'b.events'), key: fc.uuid() }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 6 }),
        fc.func(fc.constantFrom<'ok' | 'missing' | 'error'>('ok', 'missing', 'error')),
        (rows, partitions, fate) => {
          const recorder = new PlacementRecorder();
          const byTopic = new Map<string, Message[]>();
          for (const [i, { topic, key }] of rows.entries()) byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key, value: String(i) }]);
          const batch = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
          const answer: RecordMetadata[] = [];
          const lostOf = new Map<string, Message[]>();
          for (const { topic, messages } of batch) {
            const placed = place(recorder, topic, messages, partitions);
            for (const partition of new Set(placed)) {
              const outcome = fate(topic, partition);
              if (outcome !== 'missing') answer.push(ack(topic, partition, outcome === 'ok' ? 0 : 6));
            }
            const lost = messages
              .map((message, i) => ({ ...message, partition: placed[i] }))
              .filter((message) => fate(topic, message.partition) !== 'ok');
            if (lost.length > 0) lostOf.set(topic, lost);
          }
          expect(unacknowledged(batch, answer, recorder)).toEqual([...lostOf].map(([topic, messages]) => ({ topic, messages })));
        },
      ),
    );
  });

  it('keeps a partition the message names itself, and refuses a message the partitioner never saw', () => {
    const recorder = new PlacementRecorder();
    const pinned = { key: 'k', value: '1', partition: 2 };
    expect(unacknowledged([{ topic: 't', messages: [pinned] }], [ack('t', 2)], recorder)).toEqual([]);
    expect(unacknowledged([{ topic: 't', messages: [pinned] }], [ack('t', 1)], recorder)).toEqual([{ topic: 't', messages: [pinned] }]);
    expect(() => unacknowledged([{ topic: 't', messages: [{ key: 'k', value: '2' }] }], [ack('t', 2)], recorder)).toThrow(
      /without passing the partitioner/,
    );
  });
});

describe('sendUntilAcknowledged', () => {
  /** A sendBatch that places each message as kafkajs does and answers for the partitions `answers` lets through. */
  function sender(recorder: PlacementRecorder, answers: (attempt: number, partition: number) => boolean) {
    const sent: { attempt: number; topic: string; key: string; partition: number }[] = [];
    let attempt = 0;
    const send = async (batch: TopicMessages[]) => {
      attempt += 1;
      const answer: RecordMetadata[] = [];
      for (const { topic, messages } of batch) {
        const placed = place(recorder, topic, messages, 3);
        messages.forEach((m, i) => sent.push({ attempt, topic, key: String(m.key), partition: placed[i] }));
        for (const partition of new Set(placed)) if (answers(attempt, partition)) answer.push(ack(topic, partition));
      }
      return answer;
    };
    return { send, sent };
  }
  const batchOf = (n: number): TopicMessages[] => [
    { topic: 'c', messages: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
  ];
  const policy = { maxResends: 3, pauseMs: 1 };

  it('sends again, pinned and in order, only the messages of the partitions left out, until all are acknowledged', async () => {
    const recorder = new PlacementRecorder();
    const { send, sent } = sender(recorder, (attempt, partition) => attempt > 1 || partition !== 0); // partition 0 left out once
    const resent: number[] = [];
    await sendUntilAcknowledged(send, batchOf(30), recorder, { ...policy, onResend: (again) => resent.push(again[0].messages.length) });
    const first = sent.filter((s) => s.attempt === 1);
    const second = sent.filter((s) => s.attempt === 2);
    expect(first).toHaveLength(30);
    expect(second.map((s) => s.key)).toEqual(first.filter((s) => s.partition === 0).map((s) => s.key));
    expect(second.every((s) => s.partition === 0)).toBe(true);
    expect(resent).toEqual([second.length]);
    expect(Math.max(...sent.map((s) => s.attempt))).toBe(2);
  });

  it('sends once when every partition is acknowledged', async () => {
    const recorder = new PlacementRecorder();
    const { send, sent } = sender(recorder, () => true);
    await sendUntilAcknowledged(send, batchOf(30), recorder, policy);
    expect(sent).toHaveLength(30);
  });

  it('fails after maxResends when a partition is never acknowledged (an answer of nothing included)', async () => {
    const recorder = new PlacementRecorder();
    const { send, sent } = sender(recorder, () => false);
    await expect(sendUntilAcknowledged(send, batchOf(30), recorder, policy)).rejects.toThrow(
      /30 outbox messages unacknowledged after 3 re-sends/,
    );
    expect(new Set(sent.map((s) => s.attempt)).size).toBe(4);
  });
});
