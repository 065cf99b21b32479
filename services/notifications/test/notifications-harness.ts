import { createEnvelope, Topics, type ParticipantSnapshot } from '@cpc/contracts';
import { startService, type RunningService } from '@cpc/runtime';
import { randomUUID } from 'node:crypto';
import { ContractEventPublisher, startStandins, type RunningStandins } from '../../../test/support';
import { queryService, startGroupsAtEnd, TEST_LA, testConfig, TopicProbe, waitFor } from '../../../test/support';
import { NotificationsConfig } from '../src/notifications.config';
import { notificationsService } from '../src/notifications.definition';

export interface SmtpMessage {
  id: string;
  recipients: string[];
  subject: string;
}

/**
 * The notifications service against the real Kafka, PostgreSQL and Redis and the local SMTP and
 * Notify stand-ins spawned for one test file, with the helpers its tests share.
 */
export class NotificationsHarness {
  standins!: RunningStandins;
  service!: RunningService;
  probe!: TopicProbe;
  private readonly publisher = new ContractEventPublisher('notifications-test');

  async start(overrides: Record<string, string> = {}): Promise<this> {
    this.standins = await startStandins();
    // A new group reads the topics from the beginning (the runtime subscribes fromBeginning): this one starts at the end.
    const groupId = `cpc-notifications-test-${randomUUID().slice(0, 8)}`;
    await startGroupsAtEnd([groupId]);
    this.service = await startService(
      notificationsService(
        testConfig(NotificationsConfig, {
          SMTP_HOST: this.standins.smtp.host,
          SMTP_PORT: String(this.standins.smtp.port),
          SMTP_USER: this.standins.smtp.user,
          SMTP_PASSWORD: this.standins.smtp.password,
          SMTP_CA_FILE: this.standins.smtp.caFile,
          NOTIFY_BASE_URL: this.standins.notify.baseUrl,
          NOTIFY_API_KEY: this.standins.notify.apiKey,
          KAFKA_GROUP_ID: groupId,
          QUEUE_PREFIX: `cpc-notifications-test-${randomUUID().slice(0, 8)}`,
          SEND_BACKOFF_MS: '300',
          ...overrides,
        }),
      ),
    );
    await this.publisher.start();
    this.probe = await new TopicProbe([Topics.notifications]).start();
    return this;
  }

  async stop(): Promise<void> {
    await this.probe?.stop();
    await this.publisher.stop();
    await this.service?.close();
    await this.standins?.stop();
  }

  /** Where the Notify stand-in posts delivery receipts ('' for nowhere), as `npm start` sets it. */
  async notifyCallback(url: string, token = 'local-notify-callback-token-change-me'): Promise<void> {
    const response = await fetch(`${this.standins.notify.baseUrl}/_standin/callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, bearer_token: token }),
    });
    if (!response.ok) throw new Error(`callback not set: ${response.status}`);
  }

  async smtpMessages(to: string): Promise<SmtpMessage[]> {
    const response = await fetch(`${this.standins.smtp.httpUrl}/messages?to=${encodeURIComponent(to)}`);
    return ((await response.json()) as { messages: SmtpMessage[] }).messages;
  }

  async smtpText(id: string): Promise<string> {
    return ((await (await fetch(`${this.standins.smtp.httpUrl}/messages/${id}`)).json()) as { text: string }).text;
  }

  /** Messages to `to` whose text contains `marker` (e.g. a conference id), once at least one is there. */
  async mailTo(to: string, marker: string, timeoutMs?: number): Promise<{ subject: string; text: string }[]> {
    return waitFor(async () => {
      const found: { subject: string; text: string }[] = [];
      for (const m of await this.smtpMessages(to)) {
        const text = await this.smtpText(m.id);
        if (text.includes(marker) || m.subject.includes(marker)) found.push({ subject: m.subject, text });
      }
      return found.length > 0 && found;
    }, timeoutMs);
  }

  async publish(topic: string, type: string, conferenceId: string, data: object, options: { id?: string; la?: string; v?: number } = {}) {
    const envelope = {
      ...createEnvelope('/cpc/test', options.v ?? 1, { type, conferenceId, localAuthority: options.la ?? TEST_LA, data }),
      ...(options.id ? { id: options.id } : {}),
    };
    await this.publisher.publish(topic, envelope);
    return envelope.id;
  }

  /** Schedules a conference and waits until this service knows it. */
  async schedule(participants: ParticipantSnapshot[], options: { la?: string; startInHours?: number } = {}): Promise<string> {
    const conferenceId = randomUUID();
    const la = options.la ?? TEST_LA;
    await this.publish(
      Topics.conference,
      'ConferenceScheduled',
      conferenceId,
      {
        conferenceId,
        kind: 'ICPC',
        localAuthority: la,
        scheduledStart: new Date(Date.now() + (options.startInHours ?? 72) * 3600_000).toISOString(),
        durationMinutes: 90,
        participationOption: 'FULL',
        children: [],
        warnings: [],
        participants,
      },
      { la },
    );
    await waitFor(
      async () =>
        (await queryService('notifications', 'SELECT 1 FROM known_conferences WHERE conference_id = $1', [conferenceId])).length > 0,
      90_000,
    );
    return conferenceId;
  }

  rows<T = Record<string, unknown>>(sql: string, values: unknown[]): Promise<T[]> {
    return queryService<T>('notifications', sql, values);
  }
}

/** A participant; `first` doubles as a unique marker in addresses. */
export function person(role: ParticipantSnapshot['role'], first: string, extra: Partial<ParticipantSnapshot> = {}): ParticipantSnapshot {
  return { participantId: randomUUID(), role, firstName: first, lastName: 'Test', ...extra };
}
