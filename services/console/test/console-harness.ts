import { createEnvelope, EventCatalogue, Topics, type EventEnvelope, type EventType } from '@cpc/contracts';
import { startService, type RunningService } from '@cpc/runtime';
import { randomUUID } from 'node:crypto';
import { ContractEventPublisher, startGroupsAtEnd, testConfig } from '../../../test/support';
import { ConsoleConfig } from '../src/console.config';
import { consoleService } from '../src/console.definition';

/**
 * The console service on cpc_console_test with a consumer group of its own. A new group starts at the end
 * of every topic (the test reacts to its own events, not the machine's history) unless `rebuild` rewinds it.
 */
export async function startConsole(options: { groupId?: string; rebuild?: boolean } = {}): Promise<RunningService & { groupId: string }> {
  const groupId = options.groupId ?? `cpc-console-test-${randomUUID().slice(0, 8)}`;
  if (!options.groupId) await startGroupsAtEnd([groupId]);
  const service = await startService(consoleService(testConfig(ConsoleConfig, { KAFKA_GROUP_ID: groupId }), { rebuild: options.rebuild }));
  return { ...service, groupId };
}

/**
 * Publishes contract events as the outbox relay does: a CloudEvents envelope (createEnvelope, the
 * catalogue's schema version and topic) sent through the shared ContractEventPublisher (structured mode,
 * key = conference id) on the real broker.
 */
export class EventPublisher {
  private readonly publisher = new ContractEventPublisher('console-test-publisher');

  async start(): Promise<this> {
    await this.publisher.start();
    return this;
  }

  envelope<T>(type: EventType, conferenceId: string, localAuthority: string, data: T, time?: Date): EventEnvelope<T> {
    const source = `/cpc/${EventCatalogue[type].topic.split('.')[0]}`;
    return createEnvelope(source, EventCatalogue[type].schemaVersion, { type, conferenceId, localAuthority, data, time });
  }

  /** Sends envelopes in order (each conference's key keeps them in order on its partition). */
  async send(...envelopes: EventEnvelope<unknown>[]): Promise<void> {
    for (const envelope of envelopes) {
      await this.publisher.publish(EventCatalogue[envelope.type as EventType]?.topic ?? Topics.conference, envelope);
    }
  }

  async stop(): Promise<void> {
    await this.publisher.stop();
  }
}

