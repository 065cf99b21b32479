import { createDocumentsClient } from '@cpc/client';
import type { RunningService } from '@cpc/runtime';
import { randomUUID } from 'node:crypto';
import { bearer, waitFor } from '../../../../test/support';
import { DocumentsHarness } from '../../test/documents-harness';

// Issue 12 item 4, "test it under a rebalance", against the real Kafka and PostgreSQL: a second
// replica joins the documents consumer group and later leaves it (a scale-out, then a scale-in or a
// rolling deploy), each a rebalance during which no replica consumes conference.events. Conferences
// scheduled all the while are usable at once through the typed client, on whichever replica answers.
jest.setTimeout(120_000);

const REPORT = {
  kind: 'POLICE',
  agency: 'Metropolitan Police',
  sections: [{ heading: 'Summary for the family', text: 'Police attended once in March.', classification: 'OPEN' }],
} as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('read-your-writes while the documents consumer group rebalances', () => {
  let harness: DocumentsHarness;
  let peer: RunningService | undefined;
  beforeAll(async () => {
    harness = await DocumentsHarness.start();
  });
  afterAll(async () => {
    await peer?.close();
    await harness?.stop();
  });

  const token = () => bearer(['PROFESSIONAL'], { la: harness.la }).Authorization.replace('Bearer ', '');
  const schedule = (conferenceId: string) => harness.announceScheduled(conferenceId);

  /** One integrator's call as the client makes it: the conference announced a moment after the call went. */
  const submitJustScheduled = async (service: RunningService) => {
    const client = createDocumentsClient({ baseUrl: service.url, token: token(), preferWaitSeconds: 10 });
    const conferenceId = randomUUID();
    const answer = client.POST('/api/v1/conferences/{id}/reports', { params: { path: { id: conferenceId } }, body: REPORT as never });
    await sleep(100);
    await schedule(conferenceId);
    const { response } = await answer;
    return { conferenceId, status: response.status };
  };

  it('a replica joining and then leaving the group: every conference scheduled meanwhile is usable at once on either replica', async () => {
    await waitFor(async () => (await harness.groupMembers()) === 1, 30_000, 250);
    const answers: Promise<{ conferenceId: string; status: number }>[] = [];
    const answeredByPeer: Promise<unknown>[] = [];
    let running = true;
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        // Alternate between the replicas while both serve: each polls the shared database for the conference.
        const answer = submitJustScheduled(i % 2 === 1 && peer ? peer : harness.service);
        if (i % 2 === 1 && peer) answeredByPeer.push(answer);
        answers.push(answer);
        await sleep(200);
      }
    })();

    await sleep(1000);
    peer = await harness.startPeer(); // scale-out: the group rebalances to two members
    await waitFor(async () => (await harness.groupMembers()) === 2, 30_000, 250);
    await sleep(2000);
    const leaving = peer;
    peer = undefined; // no new calls to it; those it holds are answered before it stops, as in a rolling deploy's drain
    await Promise.all(answeredByPeer);
    await leaving.close(); // scale-in: it leaves the group, which rebalances again to one
    await waitFor(async () => (await harness.groupMembers()) === 1, 30_000, 250);
    await sleep(1000);
    running = false;
    await traffic;

    const settled = await Promise.all(answers);
    expect(settled.length).toBeGreaterThanOrEqual(20);
    expect(answeredByPeer.length).toBeGreaterThan(0);
    expect(settled.filter((a) => a.status !== 201)).toEqual([]);
  });
});
