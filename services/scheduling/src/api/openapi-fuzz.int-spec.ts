import { fuzzOpenApi } from '../../../../test/support/openapi-fuzz';
import { SchedulingHarness } from '../../test/scheduling-harness';

// Issue 11: requests generated from the service's own OpenAPI document (test/support/openapi-fuzz.ts);
// every answer within the published schemas, none a 5xx, none over 5 s.
jest.setTimeout(300_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

describe('the scheduling API under generated hostile requests', () => {
  let harness: SchedulingHarness;

  beforeAll(async () => {
    harness = await SchedulingHarness.start();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('a request line over the HTTP parser limit (found by this fuzz test) is a 431 problem+json, not an empty answer', async () => {
    const response = await harness
      .http()
      .get(`/api/v1/deadlines?kind=${'x'.repeat(20_000)}`)
      .set(harness.as(['CHAIR']));
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 431, title: 'Request header fields too large' });
  });

  it(`answers ${RUNS} requests built from its OpenAPI document within its published schemas: no 5xx, none over 5 s`, async () => {
    const { failures, counts, slowest } = await fuzzOpenApi({
      openApi: harness.service.openApi,
      http: () => harness.http(),
      authorised: () => harness.as(['CHAIR', 'TEAM_MANAGER', 'LOCALITY_SERVICE_MANAGER']),
      runs: RUNS,
    });
    console.info(`fuzz: ${RUNS} requests, statuses ${JSON.stringify(counts)}, slowest ${slowest} ms`);
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
