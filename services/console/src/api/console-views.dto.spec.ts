import { maskEmail, maskMobile, Roles, TimescaleWarnings, type Role } from '@cpc/contracts';
import { ForbiddenProblem, TokenVerifier } from '@cpc/http';
import { describeOpenApi } from '@cpc/runtime';
import type { ExecutionContext } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ConferencePageQuery } from '../application/conference-page';
import type { ConsoleUser } from '../application/console-user';
import { DeliveriesQuery } from '../application/deliveries';
import { PerformanceQuery } from '../application/performance';
import { TodayQuery } from '../application/today';
import { ConsoleConfig } from '../console.config';
import { consoleService } from '../console.definition';
import type { PerformanceFacts } from '../domain/performance';
import type { CirculationView, ConferenceView, DeadlineView, NotificationView, ParticipantView, TimelineEntry } from '../domain/read-model';
import type { RecipientRow } from '../infrastructure/delivery-view.store';
import { ConsoleApiController } from './console-api.controller';
import { ConsoleUserGuard } from './console-user.guard';
import { PerformanceController } from './performance.controller';

// The published schemas of GET /api/v1/today, /conferences/{id}, /deliveries and /performance are what
// the queries answer: each view is built by its real query over stores that return one row per list,
// JSON-serialised as the API sends it, and validated against the generated component schema.

const LA = 'LBHF';
const now = new Date('2026-03-02T09:00:00Z');
const at = (hoursFromNow: number) => new Date(now.getTime() + hoursFromNow * 3_600_000);
const CONFERENCE_ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const CIRCULATION_ID = '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d';
const PARTICIPANT_ID = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const clerk: ConsoleUser = { sub: 'clerk-sub', name: 'Clara Clerk', roles: ['CLERK'], localAuthority: LA };
const chair: ConsoleUser = { sub: 'chair-sub', name: 'Chris Chair', roles: ['CHAIR'], localAuthority: LA };
const manager: ConsoleUser = { sub: 'manager-sub', name: 'Mo Manager', roles: ['TEAM_MANAGER'], localAuthority: LA };

const conference: ConferenceView = {
  id: CONFERENCE_ID,
  localAuthority: LA,
  kind: 'ICPC',
  status: 'SCHEDULED',
  participationOption: 'FULL',
  team: 'North',
  chairName: 'Chris Chair',
  scheduledStart: at(72),
  durationMinutes: 90,
  children: ['Amy Stone'],
  warnings: [TimescaleWarnings.icpcLate],
  strategyDiscussionAt: at(-24 * 30),
  updatedAt: at(-48),
};

const deadline = (id: string, dueInHours: number, settled: Partial<DeadlineView> = {}): DeadlineView => ({
  id,
  conferenceId: CONFERENCE_ID,
  localAuthority: LA,
  rule: 'R-PREP-3',
  description: 'The social worker shares the report with the family',
  responsible: ['SOCIAL_WORKER', 'CHAIR'],
  dueAt: at(dueInHours),
  status: 'PENDING',
  version: 1,
  metAt: null,
  breachedAt: null,
  stoodDownReason: null,
  ...settled,
});
const breached = deadline('0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a', -5, { status: 'BREACHED', breachedAt: at(-5), version: 2 });
const dueSoon = deadline('1e2f3a4b-5c6d-4e7f-8a9b-9c0d1e2f3a4b', 3);
const dueThisWeek = deadline('2f3a4b5c-6d7e-4f8a-9b0c-0d1e2f3a4b5c', 60);
const met = deadline('3a4b5c6d-7e8f-4a9b-8c1d-1e2f3a4b5c6d', -30, { status: 'MET', metAt: at(-40) });

const participant: ParticipantView = {
  participantId: PARTICIPANT_ID,
  conferenceId: CONFERENCE_ID,
  localAuthority: LA,
  role: 'PARENT',
  name: 'Pat Parent',
  agency: null,
  emailMasked: maskEmail('pat.parent@example.org'),
  mobileMasked: maskMobile('07700 900123'),
  preferredChannel: 'SMS',
  contactConfirmed: false,
  language: 'pl',
  needsInterpreter: true,
  supportNeeds: ['DATA_TOP_UP'],
  userId: null,
};

