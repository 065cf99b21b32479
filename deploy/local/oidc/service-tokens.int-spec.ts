import { createEnvelope, EventCatalogue, Topics } from '@cpc/contracts';
import { startService, type RunningService } from '@cpc/runtime';
import { Kafka, logLevel } from 'kafkajs';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { DocumentsConfig } from '../../../services/documents/src/documents.config';
import { documentsService } from '../../../services/documents/src/documents.definition';
import {
  PermanentDeliveryFailure,
  TemporaryDeliveryFailure,
} from '../../../services/notifications/src/infrastructure/channels/delivery-channel';
import { DocumentsClient, documentsAccessOf } from '../../../services/notifications/src/infrastructure/documents.client';
import { NotificationsConfig } from '../../../services/notifications/src/notifications.config';
import { SchedulingConfig } from '../../../services/scheduling/src/scheduling.config';
import { schedulingService } from '../../../services/scheduling/src/scheduling.definition';
import { bearer, ContractEventPublisher, queryService, testConfig, waitFor } from '../../../test/support';

// Service-to-service calls with the local identity provider: the notifications service's DocumentsClient
// gets its token by client credentials (cpc-notifications, la = the document's authority) and reads a plan
// from a documents service that checks RS256 tokens against the provider's JWKS, issuer and audience.
jest.setTimeout(90_000);
const API_AUDIENCE = 'urn:cpc:api';
const NOTIFICATIONS_SECRET = 'local-notifications-client-secret';

/** Starts deploy/local/oidc/run-local-identity.mjs as `npm start` does, on a free port, and reads its issuer. */
async function startProvider(): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, 'run-local-identity.mjs')], {
    env: { ...process.env, OIDC_PORT: '0', CPC_CACHE_DIR: mkdtempSync(join(tmpdir(), 'cpc-oidc-')) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local identity provider exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { issuer?: string };
      if (message.issuer) resolve(message.issuer);
    });
  });
  return { issuer, child };
}

async function clientCredentials(issuer: string, client: string, secret: string, form: Record<string, string>) {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${client}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...form }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { access_token?: string; error?: string; error_description?: string },
  };
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

