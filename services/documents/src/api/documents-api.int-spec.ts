import { LOCAL_DELIVERY_PRIVATE_KEY, openSealedSecret, Topics } from '@cpc/contracts';
import fc from 'fast-check';
import officeCrypto from 'officecrypto-tool';
import { randomUUID } from 'node:crypto';
import { asBytes, queryService, waitFor } from '../../../../test/support';
import { DocumentsHarness } from '../../test/documents-harness';
import { readWordDocumentText } from '../infrastructure/rendering';

// Issue 5: reports, shares, the plan and its circulation over HTTP, with the real PostgreSQL and Kafka.
jest.setTimeout(60_000);
const DAY = 24 * 3600_000;

const POLICE_REPORT = {
  kind: 'POLICE',
  agency: 'Metropolitan Police',
  sections: [
    { heading: 'Summary for the family', text: 'Police attended once in March.', classification: 'OPEN' },
    { heading: 'Intelligence', text: 'Covert source CONF-7781 reports weapons.', classification: 'CONFIDENTIAL' },
    { heading: 'Incidents', text: 'Two call-outs to the home.', classification: 'OPEN', sensitivity: 'DOMESTIC_ABUSE' },
  ],
};

const PLAN = {
  sensitiveCase: true,
  sections: [
    { heading: 'Decision', text: 'Amy Stone becomes subject of a child protection plan.', classification: 'OPEN' },
    { heading: 'Police information', text: 'Covert source CONF-7781 reports weapons.', classification: 'CONFIDENTIAL' },
    {
      heading: 'Safety at home',
      text: 'Incidents between the adults at 12 Acacia Road, London W6 0AB.',
      classification: 'OPEN',
      sensitivity: 'DOMESTIC_ABUSE',
    },
    { heading: 'Plan', text: 'Karen Stone will attend the parenting course.', classification: 'OPEN' },
  ],
};

const PARTICIPANTS = [
  { role: 'CHAIR', firstName: 'Clara', lastName: 'Chair', email: 'chair@council.example' },
  { role: 'SOCIAL_WORKER', firstName: 'Sam', lastName: 'Worker', email: 'sw@council.example' },
  { role: 'PROFESSIONAL', firstName: 'Pat', lastName: 'Police', email: 'pat@police.example', agency: 'Police' },
  {
    role: 'PARENT',
    firstName: 'Karen',
    lastName: 'Stone',
    knownAs: ['Kaz'],
    email: 'karen@home.example',
    mobile: '+447700900123',
    addresses: ['12 Acacia Road, London W6 0AB'],
    contactConfirmed: true, // R-CONTACT: the chair confirmed both with her
  },
  { role: 'PARENT', firstName: 'Dan', lastName: 'Stone', email: 'dan@home.example' }, // no mobile: cannot get a password (R-DEL-PWD)
] as const;

