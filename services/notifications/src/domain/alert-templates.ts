import type { MessageTemplate } from './message-templates';

/**
 * Messages to operations and to the chair when something did not reach its person: a failed
 * delivery, an alert nobody could be routed to (R-ROUTE), a parent's plan held or failed
 * (R-CONTACT, R-DEL-PWD). Staff wording: references and rule ids; a family member only by role and
 * initials, never a name or a contact detail.
 */
export const AlertTemplates: readonly MessageTemplate[] = [
  {
    id: 'DELIVERY_FAILURE_ALERT_EMAIL',
    channel: 'EMAIL',
    audience: 'OPERATIONS',
    // DOMAIN.md "Documents and delivery": everything sent is recorded; a failed delivery needs a person.
    rules: ['R-DEL-PRO', 'R-DEL-PAR', 'R-DEL-PWD'],
    required: ['conferenceReference', 'templateName', 'channel', 'recipientMasked', 'reason', 'attempts', 'failedAt'],
    optional: ['providerReference', 'failureKind'],
    subject: 'Delivery failed: {{templateName}} ({{conferenceReference}})',
    body: `A message could not be delivered and will not be sent again automatically.

Conference: {{conferenceReference}}
Message: {{templateName}}
Channel: {{channel}}
Recipient: {{recipientMasked}}
Reason: {{reason}}
{{#failureKind}}Failure: {{failureKind}}{{/failureKind}}
Attempts: {{attempts}}
Failed at: {{failedAt}}
{{#providerReference}}Provider reference: {{providerReference}}{{/providerReference}}

Check the contact details with the social worker, correct them in the case record and send again.`,
  },
  {
    id: 'ROUTING_FAILURE_ALERT_EMAIL',
    channel: 'EMAIL',
    audience: 'OPERATIONS',
    // R-ROUTE: an alert that cannot be routed is itself an operations alert.
    rules: ['R-ROUTE', 'R-ESC', 'R-POST-2'],
    required: ['conferenceReference', 'conferenceId', 'localAuthority', 'role', 'messageName', 'cause'],
    optional: [],
    subject: 'Not routed: {{messageName}} for {{role}} ({{conferenceReference}})',
    body: `A message could not be sent to anyone: conference {{conferenceReference}} has no {{role}} with an email address, and the routing directory of {{localAuthority}} has no {{role}} entry.

Conference: {{conferenceReference}} ({{conferenceId}})
Message: {{messageName}}
Because of: {{cause}}

Tell the person who holds this role now, then add the role's mailbox to the routing directory (PUT /api/v1/routing-directory/{{role}}) so the next one reaches them.`,
  },
  {
    id: 'PLAN_HELD_CONTACT_UNCONFIRMED_EMAIL',
    channel: 'EMAIL',
    audience: 'STAFF',
    // R-CONTACT: delivery to a family member needs their contact details confirmed by the chair.
    rules: ['R-CONTACT', 'R-POST-3', 'R-DEL-PAR'],
    required: ['recipientName', 'conferenceReference', 'participantRole', 'participantInitials'],
    optional: ['recordLink'],
    subject: 'Plan not sent: confirm contact details for {{participantRole}} {{participantInitials}} ({{conferenceReference}})',
    body: `Dear {{recipientName}},

The plan of conference {{conferenceReference}} has not been sent to {{participantRole}} {{participantInitials}}, because their email and mobile number have not been confirmed with them.

Please confirm the contact details with them and record that in the case record. The plan is sent to them as soon as you do, and the 5 working day deadline for circulation (R-POST-3) keeps running until then.{{#recordLink}}

Record: {{recordLink}}{{/recordLink}}`,
  },
  {
    id: 'PLAN_DELIVERY_FAILED_EMAIL',
    channel: 'EMAIL',
    audience: 'STAFF',
    // R-DEL-PAR / R-DEL-PWD: a parent's document without its password text is not a delivery.
    rules: ['R-DEL-PRO', 'R-DEL-PAR', 'R-DEL-PWD', 'R-POST-3'],
    required: ['recipientName', 'conferenceReference', 'participantRole', 'participantInitials', 'reason'],
    optional: ['recordLink'],
    subject: 'Plan not delivered to {{participantRole}} {{participantInitials}} ({{conferenceReference}})',
    body: `Dear {{recipientName}},

The plan of conference {{conferenceReference}} could not be delivered to {{participantRole}} {{participantInitials}}: {{reason}}.

Please check their contact details with the social worker and arrange another way to get the plan to them. Operations have been told.{{#recordLink}}

Record: {{recordLink}}{{/recordLink}}`,
  },
];