describe('service-to-service tokens from the local identity provider (client credentials with la)', () => {
  const kafka = new Kafka({
    clientId: 'service-tokens-int-spec',
    brokers: testConfig(DocumentsConfig).KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const groupId = `cpc-documents-test-${randomUUID().slice(0, 8)}`;
  let provider: { issuer: string; child: ChildProcess };
  let documents: RunningService;
  let scheduling: RunningService;
  const publisher = new ContractEventPublisher('service-tokens-int-spec');
  let documentId: string;

  const urlOf = (service: RunningService) => `http://127.0.0.1:${(service.app.getHttpServer().address() as AddressInfo).port}`;
  const authEnv = () => ({ AUTH_JWKS_URL: `${provider.issuer}/jwks`, AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: API_AUDIENCE });
  const documentsClient = (overrides: Record<string, string> = {}) => {
    const config = testConfig(NotificationsConfig, {
      ...authEnv(),
      AUTH_CLIENT_ID: 'cpc-notifications',
      AUTH_CLIENT_SECRET: NOTIFICATIONS_SECRET,
      DOCUMENTS_BASE_URL: urlOf(documents),
      ...overrides,
    });
    return new DocumentsClient(config.DOCUMENTS_BASE_URL, documentsAccessOf(config));
  };

  beforeAll(async () => {
    provider = await startProvider();
    // Documents' group starts at the end of its topics (a new group reading the whole history falls behind).
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of [Topics.conference, Topics.notifications]) {
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId, topic, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
      }
    } finally {
      await admin.disconnect();
    }
    await publisher.start();
    [documents, scheduling] = await Promise.all([
      startService(documentsService(testConfig(DocumentsConfig, { KAFKA_GROUP_ID: groupId, ...authEnv() }))),
      startService(schedulingService(testConfig(SchedulingConfig, authEnv()))),
    ]);

    // An LBHF conference with a professional, its plan, and the circulation that stores the copies.
    const conferenceId = randomUUID();
    const envelope = createEnvelope('/cpc/conference', EventCatalogue.ConferenceScheduled.schemaVersion, {
      type: 'ConferenceScheduled',
      conferenceId,
      localAuthority: 'LBHF',
      data: {
        conferenceId,
        kind: 'ICPC',
        localAuthority: 'LBHF',
        scheduledStart: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        durationMinutes: 90,
        participationOption: 'FULL',
        children: [{ childId: randomUUID(), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
        warnings: [],
        participants: [
          { participantId: randomUUID(), role: 'CHAIR', firstName: 'Clara', lastName: 'Chair', email: 'chair@council.example' },
          {
            participantId: randomUUID(),
            role: 'PROFESSIONAL',
            firstName: 'Pat',
            lastName: 'Police',
            email: 'pat@police.example',
            agency: 'Police',
          },
        ],
      },
    });
    await publisher.publish(Topics.conference, envelope);
    await waitFor(
      async () => (await queryService('documents', 'SELECT 1 FROM case_identities WHERE conference_id = $1', [conferenceId])).length === 1,
    );
    const chair = bearer(['CHAIR'], { la: 'LBHF' });
    const plan = await request(documents.app.getHttpServer())
      .put(`/api/v1/conferences/${conferenceId}/plan`)
      .set(chair)
      .send({
        sensitiveCase: false,
        sections: [{ heading: 'Decision', text: 'Amy Stone becomes subject of a plan.', classification: 'OPEN' }],
      });
    expect(plan.status).toBe(200);
    expect(
      (await request(documents.app.getHttpServer()).post(`/api/v1/conferences/${conferenceId}/plan/circulation`).set(chair).send({}))
        .status,
    ).toBe(202);
    documentId = await waitFor(async () => {
      const [row] = await queryService<{ id: string }>('documents', 'SELECT id FROM stored_documents WHERE conference_id = $1 LIMIT 1', [
        conferenceId,
      ]);
      return row?.id;
    });
  });

  afterAll(async () => {
    await Promise.allSettled([documents?.close(), scheduling?.close(), publisher.stop()]);
    provider?.child.kill('SIGTERM');
  });

  it('issues cpc-notifications a token with la for LBHF and ELSEWHERE, and refuses an authority it may not act for (unauthorized_client)', async () => {
    for (const la of ['LBHF', 'ELSEWHERE']) {
      const { status, body } = await clientCredentials(provider.issuer, 'cpc-notifications', NOTIFICATIONS_SECRET, {
        scope: 'documents:read',
        resource: API_AUDIENCE,
        la,
      });
      expect(status).toBe(200);
      expect(claimsOf(body.access_token!)).toMatchObject({
        sub: 'cpc-notifications',
        roles: ['SYSTEM'],
        la,
        scope: 'documents:read',
        aud: API_AUDIENCE,
      });
    }
    expect(
      await clientCredentials(provider.issuer, 'cpc-notifications', NOTIFICATIONS_SECRET, { scope: 'documents:read', la: 'NOWHERE' }),
    ).toEqual({
      status: 400,
      body: { error: 'unauthorized_client', error_description: 'cpc-notifications may not act for local authority NOWHERE' },
    });
    const unnamed = await clientCredentials(provider.issuer, 'cpc-notifications', NOTIFICATIONS_SECRET, { scope: 'documents:read' });
    expect(unnamed).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    // Only documents:read: the client cannot widen its own token.
    expect(
      await clientCredentials(provider.issuer, 'cpc-notifications', NOTIFICATIONS_SECRET, { scope: 'conferences:write', la: 'LBHF' }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    // The single-authority SYSTEM client may not name another one either.
    expect(
      await clientCredentials(provider.issuer, 'cpc-system', 'local-system-client-secret', { scope: 'deadlines:read', la: 'ELSEWHERE' }),
    ).toMatchObject({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
  });

  it("DocumentsClient reads an LBHF plan copy with its client-credentials token (discovered token endpoint), through documents' JWKS check", async () => {
    const attachment = await documentsClient().fetch(documentId, 'LBHF');
    expect(attachment.content.length).toBeGreaterThan(1000);
    expect(attachment.filename).toMatch(/\.docx$/);
    const [audit] = await queryService<{ actor: string; outcome: string; local_authority: string }>(
      'documents',
      "SELECT * FROM audit_log WHERE action = 'document.read' AND resource_id = $1 ORDER BY 1 DESC LIMIT 1",
      [documentId],
    );
    expect(audit).toMatchObject({ actor: 'cpc-notifications', local_authority: 'LBHF' });
  });

  it("a token for ELSEWHERE is accepted but does not see LBHF's document (404, permanent); an authority the client may not act for is a temporary AUTHENTICATION failure", async () => {
    const elsewhere = await documentsClient()
      .fetch(documentId, 'ELSEWHERE')
      .catch((e: unknown) => e);
    expect(elsewhere).toBeInstanceOf(PermanentDeliveryFailure);
    expect(elsewhere).toMatchObject({ providerCode: 404 });
    const refused = await documentsClient()
      .fetch(documentId, 'NOWHERE')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TemporaryDeliveryFailure);
    expect(refused).toMatchObject({ reason: 'AUTHENTICATION', providerCode: 'unauthorized_client' });
    expect((refused as Error).message).toContain('cpc-notifications may not act for local authority NOWHERE');
    const wrongSecret = await documentsClient({ AUTH_CLIENT_SECRET: 'not-the-secret' })
      .fetch(documentId, 'LBHF')
      .catch((e: unknown) => e);
    expect(wrongSecret).toMatchObject({ kind: 'TEMPORARY', reason: 'AUTHENTICATION', providerCode: 'invalid_client' });
  });

  it('a token endpoint that is not answering is a temporary PROVIDER_UNAVAILABLE failure, not a crash', async () => {
    const failure = await documentsClient({ AUTH_CLIENT_TOKEN_URL: 'http://127.0.0.1:1/token' })
      .fetch(documentId, 'LBHF')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TemporaryDeliveryFailure);
    expect(failure).toMatchObject({ reason: 'PROVIDER_UNAVAILABLE' });
  });

  it('the Bull Board refuses a SYSTEM token from the provider (even with ops:read) with 403, and a browser without a token with a problem+json 401', async () => {
    const { body } = await clientCredentials(provider.issuer, 'cpc-system', 'local-system-client-secret', { scope: 'ops:read' });
    const system = await fetch(`${urlOf(scheduling)}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(system.status).toBe(403);
    expect(system.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const browser = await fetch(`${urlOf(scheduling)}/admin/queues`, { headers: { accept: 'text/html' } });
    expect(browser.status).toBe(401);
    expect(browser.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await browser.json()) as { detail: string }).detail).toMatch(/platform-operations tool.*PLATFORM_OPERATOR/);
    const operator = await fetch(`${urlOf(scheduling)}/admin/queues/api/queues`, {
      headers: bearer(['PLATFORM_OPERATOR'], { la: 'ELSEWHERE' }),
    });
    expect(operator.status).toBe(200);
  });
});