const timelineEntry: TimelineEntry = {
  eventId: '4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e',
  conferenceId: CONFERENCE_ID,
  localAuthority: LA,
  occurredAt: at(-48),
  source: '/cpc/conference',
  type: 'ConferenceScheduled',
  category: 'conference',
  title: 'Conference scheduled',
  detail: 'ICPC, full conference',
};

const circulation: CirculationView = {
  id: CIRCULATION_ID,
  conferenceId: CONFERENCE_ID,
  localAuthority: LA,
  planId: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
  planVersion: 1,
  circulatedAt: at(-24),
  complete: false,
  updatedAt: at(-20),
};

const recipient: RecipientRow = {
  circulationId: CIRCULATION_ID,
  participantId: PARTICIPANT_ID,
  conferenceId: CONFERENCE_ID,
  localAuthority: LA,
  role: 'PARENT',
  status: 'FAILED',
  reasonCode: 'PERMANENT_FAILURE',
  reason: 'The number is not in use',
  deliveryIds: ['7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b'],
  updatedAt: at(-20),
  participantName: 'Pat Parent',
};

const failedMessage: NotificationView = {
  id: '8f9a0b1c-2d3e-4f4a-8b5c-6d7e8f9a0b1c',
  conferenceId: CONFERENCE_ID,
  localAuthority: LA,
  deliveryId: '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b',
  template: 'plan-circulated',
  channel: 'SMS',
  recipientMasked: maskMobile('07700 900123'),
  status: 'FAILED',
  failure: 'PERMANENT',
  reason: 'The number is not in use',
  attempts: 1,
  at: at(-20),
};

const facts: PerformanceFacts = {
  held: [
    { kind: 'ICPC', heldAt: new Date('2026-01-20T10:00:00Z'), strategyDiscussionAt: new Date('2026-01-05T10:00:00Z'), warnings: [] },
    { kind: 'ICPC', heldAt: new Date('2026-01-21T10:00:00Z'), strategyDiscussionAt: null, warnings: [] },
    { kind: 'RCPC', heldAt: new Date('2026-02-10T10:00:00Z'), strategyDiscussionAt: null, warnings: [TimescaleWarnings.reviewLate] },
  ],
  circulationDeadlines: [
    { rule: 'R-POST-3', status: 'MET', dueAt: new Date('2026-02-01T17:00:00Z'), metAt: new Date('2026-01-30T12:00:00Z'), breachedAt: null },
  ],
  breaches: [{ rule: 'R-PREP-3', breachedAt: new Date('2026-02-03T17:00:00Z') }],
  failedDeliveries: [{ channel: 'SMS', at: new Date('2026-02-04T09:00:00Z') }],
};

/** The stores as the queries call them, answering one row per list. */
const deadlineStore = {
  todayCounts: async () => ({ breached: 1, next24h: 1, thisWeek: 1 }),
  todayList: async (_la: string, _filters: unknown, _bounds: unknown, list: string) =>
    ({
      breached: [{ deadline: breached, conference }],
      next24h: [{ deadline: dueSoon, conference: null }],
      thisWeek: [{ deadline: dueThisWeek, conference }],
    })[list],
  forConference: async () => [met, breached],
};
const conferenceStore = {
  filterChoices: async () => ({ teams: ['North'], chairs: ['Chris Chair'] }),
  conference: async () => conference,
  participants: async () => [participant],
  timeline: async () => [timelineEntry],
};
const deliveryStore = {
  circulations: async () => [circulation],
  recipients: async () => [recipient],
  unsettledRecipients: async () => [recipient],
  failedNotifications: async () => [failedMessage],
};
const performanceStore = { facts: async () => facts };

const queries = {
  today: new TodayQuery(deadlineStore as never, conferenceStore as never),
  conferencePage: new ConferencePageQuery(conferenceStore as never, deadlineStore as never, deliveryStore as never),
  deliveries: new DeliveriesQuery(deliveryStore as never),
  performance: new PerformanceQuery(performanceStore as never, conferenceStore as never),
};
const api = new ConsoleApiController(queries.today, queries.conferencePage, queries.deliveries, new ConsoleConfig());
const performance = new PerformanceController(queries.performance, undefined as never);