describe('documents API', () => {
  let harness: DocumentsHarness;
  let conferenceId: string;
  let todayConferenceId: string;

  beforeAll(async () => {
    harness = await DocumentsHarness.start();
    [conferenceId, todayConferenceId] = await Promise.all([
      harness.conference(new Date(Date.now() + 7 * DAY), [...PARTICIPANTS]),
      harness.conference(new Date()),
    ]);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const post = (path: string, body: object, roles: Parameters<DocumentsHarness['as']>[0] = ['SOCIAL_WORKER'], la?: string) =>
    harness.http().post(`/api/v1${path}`).set(harness.as(roles, { la })).send(body);

  const reportsOf = async (id: string) => queryService('documents', 'SELECT * FROM reports WHERE conference_id = $1', [id]);

  describe('POST /conferences/{id}/reports', () => {
    it('stores the report encrypted with the key id beside it and publishes ReportSubmitted', async () => {
      const response = await post(`/conferences/${conferenceId}/reports`, POLICE_REPORT, ['PROFESSIONAL']);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ conferenceId, kind: 'POLICE', version: 1, sectionCount: 3 });

      const [row] = await queryService<{ key_id: string; sections_ciphertext: Buffer }>(
        'documents',
        'SELECT * FROM reports WHERE id = $1',
        [response.body.id],
      );
      expect(row.key_id).toBe('local');
      expect(row.sections_ciphertext.toString('latin1')).not.toContain('CONF-7781'); // encrypted at rest
      await waitFor(() => harness.events('ReportSubmitted', conferenceId).find((e) => e.reportId === response.body.id));
    });

    it('refuses bad input with problem+json naming the field, storing nothing', async () => {
      const cases: [object, string][] = [
        [{ kind: 'POLICE', sections: [] }, 'sections'],
        [{ kind: 'GOSSIP', sections: POLICE_REPORT.sections }, 'kind'],
        [{ kind: 'POLICE', sections: [{ heading: 'x', text: 'y', classification: 'SECRET' }] }, 'sections[0].classification'],
        [{ kind: 'POLICE', sections: [{ heading: '', text: 'y', classification: 'OPEN' }] }, 'sections[0].heading'],
        [{ kind: 'POLICE', sections: [{ heading: 'x', text: 'y'.repeat(100_001), classification: 'OPEN' }] }, 'sections[0].text'],
        [{ kind: 'POLICE', sections: 'all of it' }, 'sections'],
      ];
      for (const [body, field] of cases) {
        const response = await post(`/conferences/${todayConferenceId}/reports`, body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      // Past HTTP_BODY_LIMIT_BYTES (1 MiB by default) the whole body is refused before it is read.
      const huge = {
        kind: 'POLICE',
        sections: Array.from({ length: 12 }, () => ({ heading: 'x', text: 'y'.repeat(99_000), classification: 'OPEN' })),
      };
      const tooLarge = await post(`/conferences/${todayConferenceId}/reports`, huge);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers['content-type']).toMatch(/application\/problem\+json/);
      const unknown = await post(`/conferences/${randomUUID()}/reports`, POLICE_REPORT);
      expect(unknown.status).toBe(404);
      const otherAuthority = await post(`/conferences/${todayConferenceId}/reports`, POLICE_REPORT, ['SOCIAL_WORKER'], 'ELSEWHERE');
      expect(otherAuthority.status).toBe(404);
      expect(await reportsOf(todayConferenceId)).toHaveLength(0);
    });
  });

  describe('POST /reports/{id}/shares', () => {
    let reportId: string;
    beforeAll(async () => {
      reportId = (await post(`/conferences/${conferenceId}/reports`, POLICE_REPORT, ['PROFESSIONAL'])).body.id;
    });

    it('refuses a family share naming the confidential sections (R-CLASS-2) and records nothing', async () => {
      const response = await post(`/reports/${reportId}/shares`, { audience: 'FAMILY', recipients: ['Karen Stone'], sections: [0, 1] });
      expect(response.status).toBe(422);
      expect(response.body.confidentialSections).toEqual([{ index: 1, heading: 'Intelligence' }]);
      expect(response.body.detail).toContain('"Intelligence"');
      expect(await queryService('documents', 'SELECT * FROM report_shares WHERE report_id = $1', [reportId])).toHaveLength(0);
    });

    it('shares the OPEN, not sensitive, sections with the family, recorded and published (R-SHARE), not late before the day', async () => {
      const response = await post(`/reports/${reportId}/shares`, { audience: 'FAMILY', recipients: ['Karen Stone'] });
      expect(response.status).toBe(201);
      // Section 1 is CONFIDENTIAL (R-CLASS-2); section 2 is marked domestic abuse (R-DV): neither goes to the family.
      expect(response.body).toMatchObject({ reportVersion: 1, audience: 'FAMILY', sections: [0], late: false });
      const [row] = await queryService('documents', 'SELECT * FROM report_shares WHERE id = $1', [response.body.id]);
      expect(row).toMatchObject({ shared_by: 'user-social_worker', report_version: 1, recipients: ['Karen Stone'] });
      const event = await waitFor(() => harness.events('ReportShared', conferenceId).find((e) => e.shareId === response.body.id));
      expect(event).toMatchObject({ reportId, audience: 'FAMILY', sectionsShared: 1, late: false, reportKind: 'POLICE' });
      expect(JSON.stringify(event)).not.toContain('CONF-7781');
    });

    it('refuses a family share that names a section marked sensitive (R-DV), naming it, and records nothing', async () => {
      const before = await queryService('documents', 'SELECT count(*)::int AS n FROM report_shares WHERE report_id = $1', [reportId]);
      const response = await post(`/reports/${reportId}/shares`, { audience: 'FAMILY', recipients: ['Karen Stone'], sections: [0, 2] });
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.sensitiveSections).toEqual([{ index: 2, heading: 'Incidents' }]);
      const after = await queryService('documents', 'SELECT count(*)::int AS n FROM report_shares WHERE report_id = $1', [reportId]);
      expect(after).toEqual(before);
    });

    it('allows a share on the conference day but flags it late (R-NOTDAY)', async () => {
      const today = (await post(`/conferences/${todayConferenceId}/reports`, POLICE_REPORT, ['PROFESSIONAL'])).body.id;
      const response = await post(`/reports/${today}/shares`, { audience: 'PROFESSIONALS', recipients: ['Pat Police'] });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ late: true, sections: [0, 1, 2] });
    });

    it('answers 404 for a report that does not exist, 400 for a section it does not have', async () => {
      expect((await post(`/reports/${randomUUID()}/shares`, { audience: 'FAMILY', recipients: ['Karen Stone'] })).status).toBe(404);
      const missing = await post(`/reports/${reportId}/shares`, { audience: 'PROFESSIONALS', recipients: ['x'], sections: [7] });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('sections');
    });

    it('never lets a confidential section reach the family, whatever the mix (property, R-CLASS-2)', async () => {
      const section = fc.record({
        heading: fc.constantFrom('A', 'B', 'C'),
        text: fc.string({ maxLength: 20 }),
        classification: fc.constantFrom('OPEN', 'CONFIDENTIAL'),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(section, { minLength: 1, maxLength: 6 }),
          fc.option(fc.array(fc.nat(5), { maxLength: 6 })),
          async (sections, requested) => {
            const id = (await post(`/conferences/${conferenceId}/reports`, { kind: 'AGENCY', sections }, ['PROFESSIONAL'])).body.id;
            const body = { audience: 'FAMILY', recipients: ['Karen Stone'], ...(requested ? { sections: requested } : {}) };
            const response = await post(`/reports/${id}/shares`, body);
            if (response.status === 201) {
              for (const index of response.body.sections) expect(sections[index].classification).toBe('OPEN');
            } else {
              expect([400, 422]).toContain(response.status);
            }
          },
        ),
        { numRuns: 15 },
      );
    });
  });

  describe('plan and circulation', () => {
    it('circulates: full copies to professionals, redacted encrypted copies to parents with a sealed password, then PlanCirculated', async () => {
      const plan = await harness
        .http()
        .put(`/api/v1/conferences/${conferenceId}/plan`)
        .set(harness.as(['CHAIR']))
        .send(PLAN);
      expect(plan.status).toBe(200);
      expect(plan.body).toMatchObject({ version: 1, sensitiveCase: true, sectionCount: 4 });

      const circulation = await post(`/conferences/${conferenceId}/plan/circulation`, {}, ['CHAIR']);
      expect(circulation.status).toBe(202);
      expect(JSON.stringify(circulation.body)).not.toMatch(/passwordCiphertext|"password"/i); // R-DEL-PWD: never in a response

      const requested = await waitFor(() => {
        const events = harness.events('DeliveryRequested', conferenceId);
        return events.length === 7 && events; // 3 professionals, Karen's email + SMS, advise-victim to chair and SW
      });
      const byTemplate = (template: string) => requested.filter((e: any) => e.template === template);
      expect(
        byTemplate('PLAN_TO_PROFESSIONALS_EMAIL')
          .map((e: any) => e.recipientName)
          .sort(),
      ).toEqual(['Clara Chair', 'Pat Police', 'Sam Worker']);
      expect(
        byTemplate('ADVISE_VICTIM_NOTE_EMAIL')
          .map((e: any) => e.recipientRole)
          .sort(),
      ).toEqual(['CHAIR', 'SOCIAL_WORKER']); // R-RED-DV
      const [email] = byTemplate('PARENT_DOCUMENT_EMAIL');
      const [sms] = byTemplate('PARENT_DOCUMENT_PASSWORD_SMS');
      expect(email).toMatchObject({ channel: 'EMAIL', email: 'karen@home.example' });
      expect(email.passwordCiphertext).toBeUndefined();
      expect(sms).toMatchObject({ channel: 'SMS', mobile: '+447700900123', documentId: email.documentId });

      // Only the notifications service's key opens the password; with it, the parent's copy opens and is redacted.
      const password = openSealedSecret(sms.passwordCiphertext, LOCAL_DELIVERY_PRIVATE_KEY);
      expect(JSON.stringify(requested)).not.toContain(password);
      expect(JSON.stringify(circulation.body)).not.toContain(password);
      const download = await asBytes(
        harness
          .http()
          .get(`/api/v1/documents/${email.documentId}`)
          .set(harness.as(['SYSTEM'], { scope: 'documents:read' })),
      );
      expect(download.status).toBe(200);
      expect(officeCrypto.isEncrypted(download.body)).toBe(true);
      const text = readWordDocumentText(await officeCrypto.decrypt(download.body, { password }));
      expect(text).toContain('A.S.');
      for (const secret of ['CONF-7781', 'Amy Stone', 'Karen', 'Acacia', 'W6 0AB', 'Incidents between']) expect(text).not.toContain(secret);

      // The notifications service reports each dispatch; one fails.
      const [failing, ...sent] = requested;
      for (const event of sent) {
        await harness.produce('NotificationSent', conferenceId, notification(event), Topics.notifications);
      }
      await harness.produce(
        'NotificationFailed',
        conferenceId,
        { ...notification(failing), reason: 'mailbox does not exist', failure: 'PERMANENT' },
        Topics.notifications,
      );
      const [circulated] = await waitFor(() => {
        const events = harness.events('PlanCirculated', conferenceId);
        return events.length > 0 && events;
      });
      expect(circulated).toMatchObject({ conferenceId, circulationId: circulation.body.id, planId: plan.body.id, planVersion: 1 });
      // One result per recipient, by participant id and role: no names or contact details on Kafka.
      expect(circulated.results).toHaveLength(5);
      expect(JSON.stringify(circulated)).not.toMatch(/Karen|Stone|Clara|home\.example|7700900123/);
      const participants = await harness.participants(conferenceId);
      const idOf = (first: string) => participants.find((p) => p.firstName === first)!.participantId;
      const result = (first: string) => circulated.results.find((r: any) => r.participantId === idOf(first));
      const failingOwner = circulated.results.find((r: any) => r.deliveryIds.includes(failing.deliveryId));
      expect(failingOwner).toMatchObject({ status: 'FAILED', reasonCode: 'DELIVERY_FAILED' });
      // Dan Stone has no mobile: neither his document nor a password could go (R-DEL-PWD), reported as failed.
      expect(result('Dan')).toMatchObject({ recipientRole: 'PARENT', status: 'FAILED', reasonCode: 'NO_MOBILE' });
      expect(circulated.results.filter((r: any) => r.status === 'SENT')).toHaveLength(3);
      expect(circulated.complete).toBe(false);
    });
    it('refuses a circulation without a plan, and a plan with malformed sections', async () => {
      expect((await post(`/conferences/${todayConferenceId}/plan/circulation`, {}, ['CHAIR'])).status).toBe(409);
      const bad = await harness
        .http()
        .put(`/api/v1/conferences/${todayConferenceId}/plan`)
        .set(harness.as(['CHAIR']))
        .send({ sections: [{ heading: 'x', text: 'y', classification: 'OPEN', sensitivity: 'LOUD' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('sections[0].sensitivity');
    });
  });

  describe('GET /documents/{id}', () => {
    it("audits every read and hides another local authority's documents", async () => {
      const [document] = await queryService<{ id: string }>(
        'documents',
        'SELECT id FROM stored_documents WHERE conference_id = $1 LIMIT 1',
        [conferenceId],
      );
      expect(
        (
          await harness
            .http()
            .get(`/api/v1/documents/${document.id}`)
            .set(harness.as(['CHAIR'], { la: 'ELSEWHERE' }))
        ).status,
      ).toBe(404);
      expect(
        (
          await harness
            .http()
            .get(`/api/v1/documents/${document.id}`)
            .set(harness.as(['PARENT']))
        ).status,
      ).toBe(403);
      expect(
        (
          await harness
            .http()
            .get(`/api/v1/documents/${document.id}`)
            .set(harness.as(['TEAM_MANAGER']))
        ).status,
      ).toBe(200);
      const audit = await queryService(
        'documents',
        "SELECT outcome, local_authority FROM audit_log WHERE action = 'document.read' AND resource_id = $1",
        [document.id],
      );
      expect(audit).toEqual(
        expect.arrayContaining([
          { outcome: 404, local_authority: 'ELSEWHERE' },
          { outcome: 200, local_authority: harness.la },
        ]),
      );
    });
  });
});

function notification(delivery: { conferenceId: string; deliveryId: string; template: string; channel: string }) {
  return {
    conferenceId: delivery.conferenceId,
    notificationId: randomUUID(),
    deliveryId: delivery.deliveryId,
    template: delivery.template,
    channel: delivery.channel,
    recipientMasked: 'k***@home.example',
    attempts: 1,
    at: new Date().toISOString(),
  };
}
