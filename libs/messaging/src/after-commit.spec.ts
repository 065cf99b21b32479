import type { EventConsumer, EventHandlers, ReceivedMessage } from './event-consumer';
import { consumeThenAfterCommit } from './after-commit';

/** A consumer that runs the handler it is given for one event, as the inbox transaction would, then settles. */
function consumerThat(outcome: 'commits' | 'throws', log: string[]): EventConsumer {
  return {
    consume: async (_message: ReceivedMessage, handlers: EventHandlers) => {
      log.push('transaction begins');
      await handlers.ConferenceScheduled?.({} as never, {} as never);
      if (outcome === 'throws') throw new Error('rolled back');
      log.push('transaction commits');
    },
  } as unknown as EventConsumer;
}

const message = {} as ReceivedMessage;

describe('consumeThenAfterCommit: collect during the transaction, act after the commit', () => {
  it('hands on everything collected, in order, only once the transaction committed', async () => {
    const log: string[] = [];
    await consumeThenAfterCommit<string>(
      consumerThat('commits', log),
      message,
      (collect) => ({
        ConferenceScheduled: async () => {
          collect('job-1');
          collect('job-2');
          log.push('collected');
        },
      }),
      async (made) => {
        log.push(`after commit: ${made.join(', ')}`);
      },
    );
    expect(log).toEqual(['transaction begins', 'collected', 'transaction commits', 'after commit: job-1, job-2']);
  });

  it('hands on nothing when consuming throws (a rolled-back transaction queues no work)', async () => {
    const log: string[] = [];
    const afterCommit = jest.fn(async () => undefined);
    await expect(
      consumeThenAfterCommit<string>(
        consumerThat('throws', log),
        message,
        (collect) => ({ ConferenceScheduled: async () => collect('job-1') }),
        afterCommit,
      ),
    ).rejects.toThrow('rolled back');
    expect(afterCommit).not.toHaveBeenCalled();
  });

  it('hands on an empty list when the handlers made nothing', async () => {
    const afterCommit = jest.fn(async () => undefined);
    await consumeThenAfterCommit<string>(consumerThat('commits', []), message, () => ({}), afterCommit);
    expect(afterCommit).toHaveBeenCalledWith([]);
  });
});
