import { createDocumentsClient } from '@cpc/client';
import { randomUUID } from 'node:crypto';
import { bearer } from '../../../../test/support';
import { DocumentsHarness } from '../../test/documents-harness';

// Issue 12 item 4 against the real Kafka and PostgreSQL: documents learns of a conference from
// ConferenceScheduled a moment after it is created; `Prefer: wait=N` (RFC 7240) holds a request
// until it is known, so a conference created a moment ago is usable at once.
jest.setTimeout(60_000);

const REPORT = {
  kind: 'POLICE',
  agency: 'Metropolitan Police',
  sections: [{ heading: 'Summary for the family', text: 'Police attended once in March.', classification: 'OPEN' }],
};

describe('read-your-writes: Prefer: wait on the routes of one conference', () => {
  let harness: DocumentsHarness;
  beforeAll(async () => {
    harness = await DocumentsHarness.start();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const schedule = (conferenceId: string) => harness.announceScheduled(conferenceId);
  const submit = (conferenceId: string, prefer?: string) => {
    const call = harness
      .http()
      .post(`/api/v1/conferences/${conferenceId}/reports`)
      .set(harness.as(['PROFESSIONAL']));
    return (prefer ? call.set('Prefer', prefer) : call).send(REPORT);
  };

  it('a report for a conference whose ConferenceScheduled is still on its way is accepted when the caller waits for it', async () => {
    for (let i = 0; i < 5; i++) {
      const conferenceId = randomUUID();
      // The request goes first; the event a moment later, as when the conference service has only just answered.
      const answer = submit(conferenceId, 'wait=8');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await schedule(conferenceId);
      const response = await answer;
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ conferenceId, kind: 'POLICE' });
    }
  });

  it('the typed client (@cpc/client) waits by itself: a conference scheduled a moment after the call is usable', async () => {
    const token = bearer(['PROFESSIONAL'], { la: harness.la }).Authorization.replace('Bearer ', '');
    const client = createDocumentsClient({ baseUrl: harness.service.url, token });
    const conferenceId = randomUUID();
    const answer = client.POST('/api/v1/conferences/{id}/reports', { params: { path: { id: conferenceId } }, body: REPORT as never });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await schedule(conferenceId);
    const { data, error, response } = await answer;
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ conferenceId });
  });

  it('without the preference, or past the wait, an unknown conference is 404 as before', async () => {
    const unknown = randomUUID();
    expect((await submit(unknown)).status).toBe(404);
    const started = Date.now();
    const waited = await submit(unknown, 'wait=1');
    expect(waited.status).toBe(404);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('another local authority waiting for the conference still gets 404 (its existence is not disclosed)', async () => {
    const conferenceId = randomUUID();
    await schedule(conferenceId);
    const other = await harness
      .http()
      .post(`/api/v1/conferences/${conferenceId}/reports`)
      .set(harness.as(['PROFESSIONAL'], { la: 'ELSEWHERE' }))
      .set('Prefer', 'wait=2')
      .send(REPORT);
    expect(other.status).toBe(404);
  });
});
