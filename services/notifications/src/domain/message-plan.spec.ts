import { sealSecret, LOCAL_DELIVERY_PUBLIC_KEY, type DeliveryRequested, type ParticipantSnapshot } from '@cpc/contracts';
import { breachAlertsFor, deliveryFor, invitationsFor, remindersFor, type ConferenceFacts } from './message-plan';
import { renderTemplate } from './render-template';
import { routeRoles } from './routing';
import type { MessageTemplateId } from './message-templates';

const p = (role: ParticipantSnapshot['role'], extra: Partial<ParticipantSnapshot> = {}): ParticipantSnapshot => ({
  participantId: `${role}-${Math.random()}`,
  role,
  firstName: role.toLowerCase(),
  lastName: 'Test',
  ...extra,
});

const facts = (participants: ParticipantSnapshot[]): ConferenceFacts => ({
  conferenceId: '0b7f9f3e-8a1c-4e5b-9d2a-3c4b5a6d7e8f',
  localAuthority: 'LBHF',
  kind: 'ICPC',
  scheduledStart: new Date('2026-03-29T09:00:00Z'), // 10:00 BST, the day the clocks go forward
  participationOption: 'FULL',
  participants,
});

describe('what to send for each event (issue 6)', () => {
  it('R-PREP-11: invites a parent by the channel agreed with them, a professional by email; every message renders', () => {
    const bySms = p('PARENT', { mobile: '+447700900111', email: 'a@b.example', preferredChannel: 'SMS' });
    const byEmail = p('PARENT', { email: 'c@d.example' });
    const professional = p('PROFESSIONAL', { email: 'e@f.example' });
    const planned = invitationsFor(facts([bySms, byEmail, professional]), [bySms, byEmail, professional], 'event-1');
    expect(planned.map((m) => [m.template, m.channel, m.recipient])).toEqual([
      ['INVITATION_FAMILY_SMS', 'SMS', '+447700900111'],
      ['INVITATION_FAMILY_EMAIL', 'EMAIL', 'c@d.example'],
      ['INVITATION_PROFESSIONAL_EMAIL', 'EMAIL', 'e@f.example'],
    ]);
    for (const message of planned) expect(() => renderTemplate(message.template, message.personalisation)).not.toThrow();
    expect(planned[1].personalisation.meetingTime).toBe('10:00'); // Europe/London, not UTC
  });

  it('R-CONTACT: a family member whose contact is not confirmed is invited HELD; confirmed, the invitation is sent; staff are never held', () => {
    const unconfirmed = p('PARENT', { email: 'u@f.example' });
    const confirmed = p('FAMILY_MEMBER', { email: 'c@f.example', contactConfirmed: true });
    const professional = p('PROFESSIONAL', { email: 'pro@p.example' });
    const planned = invitationsFor(facts([]), [unconfirmed, confirmed, professional], 'event-h');
    expect(planned.map((m) => [m.participantId, m.hold])).toEqual([
      [unconfirmed.participantId, 'HELD_CONTACT_UNCONFIRMED'],
      [confirmed.participantId, undefined],
      [professional.participantId, undefined],
    ]);
  });

  it('R-CONTACT: a document for a known, unconfirmed parent is held; for a confirmed one it is not', () => {
    const parent = p('PARENT', { participantId: '7c3e9e10-4b5d-4f8c-a01b-2c3d4e5f6a71', email: 'p@f.example' });
    const request: DeliveryRequested = {
      conferenceId: facts([]).conferenceId,
      deliveryId: '5a1c7c9e-2f3b-4d6a-8e9f-0a1b2c3d4e5f',
      documentId: '6b2d8d0f-3a4c-4e7b-9f0a-1b2c3d4e5f60',
      template: 'PARENT_DOCUMENT_EMAIL',
      participantId: parent.participantId,
      recipientRole: 'PARENT',
      recipientName: 'P Test',
      email: 'p@f.example',
      mobile: '+447700900123',
      channel: 'SECURE_EMAIL',
    };
    const held = deliveryFor(facts([parent]), request);
    const sent = deliveryFor(facts([{ ...parent, contactConfirmed: true }]), request);
    if (typeof held === 'string' || typeof sent === 'string') throw new Error('not planned');
    expect(held.hold).toBe('HELD_CONTACT_UNCONFIRMED');
    expect(sent.hold).toBeUndefined();
  });

  it('R-CHILD: a child not invited gets no invitation; someone with no contact gets nothing', () => {
    const planned = invitationsFor(facts([]), [p('CHILD', { email: 'k@id.example', invited: false }), p('PARENT')], 'event-2');
    expect(planned).toEqual([]);
  });

  it('keys each message by cause, recipient and template, so a redelivered event plans the same keys', () => {
    const parent = p('PARENT', { email: 'x@y.example' });
    const first = invitationsFor(facts([parent]), [parent], 'event-3').map((m) => m.dedupeKey);
    expect(invitationsFor(facts([parent]), [parent], 'event-3').map((m) => m.dedupeKey)).toEqual(first);
    expect(invitationsFor(facts([parent]), [parent], 'event-4').map((m) => m.dedupeKey)).not.toEqual(first);
  });

  it('reminds and alerts only staff of the named roles who have an email, never the family', () => {
    const all = facts([
      p('CHAIR', { email: 'chair@c.example' }),
      p('TEAM_MANAGER', { email: 'tm@c.example' }),
      p('PARENT', { email: 'mum@f.example' }),
      p('CLERK'),
    ]);
    const base = {
      conferenceId: all.conferenceId,
      deadlineId: 'd',
      kind: 'R-PREP-3',
      description: 'Police report',
      dueAt: '2026-03-28T09:00:00Z',
      version: 1,
    };
    const alert = ['CHAIR', 'TEAM_MANAGER', 'PARENT'] as const;
    const alerts = breachAlertsFor(
      all,
      { ...base, status: 'BREACHED', breachedAt: '2026-03-28T09:00:01Z', alert: [...alert] },
      'e',
      routeRoles(all.participants, alert, []).recipients,
    );
    expect(alerts.map((m) => m.recipient)).toEqual(['chair@c.example', 'tm@c.example']);
    const remind = ['CLERK', 'CHAIR'] as const;
    const reminders = remindersFor(
      all,
      { ...base, status: 'PENDING', remind: [...remind] },
      'r',
      routeRoles(all.participants, remind, []).recipients,
    );
    expect(reminders.map((m) => m.recipient)).toEqual(['chair@c.example']);
    for (const message of [...alerts, ...reminders]) expect(() => renderTemplate(message.template, message.personalisation)).not.toThrow();
  });

  it('R-DEL-PWD: the password text carries the password only sealed, and needs a mobile number', () => {
    const sealed = sealSecret('S3cret-pass!', LOCAL_DELIVERY_PUBLIC_KEY);
    const request: DeliveryRequested = {
      conferenceId: facts([]).conferenceId,
      deliveryId: '5a1c7c9e-2f3b-4d6a-8e9f-0a1b2c3d4e5f',
      documentId: '6b2d8d0f-3a4c-4e7b-9f0a-1b2c3d4e5f60',
      template: 'PARENT_DOCUMENT_PASSWORD_SMS',
      recipientRole: 'PARENT',
      recipientName: 'Dana Test',
      mobile: '+447700900123',
      channel: 'SMS',
      passwordCiphertext: sealed,
    };
    const planned = deliveryFor(facts([]), request);
    if (typeof planned === 'string') throw new Error(planned);
    expect(planned.sealedSecret).toBe(sealed);
    expect(JSON.stringify(planned.personalisation)).not.toContain('S3cret');
    expect(planned.documentId).toBeUndefined(); // the text never carries the document
    expect(() => renderTemplate(planned.template as MessageTemplateId, { ...planned.personalisation, password: 'x' })).not.toThrow();
    expect(deliveryFor(facts([]), { ...request, mobile: undefined })).toMatch(/no mobile number/);
    expect(deliveryFor(facts([]), { ...request, passwordCiphertext: undefined })).toMatch(/no sealed password/);
    expect(deliveryFor(facts([]), { ...request, template: 'NOT_A_TEMPLATE' })).toMatch(/unknown template/);
  });
});
