import { Roles, type Role } from '@cpc/contracts';
import fc from 'fast-check';
import {
  isSettled,
  mayRelease,
  NoRecipientsError,
  PARENT_RECIPIENT_ROLES,
  planRecipients,
  PROFESSIONAL_RECIPIENT_ROLES,
  recipientState,
  type CirculationParticipant,
  type MessageState,
  type MessageStatus,
} from './circulation';

const participant = fc.record<CirculationParticipant>(
  {
    participantId: fc.uuid(),
    role: fc.constantFrom(...Roles),
    email: fc.option(fc.constant('someone@example.org'), { nil: undefined }),
    mobile: fc.option(fc.constant('+447700900123'), { nil: undefined }),
    contactConfirmed: fc.option(fc.boolean(), { nil: undefined }),
  },
  { requiredKeys: ['participantId', 'role'] },
);

describe('planRecipients (R-DEL-PRO, R-DEL-PAR, R-DEL-PWD, R-CONTACT)', () => {
  it('R-CONTACT: a parent whose contact is not confirmed is never planned to be sent anything', () => {
    fc.assert(
      fc.property(fc.array(participant, { minLength: 1, maxLength: 8 }), fc.boolean(), (participants, adviseVictim) => {
        let plans;
        try {
          plans = planRecipients(participants, adviseVictim);
        } catch (error) {
          expect(error).toBeInstanceOf(NoRecipientsError);
          expect(
            participants.every((p) => !PROFESSIONAL_RECIPIENT_ROLES.includes(p.role) && !PARENT_RECIPIENT_ROLES.includes(p.role)),
          ).toBe(true);
          return;
        }
        for (const plan of plans) {
          const sendable = plan.initial === undefined;
          if (PARENT_RECIPIENT_ROLES.includes(plan.participant.role) && sendable) {
            expect(plan.participant.contactConfirmed).toBe(true);
            expect(plan.participant.email && plan.participant.mobile).toBeTruthy();
          }
        }
        // Every professional and parent is planned, exactly once; nobody else is.
        const planned = plans.map((p) => p.participant.participantId).sort();
        const expected = participants
          .filter((p) => PROFESSIONAL_RECIPIENT_ROLES.includes(p.role) || PARENT_RECIPIENT_ROLES.includes(p.role))
          .map((p) => p.participantId)
          .sort();
        expect(planned).toEqual(expected);
      }),
    );
  });

  it('R-DEL-PWD: a parent gets the copy by email and its password by SMS, the password never on the email', () => {
    const [plan] = planRecipients(
      [{ participantId: 'p1', role: 'PARENT', email: 'a@b.example', mobile: '+447700900123', contactConfirmed: true }],
      false,
    );
    expect(plan.initial).toBeUndefined();
    expect(plan.messages).toEqual([
      { channel: 'EMAIL', template: 'PARENT_DOCUMENT_EMAIL', copy: 'PARENT_COPY', carriesPassword: false },
      { channel: 'SMS', template: 'PARENT_DOCUMENT_PASSWORD_SMS', copy: 'PARENT_COPY', carriesPassword: true },
    ]);
  });

  it.each<[Partial<CirculationParticipant>, string]>([
    [{ email: undefined }, 'NO_EMAIL'],
    [{ mobile: undefined }, 'NO_MOBILE'],
    [{ contactConfirmed: false }, 'HELD_CONTACT_UNCONFIRMED'],
    [{ contactConfirmed: undefined }, 'HELD_CONTACT_UNCONFIRMED'],
  ])('a parent with %j is %s, not sent', (change, reasonCode) => {
    const base: CirculationParticipant = {
      participantId: 'p1',
      role: 'PARENT',
      email: 'a@b.example',
      mobile: '+447700900123',
      contactConfirmed: true,
    };
    const [plan] = planRecipients([{ ...base, ...change }], false);
    expect(plan.initial?.reasonCode).toBe(reasonCode);
  });

  it('R-RED-DV: the chair and SW are told to advise the victim only when content was withheld', () => {
    const staff: CirculationParticipant[] = (['CHAIR', 'SOCIAL_WORKER', 'PROFESSIONAL'] as Role[]).map((role, i) => ({
      participantId: `s${i}`,
      role,
      email: 'x@council.example',
    }));
    const advised = (adviseVictim: boolean) =>
      planRecipients(staff, adviseVictim)
        .filter((p) => p.messages.some((m) => m.template === 'ADVISE_VICTIM_NOTE_EMAIL'))
        .map((p) => p.participant.role);
    expect(advised(true)).toEqual(['CHAIR', 'SOCIAL_WORKER']);
    expect(advised(false)).toEqual([]);
  });
});

describe('recipientState (R-DEL-PWD: a document without its password is not a delivery)', () => {
  const statuses: MessageStatus[] = ['HELD', 'PENDING', 'SENT', 'DELIVERED', 'FAILED', 'STOOD_DOWN'];
  const message = fc.record<MessageState>({ status: fc.constantFrom(...statuses), awaitingReceipt: fc.boolean() });

  it('is SENT only when every message is settled and none failed or was held', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), (messages) => {
        const state = recipientState(messages);
        const allSettledOk = messages.every((m) => isSettled(m) && m.status !== 'FAILED' && m.status !== 'STOOD_DOWN');
        expect(state.status === 'SENT').toBe(allSettledOk && !messages.some((m) => m.status === 'HELD'));
        if (messages.some((m) => m.status === 'FAILED')) expect(state).toMatchObject({ status: 'FAILED', reasonCode: 'DELIVERY_FAILED' });
      }),
    );
  });

  it('a text sent through GOV.UK Notify is not settled until its receipt', () => {
    expect(
      recipientState([
        { status: 'SENT', awaitingReceipt: false },
        { status: 'SENT', awaitingReceipt: true },
      ]).status,
    ).toBe('PENDING');
    expect(
      recipientState([
        { status: 'SENT', awaitingReceipt: false },
        { status: 'DELIVERED', awaitingReceipt: true },
      ]).status,
    ).toBe('SENT');
    expect(
      recipientState([
        { status: 'SENT', awaitingReceipt: false },
        { status: 'FAILED', awaitingReceipt: true },
      ]).status,
    ).toBe('FAILED');
  });

  it('R-CONTACT: release needs the confirmation and both details', () => {
    expect(mayRelease({ participantId: 'p', role: 'PARENT', email: 'a@b.example', mobile: '+447700900123', contactConfirmed: true })).toBe(
      true,
    );
    expect(mayRelease({ participantId: 'p', role: 'PARENT', email: 'a@b.example', contactConfirmed: true })).toBe(false);
    expect(mayRelease({ participantId: 'p', role: 'PARENT', email: 'a@b.example', mobile: '+447700900123' })).toBe(false);
  });
});
