import request from 'supertest';
import { bearer, TEST_LA } from '../../../../test/support';
import { fuzzOpenApi } from '../../../../test/support/openapi-fuzz';
import { NotificationsHarness, person } from '../../test/notifications-harness';

// Issue 11: requests generated from the notifications service's own OpenAPI document
// (test/support/openapi-fuzz.ts): every answer within the published schemas, none a 5xx, none over 5 s.
jest.setTimeout(300_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

describe('the notifications API under generated hostile requests', () => {
  const harness = new NotificationsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it(`answers ${RUNS} requests built from its OpenAPI document within its published schemas: no 5xx, none over 5 s`, async () => {
    const conferenceId = await harness.schedule([person('CHAIR', 'Cara', { email: 'cara.fuzz@council.example' })]);
    const { failures, counts, slowest } = await fuzzOpenApi({
      openApi: harness.service.openApi,
      http: () => request(harness.service.app.getHttpServer()),
      authorised: () => bearer(['CHAIR', 'SAFEGUARDING_SERVICE_MANAGER'], { la: TEST_LA }),
      pathValues: { conferenceId: [conferenceId], role: ['TEAM_MANAGER', 'CHAIR'] },
      runs: RUNS,
    });
    console.info(`notifications fuzz: ${RUNS} requests, statuses ${JSON.stringify(counts)}, slowest ${slowest} ms`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(Object.entries(counts).some(([status, n]) => Number(status) < 300 && n > 0)).toBe(true);
  });
});