/** A conference's worth of real contract events, from scheduling to a circulation with a held parent and a failed message. */
export function conferenceStory(
  publisher: EventPublisher,
  localAuthority: string,
  options: { chair?: string; chairUserId?: string; hoursAhead?: number; kind?: 'ICPC' | 'RCPC'; strategyDiscussionAt?: string } = {},
) {
  const conferenceId = randomUUID();
  const ids = { chair: randomUUID(), parent: randomUUID(), sw: randomUUID(), circulation: randomUUID(), plan: randomUUID() };
  const deadlines = { police: randomUUID(), preMeeting: randomUUID(), overdue: randomUUID() };
  const now = Date.now();
  const start = new Date(now + (options.hoursAhead ?? 30) * 3600_000);
  const iso = (ms: number) => new Date(ms).toISOString();
  const chairName = options.chair ?? 'Chris Chair';
  const [first, last] = chairName.split(' ');
  const e = <T>(type: EventType, data: T, offsetMs = 0) =>
    publisher.envelope(type, conferenceId, localAuthority, { conferenceId, ...data }, new Date(now + offsetMs));
  const deadline = (id: string, kind: string, description: string, dueAt: string, status: string, responsible: string[], version = 1) => ({
    deadlineId: id,
    kind,
    description,
    dueAt,
    version,
    status,
    conferenceStart: start.toISOString(),
    responsible,
  });
  const events = [
    e('ConferenceScheduled', {
      kind: options.kind ?? 'ICPC',
      localAuthority,
      scheduledStart: start.toISOString(),
      durationMinutes: 90,
      participationOption: 'FULL',
      children: [{ childId: randomUUID(), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
      ...(options.strategyDiscussionAt ? { strategyDiscussionAt: options.strategyDiscussionAt } : {}),
      warnings: [],
      participants: [
        {
          participantId: ids.chair,
          role: 'CHAIR',
          firstName: first,
          lastName: last,
          email: 'chris.chair@council.example',
          userId: options.chairUserId,
        },
        {
          participantId: ids.parent,
          role: 'PARENT',
          firstName: 'Pat',
          lastName: 'Stone',
          email: 'pat.stone@family-mail.example',
          mobile: '07700 900123',
          addresses: ['1 Secret Road, London W6 0AA'],
          contactConfirmed: false,
        },
      ],
    }),
    e(
      'ParticipantAdded',
      {
        participant: {
          participantId: ids.sw,
          role: 'SOCIAL_WORKER',
          firstName: 'Sam',
          lastName: 'Worker',
          email: 'sam.worker@council.example',
        },
      },
      1,
    ),
    e(
      'DeadlineScheduled',
      deadline(deadlines.police, 'R-PREP-3', 'Police report reaches the social worker', iso(start.getTime() - 24 * 3600_000), 'PENDING', [
        'PROFESSIONAL',
      ]),
      2,
    ),
    e(
      'DeadlineScheduled',
      deadline(deadlines.preMeeting, 'R-PREP-7', "Chair's pre-meeting with the parents", iso(start.getTime() - 30 * 60_000), 'PENDING', [
        'CHAIR',
      ]),
      3,
    ),
    e(
      'DeadlineScheduled',
      deadline(deadlines.overdue, 'R-PREP-1', 'Chair and social worker discuss the case', iso(now - 2 * 3600_000), 'PENDING', [
        'CHAIR',
        'SOCIAL_WORKER',
      ]),
      4,
    ),
    e(
      'DeadlineBreached',
      {
        ...deadline(deadlines.overdue, 'R-PREP-1', 'Chair and social worker discuss the case', iso(now - 2 * 3600_000), 'BREACHED', [
          'CHAIR',
          'SOCIAL_WORKER',
        ]),
        breachedAt: iso(now - 2 * 3600_000 + 1000),
        alert: ['CHAIR', 'TEAM_MANAGER'],
      },
      5,
    ),
    e('PreparationStepCompleted', { step: 'R-PREP-2', completedAt: iso(now), completedBy: 'user-sw' }, 6),
    e(
      'ReportShared',
      {
        reportId: randomUUID(),
        shareId: randomUUID(),
        reportKind: 'SOCIAL_WORK',
        reportVersion: 1,
        audience: 'FAMILY',
        recipients: [ids.parent],
        sectionsShared: 2,
        sharedAt: iso(now),
        sharedBy: 'user-sw',
        late: false,
      },
      7,
    ),
    e(
      'PlanCirculated',
      {
        circulationId: ids.circulation,
        planId: ids.plan,
        planVersion: 1,
        circulatedAt: iso(now + 8),
        complete: false,
        results: [
          { participantId: ids.sw, recipientRole: 'SOCIAL_WORKER', status: 'SENT', deliveryIds: [randomUUID()] },
          {
            participantId: ids.parent,
            recipientRole: 'PARENT',
            status: 'HELD',
            reasonCode: 'HELD_CONTACT_UNCONFIRMED',
            reason: 'contact not confirmed by the chair',
            deliveryIds: [],
          },
        ],
      },
      8,
    ),
    e(
      'NotificationFailed',
      {
        notificationId: randomUUID(),
        template: 'PLAN_DELIVERY',
        channel: 'EMAIL',
        recipientMasked: 's***@c***.example',
        attempts: 6,
        at: iso(now + 9),
        reason: 'mailbox unavailable',
        failure: 'PERMANENT',
      },
      9,
    ),
    // A type no catalogue knows (a newer producer): skipped, never a failure.
    { ...e('ConferenceStarted', { status: 'IN_PROGRESS', at: iso(now) }, 10), type: 'HearingRoomBooked' },
  ];
  return { conferenceId, ids, deadlines, events, start, chairName };
}
