import type { Channel } from '@cpc/contracts';
import { AlertTemplates } from './alert-templates';

/**
 * Every message the notifications service sends, worded once. Placeholders are `{{key}}`; a
 * `{{#key}}...{{/key}}` section appears only when `key` is given. Family wording follows plain
 * English: short sentences, "you", and none of the professionals' shorthand (ICPC, IRO, SW, DV).
 */
export const MessageTemplateIds = [
  'INVITATION_FAMILY_EMAIL',
  'INVITATION_FAMILY_SMS',
  'INVITATION_PROFESSIONAL_EMAIL',
  'PREPARATION_REMINDER_FAMILY_SMS',
  'PREPARATION_REMINDER_STAFF_EMAIL',
  'DEADLINE_REMINDER_PROFESSIONAL_EMAIL',
  'DEADLINE_BREACH_ALERT_EMAIL',
  'RISK_ESCALATION_EMAIL',
  'PLAN_TO_PROFESSIONALS_EMAIL',
  'PARENT_DOCUMENT_EMAIL',
  'PARENT_DOCUMENT_PASSWORD_SMS',
  'ADVISE_VICTIM_NOTE_EMAIL',
  'DELIVERY_FAILURE_ALERT_EMAIL',
  'ROUTING_FAILURE_ALERT_EMAIL',
  'PLAN_HELD_CONTACT_UNCONFIRMED_EMAIL',
  'PLAN_DELIVERY_FAILED_EMAIL',
] as const;
export type MessageTemplateId = (typeof MessageTemplateIds)[number];

/** Who reads it decides the wording: families get plain language, staff get references and rule ids. */
export type Audience = 'FAMILY' | 'PROFESSIONAL' | 'STAFF' | 'OPERATIONS';

export interface MessageTemplate {
  readonly id: MessageTemplateId;
  readonly channel: Exclude<Channel, 'POST'>;
  readonly audience: Audience;
  /** The DOMAIN.md rules the message carries out. */
  readonly rules: readonly string[];
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** Present for emails, absent for texts. */
  readonly subject?: string;
  readonly body: string;
}

const FAMILY_HELP =
  'If you do not have enough data or phone credit, or you need help to install the app, call {{socialWorkerName}} on {{socialWorkerPhone}}. We can help. You can join by phone if video does not work for you.';

