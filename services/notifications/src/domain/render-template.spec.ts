import { MessageTemplateIds, MessageTemplates, type MessageTemplateId } from './message-templates';
import { PersonalisationError, renderTemplate, UnknownTemplateError, type Personalisation } from './render-template';

/** A full, realistic personalisation for every template (required and optional keys). */
const examples: Record<MessageTemplateId, Personalisation> = {
  INVITATION_FAMILY_EMAIL: {
    recipientName: 'Ms A',
    meetingDate: 'Tuesday 3 March 2026',
    meetingTime: '10am',
    joinDetails: 'https://meet.example.org/j/123',
    socialWorkerName: 'Sam Green',
    socialWorkerPhone: '020 7946 0000',
    joinByPhone: '020 7946 0999',
    chairMeetingTime: '9:30am',
    interpreterLanguage: 'Polish',
  },
  INVITATION_FAMILY_SMS: {
    meetingDate: 'Tue 3 March',
    meetingTime: '10am',
    joinDetails: 'https://meet.example.org/j/123',
    socialWorkerName: 'Sam Green',
    socialWorkerPhone: '020 7946 0000',
  },
  INVITATION_PROFESSIONAL_EMAIL: {
    recipientName: 'DC Patel',
    conferenceKind: 'initial child protection conference (ICPC)',
    conferenceReference: 'CPC-2026-0042',
    meetingDate: '3 March 2026',
    meetingTime: '10:00',
    joinDetails: 'https://meet.example.org/j/123',
    reportsDueBy: '23:59 on 1 March 2026',
    confidentialSlotTime: '09:15',
    chairName: 'Chris Reid',
  },
  PREPARATION_REMINDER_FAMILY_SMS: {
    meetingWith: 'Sam Green, your social worker,',
    preparationDate: 'Monday 2 March',
    preparationTime: '2pm',
    meetingDate: 'Tuesday 3 March',
    contactName: 'Sam Green',
    contactPhone: '020 7946 0000',
  },
  PREPARATION_REMINDER_STAFF_EMAIL: {
    recipientName: 'Chris Reid',
    stepName: 'Pre-meeting with parents',
    ruleId: 'R-PREP-7',
    dueAt: '09:30 on 3 March 2026',
    conferenceReference: 'CPC-2026-0042',
    conferenceStart: '10:00 on 3 March 2026',
    recordLink: 'https://cpc.example.org/conferences/42',
  },
  DEADLINE_REMINDER_PROFESSIONAL_EMAIL: {
    recipientName: 'DC Patel',
    whatIsDue: 'the police report to the social worker',
    dueAt: '10:00 on 2 March 2026',
    conferenceReference: 'CPC-2026-0042',
    conferenceStart: '10:00 on 3 March 2026',
    submitLink: 'https://cpc.example.org/reports/new',
  },
  DEADLINE_BREACH_ALERT_EMAIL: {
    recipientName: 'Chris Reid',
    stepName: 'Police report to the social worker',
    ruleId: 'R-PREP-3',
    dueAt: '10:00 on 2 March 2026',
    responsible: 'Police',
    conferenceReference: 'CPC-2026-0042',
    conferenceStart: '10:00 on 3 March 2026',
    recordLink: 'https://cpc.example.org/conferences/42',
  },
  RISK_ESCALATION_EMAIL: {
    teamManagerName: 'Pat Lee',
    chairName: 'Chris Reid',
    conferenceReference: 'CPC-2026-0042',
    conferenceDate: '3 March 2026',
    recordLink: 'https://cpc.example.org/conferences/42/outcome',
  },
  PLAN_TO_PROFESSIONALS_EMAIL: {
    recipientName: 'DC Patel',
    conferenceReference: 'CPC-2026-0042',
    conferenceDate: '3 March 2026',
    documentVersion: '2',
    clerkName: 'Jo Clerk',
  },
  PARENT_DOCUMENT_EMAIL: {
    recipientName: 'Ms A',
    meetingDate: '3 March 2026',
    mobileEnding: '123',
    socialWorkerName: 'Sam Green',
    socialWorkerPhone: '020 7946 0000',
  },
  PARENT_DOCUMENT_PASSWORD_SMS: { password: 'Kettle-Orbit-42', meetingDate: '3 March 2026' },
  ADVISE_VICTIM_NOTE_EMAIL: {
    recipientName: 'Sam Green',
    conferenceReference: 'CPC-2026-0042',
    conferenceDate: '3 March 2026',
    recordLink: 'https://cpc.example.org/conferences/42',
  },
  DELIVERY_FAILURE_ALERT_EMAIL: {
    conferenceReference: 'CPC-2026-0042',
    templateName: 'PARENT_DOCUMENT_PASSWORD_SMS',
    channel: 'SMS',
    recipientMasked: '+44*******999',
    reason: 'permanent-failure',
    attempts: '1',
    failedAt: '2026-03-05T10:00:00Z',
    providerReference: '740e5834-3a29-46b4-9a6f-16142fde533a',
    failureKind: 'PERMANENT',
  },
  ROUTING_FAILURE_ALERT_EMAIL: {
    conferenceReference: 'ICPC-0B7F9F3E',
    conferenceId: '0b7f9f3e-8a1c-4e5b-9d2a-3c4b5a6d7e8f',
    localAuthority: 'LBHF',
    role: 'TEAM_MANAGER',
    messageName: 'RISK_ESCALATION_EMAIL',
    cause: 'increased risk recorded at the conference (R-ESC)',
  },
  PLAN_HELD_CONTACT_UNCONFIRMED_EMAIL: {
    recipientName: 'Chris Chair',
    conferenceReference: 'ICPC-0B7F9F3E',
    participantRole: 'parent',
    participantInitials: 'D. T.',
    recordLink: 'https://cpc.example.org/conferences/42',
  },
  PLAN_DELIVERY_FAILED_EMAIL: {
    recipientName: 'Chris Chair',
    conferenceReference: 'ICPC-0B7F9F3E',
    participantRole: 'parent',
    participantInitials: 'D. T.',
    reason: 'the password text could not be delivered',
    recordLink: 'https://cpc.example.org/conferences/42',
  },
};

