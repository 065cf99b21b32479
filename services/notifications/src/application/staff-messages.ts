import type { CirculationRecipient, DeadlineBreached, DeadlineReminderDue, RiskEscalated, Role } from '@cpc/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { circulationAlertsFor } from '../domain/circulation-alerts';
import { breachAlertsFor, escalationsFor, remindersFor, type ConferenceFacts, type PlannedMessage } from '../domain/message-plan';
import { routingFailureAlerts } from '../domain/operations-alerts';
import { routeRoles, type Routing } from '../domain/routing';
import { RoutingDirectoryStore } from '../infrastructure/routing-directory.store';
import { NotificationsConfig } from '../notifications.config';

/**
 * Reminders, breach alerts, escalations and circulation alerts to staff, routed by R-ROUTE: the
 * conference's participant in the role, else the local authority's directory entry, else an
 * operations alert naming the conference and the role (ROUTING_FAILURE_ALERT_EMAIL). Plans only;
 * the intake records what it returns in the event's transaction.
 */
@Injectable()
export class StaffMessages {
  constructor(private readonly config: NotificationsConfig) {}

  async reminders(manager: EntityManager, facts: ConferenceFacts, event: DeadlineReminderDue, eventId: string): Promise<PlannedMessage[]> {
    const routing = await this.route(manager, facts, event.remind);
    return [
      ...remindersFor(facts, event, eventId, routing.recipients),
      ...this.unrouted(facts, routing, 'DEADLINE_REMINDER_PROFESSIONAL_EMAIL', eventId, `reminder: ${event.description} (${event.kind})`),
    ];
  }

  async breachAlerts(manager: EntityManager, facts: ConferenceFacts, event: DeadlineBreached, eventId: string): Promise<PlannedMessage[]> {
    const routing = await this.route(manager, facts, event.alert);
    return [
      ...breachAlertsFor(facts, event, eventId, routing.recipients),
      ...this.unrouted(facts, routing, 'DEADLINE_BREACH_ALERT_EMAIL', eventId, `deadline missed: ${event.description} (${event.kind})`),
    ];
  }

  /** R-ESC / R-POST-2: increased risk reaches a team manager, or operations hear that it could not. */
  async escalations(manager: EntityManager, facts: ConferenceFacts, event: RiskEscalated, eventId: string): Promise<PlannedMessage[]> {
    const routing = await this.route(manager, facts, ['TEAM_MANAGER']);
    return [
      ...escalationsFor(facts, event, eventId, routing.recipients),
      ...this.unrouted(facts, routing, 'RISK_ESCALATION_EMAIL', eventId, 'increased risk recorded at the conference (R-ESC)'),
    ];
  }

  /** R-CONTACT / R-DEL-PAR: the chair hears of each recipient the plan is held from or failed to reach. */
  async circulationAlerts(
    manager: EntityManager,
    facts: ConferenceFacts,
    circulationId: string,
    results: readonly CirculationRecipient[],
  ): Promise<PlannedMessage[]> {
    const needing = results.filter((r) => r.status === 'FAILED' || (r.status === 'HELD' && r.reasonCode === 'HELD_CONTACT_UNCONFIRMED'));
    if (needing.length === 0) return [];
    const routing = await this.route(manager, facts, ['CHAIR']);
    return [
      ...circulationAlertsFor(facts, circulationId, needing, routing.recipients),
      ...needing.flatMap((r) =>
        this.unrouted(
          facts,
          routing,
          r.status === 'HELD' ? 'PLAN_HELD_CONTACT_UNCONFIRMED_EMAIL' : 'PLAN_DELIVERY_FAILED_EMAIL',
          `circulation:${circulationId}:${r.participantId}`,
          `plan ${r.status === 'HELD' ? 'held from' : 'not delivered to'} a ${r.recipientRole.toLowerCase()} (circulation ${circulationId})`,
        ),
      ),
    ];
  }

  private async route(manager: EntityManager, facts: ConferenceFacts, roles: readonly Role[]): Promise<Routing> {
    const directory = await RoutingDirectoryStore.forAuthority(manager, facts.localAuthority);
    return routeRoles(facts.participants, roles, directory);
  }

  private unrouted(facts: ConferenceFacts, routing: Routing, messageName: string, causeId: string, description: string): PlannedMessage[] {
    return routingFailureAlerts(facts, routing.unrouted, messageName, { id: causeId, description }, this.config.OPERATIONS_ALERT_EMAIL);
  }
}