const templates: readonly MessageTemplate[] = [
  {
    id: 'INVITATION_FAMILY_EMAIL',
    channel: 'EMAIL',
    audience: 'FAMILY',
    // R-NOREC: every attendee is told not to record; R-PART: data, app and audio-only help;
    // R-ROOM: who is in the room is asked; R-PREP-7: the chair's meeting with parents beforehand.
    rules: ['R-NOREC', 'R-PART', 'R-ROOM', 'R-PREP-7'],
    required: ['recipientName', 'meetingDate', 'meetingTime', 'joinDetails', 'socialWorkerName', 'socialWorkerPhone'],
    optional: ['joinByPhone', 'chairMeetingTime', 'interpreterLanguage'],
    subject: 'Child protection meeting about your family on {{meetingDate}}',
    body: `Dear {{recipientName}},

You are invited to a child protection meeting about your family. The meeting is called a child protection conference. It will happen online.

Date: {{meetingDate}}
Time: {{meetingTime}}
How to join: {{joinDetails}}
{{#joinByPhone}}To join by phone only, with no video, call {{joinByPhone}}.{{/joinByPhone}}

{{#chairMeetingTime}}The person who leads the meeting is called the chair. The chair will talk with you before the meeting, at {{chairMeetingTime}}, to explain what will happen and answer your questions.{{/chairMeetingTime}}

{{#interpreterLanguage}}An interpreter who speaks {{interpreterLanguage}} will be at the meeting.{{/interpreterLanguage}}

Please do not record the meeting. We ask everyone who takes part not to record it.

Please find a quiet, private place for the meeting. We will ask you who is in the room with you.

${FAMILY_HELP}

If you have any questions, call {{socialWorkerName}}, your social worker, on {{socialWorkerPhone}}.`,
  },
  {
    id: 'INVITATION_FAMILY_SMS',
    channel: 'SMS',
    audience: 'FAMILY',
    rules: ['R-NOREC', 'R-PART'],
    required: ['meetingDate', 'meetingTime', 'joinDetails', 'socialWorkerName', 'socialWorkerPhone'],
    optional: [],
    body: 'You are invited to an online child protection meeting about your family on {{meetingDate}} at {{meetingTime}}. To join: {{joinDetails}} Please do not record the meeting. If you need data, phone credit or help to join, call {{socialWorkerName}} on {{socialWorkerPhone}}.',
  },
  {
    id: 'INVITATION_PROFESSIONAL_EMAIL',
    channel: 'EMAIL',
    audience: 'PROFESSIONAL',
    // R-PREP-8: confidential professionals-only slot; R-PREP-10: reports in good time, not on the day.
    rules: ['R-NOREC', 'R-KIND', 'R-PREP-8', 'R-PREP-10'],
    required: ['recipientName', 'conferenceKind', 'conferenceReference', 'meetingDate', 'meetingTime', 'joinDetails', 'reportsDueBy'],
    optional: ['confidentialSlotTime', 'chairName'],
    subject: '{{conferenceKind}} {{conferenceReference}}: {{meetingDate}} {{meetingTime}}',
    body: `Dear {{recipientName}},

You are invited to a virtual {{conferenceKind}} (reference {{conferenceReference}}).

Date: {{meetingDate}}
Time: {{meetingTime}}
Join: {{joinDetails}}
{{#chairName}}Chair: {{chairName}}{{/chairName}}

{{#confidentialSlotTime}}A confidential professionals-only discussion starts at {{confidentialSlotTime}}, before the family joins. All police information, open and confidential, is shared there, and the group agrees what may be said in the open forum.{{/confidentialSlotTime}}

Please send your report to the social worker, the chair and the other professionals by {{reportsDueBy}}, so that everyone can read it before the conference. Share your report with the family in advance, not on the day.

Nobody may record the conference. Please state who you are each time you speak.`,
  },
  {
    id: 'PREPARATION_REMINDER_FAMILY_SMS',
    channel: 'SMS',
    audience: 'FAMILY',
    // R-PREP-2, R-PREP-6, R-PREP-7: the family's preparation meetings before the conference.
    rules: ['R-PREP-2', 'R-PREP-6', 'R-PREP-7'],
    required: ['meetingWith', 'preparationDate', 'preparationTime', 'meetingDate', 'contactName', 'contactPhone'],
    optional: [],
    body: 'Reminder: {{meetingWith}} will talk with you on {{preparationDate}} at {{preparationTime}} to help you get ready for the child protection meeting on {{meetingDate}}. If this time does not work for you, call {{contactName}} on {{contactPhone}}.',
  },
  {
    id: 'PREPARATION_REMINDER_STAFF_EMAIL',
    channel: 'EMAIL',
    audience: 'STAFF',
    // R-PREP-1..11 and R-NOTDAY: reminders to the chair or social worker before a step falls due.
    rules: ['R-PREP-1', 'R-PREP-2', 'R-PREP-4', 'R-PREP-5', 'R-PREP-6', 'R-PREP-7', 'R-PREP-9', 'R-PREP-11', 'R-NOTDAY'],
    required: ['recipientName', 'stepName', 'ruleId', 'dueAt', 'conferenceReference', 'conferenceStart'],
    optional: ['recordLink'],
    subject: 'Due {{dueAt}}: {{stepName}} ({{conferenceReference}})',
    body: `Dear {{recipientName}},

This is a reminder that "{{stepName}}" ({{ruleId}}) for conference {{conferenceReference}} is due by {{dueAt}}. The conference starts {{conferenceStart}}.

Please record the step as done when it is complete.{{#recordLink}} Record: {{recordLink}}{{/recordLink}}`,
  },
  {
    id: 'DEADLINE_REMINDER_PROFESSIONAL_EMAIL',
    channel: 'EMAIL',
    audience: 'PROFESSIONAL',
    // R-PREP-3: police report 24 hours before start; R-PREP-10: reports before the day.
    rules: ['R-PREP-3', 'R-PREP-10', 'R-NOTDAY'],
    required: ['recipientName', 'whatIsDue', 'dueAt', 'conferenceReference', 'conferenceStart'],
    optional: ['submitLink'],
    subject: 'Reminder: {{whatIsDue}} due {{dueAt}} ({{conferenceReference}})',
    body: `Dear {{recipientName}},

This is a reminder that {{whatIsDue}} for conference {{conferenceReference}} is due by {{dueAt}}. The conference starts {{conferenceStart}}.

Reports sent late cannot be read in time and cannot be shared with the family before the day.{{#submitLink}}

Submit: {{submitLink}}{{/submitLink}}`,
  },
  {
    id: 'DEADLINE_BREACH_ALERT_EMAIL',
    channel: 'EMAIL',
    audience: 'STAFF',
    // DOMAIN.md "Timings the system enforces": a passed, unmet deadline alerts the chair and team manager.
    rules: ['R-TIME', 'R-PREP-3', 'R-PREP-6', 'R-PREP-7', 'R-NOTDAY', 'R-POST-3'],
    required: ['recipientName', 'stepName', 'ruleId', 'dueAt', 'responsible', 'conferenceReference', 'conferenceStart'],
    optional: ['recordLink'],
    subject: 'Missed: {{stepName}} ({{conferenceReference}})',
    body: `Dear {{recipientName}},

"{{stepName}}" ({{ruleId}}) for conference {{conferenceReference}} was due by {{dueAt}} and has not been recorded as done. Responsible: {{responsible}}. The conference starts {{conferenceStart}}.

Please decide with the chair whether the conference can go ahead as planned, or whether to consider contingency or postponement.{{#recordLink}}

Record: {{recordLink}}{{/recordLink}}`,
  },
  {
    id: 'RISK_ESCALATION_EMAIL',
    channel: 'EMAIL',
    audience: 'STAFF',
    // R-ESC / R-POST-2: increased risk is escalated to the team manager on conclusion. No case
    // detail in the email: the manager reads it in the case record.
    rules: ['R-ESC', 'R-POST-2', 'R-OUT'],
    required: ['teamManagerName', 'chairName', 'conferenceReference', 'conferenceDate', 'recordLink'],
    optional: [],
    subject: 'Increased risk: conference {{conferenceReference}}',
    body: `Dear {{teamManagerName}},

At conference {{conferenceReference}} on {{conferenceDate}}, the chair, {{chairName}}, recorded that the risk to the child or to adults in the family home has increased.

Please discuss the concerns with {{chairName}} and agree the response. The outcome is in the case record: {{recordLink}}`,
  },
  {
    id: 'PLAN_TO_PROFESSIONALS_EMAIL',
    channel: 'SECURE_EMAIL',
    audience: 'PROFESSIONAL',
    // R-DEL-PRO: professionals receive the plan by secure email; R-POST-3: within 5 working days.
    rules: ['R-DEL-PRO', 'R-POST-3', 'R-CLASS-2'],
    required: ['recipientName', 'conferenceReference', 'conferenceDate', 'documentVersion'],
    optional: ['clerkName'],
    subject: 'Child protection plan and outcome: conference {{conferenceReference}}',
    body: `Dear {{recipientName}},

Attached are the child protection plan, the decision analysis and the outcome of conference {{conferenceReference}} held on {{conferenceDate}} (version {{documentVersion}}).

This information is confidential. Do not forward it outside your agency, and keep it in line with your agency's information sharing policy.{{#clerkName}}

{{clerkName}}, conference clerk{{/clerkName}}`,
  },
  {
    id: 'PARENT_DOCUMENT_EMAIL',
    channel: 'SECURE_EMAIL',
    audience: 'FAMILY',
    // R-DEL-PAR: plan and minutes as a password-protected Word document with initials only;
    // R-DEL-PWD: the password comes by text and is never in this email; R-PREP-11: as agreed.
    rules: ['R-DEL-PAR', 'R-DEL-PWD', 'R-RED-INIT', 'R-PREP-11'],
    required: ['recipientName', 'meetingDate', 'mobileEnding', 'socialWorkerName', 'socialWorkerPhone'],
    optional: [],
    subject: 'The plan from the child protection meeting on {{meetingDate}}',
    body: `Dear {{recipientName}},

We have attached the plan and notes from the child protection meeting on {{meetingDate}}.

The document is locked with a password to keep it private. We will send you the password in a separate text message, to your mobile number ending {{mobileEnding}}. We never put the password in an email.

To keep people's details private, names and addresses in the document are shown as initials.

If you do not get the text, or you cannot open the document, call {{socialWorkerName}}, your social worker, on {{socialWorkerPhone}}.`,
  },
  {
    id: 'PARENT_DOCUMENT_PASSWORD_SMS',
    channel: 'SMS',
    audience: 'FAMILY',
    // R-DEL-PWD: the password travels alone, by text, never with the document or its email.
    rules: ['R-DEL-PWD'],
    required: ['password', 'meetingDate'],
    optional: [],
    body: 'This is the password for the document we emailed you about the meeting on {{meetingDate}}:\n\n{{password}}\n\nPlease do not share it.',
  },
  {
    id: 'ADVISE_VICTIM_NOTE_EMAIL',
    channel: 'EMAIL',
    audience: 'STAFF',
    // R-RED-DV: sensitive content redacted for both parents; the SW and chair advise the victim.
    rules: ['R-RED-DV', 'R-DV'],
    required: ['recipientName', 'conferenceReference', 'conferenceDate'],
    optional: ['recordLink'],
    subject: "Advise the victim: redacted parents' copy, conference {{conferenceReference}}",
    body: `Dear {{recipientName}},

The chair marked conference {{conferenceReference}} ({{conferenceDate}}) as sensitive. Sensitive information has been removed from the plan and minutes sent to both parents, so that the risk to a victim who may live with the person who harms them does not increase.

Please, as the social worker and the chair, tell the victim about this in a safe way and at a safe time, and record that you have done so.{{#recordLink}}

Record: {{recordLink}}{{/recordLink}}`,
  },
  ...AlertTemplates,
];

export const MessageTemplates: ReadonlyMap<MessageTemplateId, MessageTemplate> = new Map(templates.map((t) => [t.id, t]));