const requiredOnly = (id: MessageTemplateId): Personalisation =>
  Object.fromEntries(MessageTemplates.get(id)!.required.map((key) => [key, examples[id][key]]));

/** Shorthand professionals use that a parent should never have to decode. */
const JARGON = /\b(ICPC|RCPC|IRO|CPA|SW|TM|DV|CP|R-[A-Z]+(-\d+)?|safeguarding|multi-agency|strategy discussion)\b/i;

describe('message templates', () => {
  it.each(MessageTemplateIds)('%s renders with every key, with a subject exactly when it is an email', (id) => {
    const rendered = renderTemplate(id, examples[id]);
    expect(rendered.body.length).toBeGreaterThan(20);
    expect(rendered.body).not.toMatch(/\{\{|\}\}/);
    if (MessageTemplates.get(id)!.channel === 'SMS') expect(rendered.subject).toBeUndefined();
    else expect(rendered.subject).toMatch(/\S/);
    for (const value of Object.values(examples[id])) expect(`${rendered.subject ?? ''}\n${rendered.body}`).toContain(value);
  });

  it.each(MessageTemplateIds)('%s renders with its required keys alone, leaving no gaps', (id) => {
    const rendered = renderTemplate(id, requiredOnly(id));
    expect(rendered.body).not.toMatch(/\{\{|\}\}|\n{3,}|[ \t]\n/);
  });

  it.each(MessageTemplateIds)('%s declares exactly the placeholders its text uses', (id) => {
    const template = MessageTemplates.get(id)!;
    const used = new Set([...`${template.subject ?? ''} ${template.body}`.matchAll(/\{\{[#/]?(\w+)\}\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...template.required, ...template.optional].sort());
  });

  it.each(MessageTemplateIds)('%s refuses to render when a required key is missing', (id) => {
    const [first] = MessageTemplates.get(id)!.required;
    const { [first]: _left, ...rest } = examples[id];
    expect(() => renderTemplate(id, rest)).toThrow(PersonalisationError);
    expect(() => renderTemplate(id, { ...rest, [first]: '  ' })).toThrow(new RegExp(`missing ${first}`));
  });

  it('refuses a key the template does not declare', () => {
    expect(() => renderTemplate('INVITATION_FAMILY_SMS', { ...examples.INVITATION_FAMILY_SMS, childName: 'A' })).toThrow(
      /not allowed childName/,
    );
  });

  it('refuses an unknown template', () => {
    expect(() => renderTemplate('NO_SUCH' as MessageTemplateId, {})).toThrow(UnknownTemplateError);
  });

  it('does not expand placeholders that arrive inside values', () => {
    const rendered = renderTemplate('INVITATION_FAMILY_SMS', { ...examples.INVITATION_FAMILY_SMS, joinDetails: '{{socialWorkerPhone}}' });
    expect(rendered.body).toContain('To join: {{socialWorkerPhone}}');
  });

  it('refuses an operations alert whose recipient is not masked', () => {
    expect(() =>
      renderTemplate('DELIVERY_FAILURE_ALERT_EMAIL', { ...examples.DELIVERY_FAILURE_ALERT_EMAIL, recipientMasked: '+447700900999' }),
    ).toThrow(/must be masked recipientMasked/);
  });
});

describe("R-DEL-PAR / R-DEL-PWD: the parent's document email and the password text", () => {
  it('the document email has no place for a password, and refuses one', () => {
    const template = MessageTemplates.get('PARENT_DOCUMENT_EMAIL')!;
    expect([...template.required, ...template.optional].some((key) => /pass|secret|pin|code/i.test(key))).toBe(false);
    expect(() => renderTemplate('PARENT_DOCUMENT_EMAIL', { ...examples.PARENT_DOCUMENT_EMAIL, password: 'Kettle-Orbit-42' })).toThrow(
      /not allowed password/,
    );
  });

  it('the document email says the password comes by text, never by email', () => {
    const { body } = renderTemplate('PARENT_DOCUMENT_EMAIL', examples.PARENT_DOCUMENT_EMAIL);
    expect(body).toMatch(/password in a separate text message/);
    expect(body).toMatch(/never put the password in an email/);
    expect(body).not.toContain(examples.PARENT_DOCUMENT_PASSWORD_SMS.password);
  });

  it('the password text carries the password and nothing that identifies the family or the email', () => {
    const template = MessageTemplates.get('PARENT_DOCUMENT_PASSWORD_SMS')!;
    expect(template.channel).toBe('SMS');
    expect([...template.required, ...template.optional].sort()).toEqual(['meetingDate', 'password']);
    expect(renderTemplate('PARENT_DOCUMENT_PASSWORD_SMS', examples.PARENT_DOCUMENT_PASSWORD_SMS).body).toContain('Kettle-Orbit-42');
  });

  it('only the password text may carry a password', () => {
    const carriers = MessageTemplateIds.filter((id) => {
      const template = MessageTemplates.get(id)!;
      return [...template.required, ...template.optional].some((key) => /password/i.test(key));
    });
    expect(carriers).toEqual(['PARENT_DOCUMENT_PASSWORD_SMS']);
  });
});

describe('plain language for families', () => {
  const familyTemplates = MessageTemplateIds.filter((id) => MessageTemplates.get(id)!.audience === 'FAMILY');

  it.each(familyTemplates)('%s uses no professional shorthand', (id) => {
    const { subject, body } = renderTemplate(id, examples[id]);
    expect(`${subject ?? ''}\n${body}`).not.toMatch(JARGON);
  });

  it.each(familyTemplates.filter((id) => MessageTemplates.get(id)!.channel === 'SMS'))('%s fits in three text messages', (id) => {
    expect(renderTemplate(id, examples[id]).body.length).toBeLessThanOrEqual(3 * 153);
  });

  it('R-NOREC: every invitation tells the attendee not to record', () => {
    for (const id of ['INVITATION_FAMILY_EMAIL', 'INVITATION_FAMILY_SMS', 'INVITATION_PROFESSIONAL_EMAIL'] as const) {
      expect(renderTemplate(id, requiredOnly(id)).body).toMatch(/not (record|be recorded)|may record/i);
    }
  });

  it('R-PART: the family invitation offers help with data, the app and joining by phone', () => {
    const { body } = renderTemplate('INVITATION_FAMILY_EMAIL', requiredOnly('INVITATION_FAMILY_EMAIL'));
    expect(body).toMatch(/data or phone credit/);
    expect(body).toMatch(/install the app/);
    expect(body).toMatch(/join by phone/);
  });
});
