import { fuzzOpenApi } from '../../../../test/support/openapi-fuzz';
import { DocumentsHarness } from '../../test/documents-harness';

// Issue 11: requests generated from the documents service's own OpenAPI document
// (test/support/openapi-fuzz.ts), half of them on a real conference: every answer within the
// published schemas, none a 5xx, none over 5 s.
jest.setTimeout(300_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

describe('the documents API under generated hostile requests', () => {
  let harness: DocumentsHarness;
  beforeAll(async () => {
    harness = await DocumentsHarness.start();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it(`answers ${RUNS} requests built from its OpenAPI document within its published schemas: no 5xx, none over 5 s`, async () => {
    const conferenceId = await harness.conference(new Date(Date.now() + 4 * 24 * 3600_000), [
      { role: 'PARENT', firstName: 'Jo', lastName: 'Stone', email: 'jo.fuzz@example.org', mobile: '+447700900123', contactConfirmed: true },
    ]);
    const { failures, counts, slowest } = await fuzzOpenApi({
      openApi: harness.service.openApi,
      http: () => harness.http(),
      authorised: () => harness.as(['CHAIR', 'SOCIAL_WORKER']),
      pathValues: { id: [conferenceId], conferenceId: [conferenceId] },
      runs: RUNS,
    });
    console.info(`documents fuzz: ${RUNS} requests, statuses ${JSON.stringify(counts)}, slowest ${slowest} ms`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(Object.entries(counts).some(([status, n]) => Number(status) < 300 && n > 0)).toBe(true);
  });
});