let document: OpenAPIObject;
beforeAll(async () => {
  document = await describeOpenApi(consoleService(new ConsoleConfig()));
}, 30_000);

function errorsOf(schema: string, view: unknown): unknown[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi');
  const validate = ajv.compile({ $ref: `openapi#/components/schemas/${schema}` });
  return validate(JSON.parse(JSON.stringify(view))) ? [] : (validate.errors ?? []);
}

describe("the published schemas of the console's JSON API", () => {
  it('accept what GET /api/v1/today answers: counts, one item per list (one without its conference yet), filters, choices', async () => {
    const view = await queries.today.run(chair, { team: 'North', kind: 'ICPC' }, now, 50);
    expect(view.lists.breached).toHaveLength(1);
    expect(view.lists.next24h[0].conference).toBeNull();
    expect(view.lists.thisWeek).toHaveLength(1);
    expect(view.filters.chairUserId).toBe('chair-sub');
    expect(errorsOf('TodayView', view)).toEqual([]);
  });

  it('accept what GET /api/v1/conferences/{id} answers: the conference, a participant, deadlines, the timeline, a circulation', async () => {
    const view = await queries.conferencePage.run(clerk, CONFERENCE_ID, now);
    expect(view?.circulations[0].recipients).toEqual([recipient]);
    expect(errorsOf('ConferencePageView', view)).toEqual([]);
  });

  it('accept what GET /api/v1/deliveries answers: a recipient to act on, a failed message, a circulation', async () => {
    const view = await queries.deliveries.run(clerk, 100);
    expect(view.failedMessages).toEqual([failedMessage]);
    expect(errorsOf('DeliveriesView', view)).toEqual([]);
  });

  it('accept what GET /api/v1/performance answers: the period, the figures and the three tables', async () => {
    const view = await queries.performance.run(manager, { from: '2026-01-01', to: '2026-03-31', team: 'North' }, now);
    expect(view.tables.map((t) => t.name)).toEqual(['timeliness', 'breaches', 'failed-deliveries']);
    expect(view.figures.breachesPerRulePerWeek.total).toBe(1);
    expect(errorsOf('PerformanceView', view)).toEqual([]);
  });

  it('refuse a view that is not one: a date that is not an instant, a null where none may be', async () => {
    const view = JSON.parse(JSON.stringify(await queries.deliveries.run(clerk, 100)));
    view.circulations[0].circulatedAt = 'yesterday';
    view.unsettled[0].deliveryIds = null;
    const paths = (errorsOf('DeliveriesView', view) as { instancePath: string }[]).map((e) => e.instancePath);
    expect([...new Set(paths)]).toEqual(['/unsettled/0/deliveryIds', '/circulations/0/circulatedAt']);
  });
});

/** Whether a user with this one role gets an answer from the route: past ConsoleUserGuard, then the route's own check. */
async function letsThrough(role: Role, route: (user: ConsoleUser) => Promise<unknown>): Promise<boolean> {
  const user: ConsoleUser = { ...clerk, roles: [role] };
  const guard = new ConsoleUserGuard({ userOf: async () => user }, new TokenVerifier({}), false);
  const context = { switchToHttp: () => ({ getRequest: () => ({ headers: {} }) }) } as unknown as ExecutionContext;
  try {
    await guard.canActivate(context);
    await route(user);
    return true;
  } catch (error) {
    if (error instanceof ForbiddenProblem) return false;
    throw error;
  }
}

describe("the console's x-roles", () => {
  it.each([
    ['/api/v1/today', (user: ConsoleUser) => api.todayView(user, {})],
    ['/api/v1/conferences/{id}', (user: ConsoleUser) => api.conference(user, { id: CONFERENCE_ID })],
    ['/api/v1/deliveries', (user: ConsoleUser) => api.deliveriesView(user)],
    ['/api/v1/performance', (user: ConsoleUser) => performance.json(user, {})],
  ])('of GET %s are the roles the guard and the route let through', async (path, route) => {
    const allowed: Role[] = [];
    for (const role of Roles) if (await letsThrough(role, route)) allowed.push(role);
    expect(document.paths[path].get?.['x-roles']).toEqual(allowed);
  });
});
