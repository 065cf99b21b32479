import request from 'supertest';
import { bearer, queryService, waitFor } from '../../../../test/support';
import { fuzzOpenApi } from '../../../../test/support/openapi-fuzz';
import { conferenceStory, EventPublisher, startConsole } from '../../test/console-harness';

// Issue 11's fuzz, for the console's JSON API too (its OpenAPI document, docs/openapi/console.json):
// every answer within the published schemas, none a 5xx, none over 5 s.
jest.setTimeout(300_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

describe('the console API under generated hostile requests', () => {
  let service: Awaited<ReturnType<typeof startConsole>>;
  let publisher: EventPublisher;
  let conferenceId: string;

  beforeAll(async () => {
    service = await startConsole();
    publisher = await new EventPublisher().start();
    // One conference with deadlines, a circulation and a delivery, so half the generated requests for it read a real one.
    const story = conferenceStory(publisher, 'LBHF');
    conferenceId = story.conferenceId;
    await publisher.send(...story.events);
    await waitFor(async () => {
      const rows = await queryService('console', 'SELECT count(*)::int AS n FROM console_notifications WHERE conference_id = $1', [
        conferenceId,
      ]);
      return rows[0].n === 1;
    }, 30_000);
  });

  afterAll(async () => {
    await publisher?.stop();
    await service?.close();
  });

  it(`answers ${RUNS} requests built from its OpenAPI document within its published schemas: no 5xx, none over 5 s`, async () => {
    const { failures, counts, slowest } = await fuzzOpenApi({
      openApi: service.openApi,
      http: () => request(service.app.getHttpServer()),
      // A manager sees every page of the JSON API (Deliveries and Performance included).
      authorised: () => bearer(['TEAM_MANAGER'], { la: 'LBHF' }),
      pathValues: { id: [conferenceId] },
      runs: RUNS,
    });
    console.info(`fuzz: ${RUNS} requests, statuses ${JSON.stringify(counts)}, slowest ${slowest} ms`);
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
