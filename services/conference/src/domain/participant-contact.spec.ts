import type { ParticipantSnapshot } from '@cpc/contracts';
import fc from 'fast-check';
import { correctParticipant, missingForConfirmation } from './participant-contact';

const parent: ParticipantSnapshot = {
  participantId: '7b0c3d36-5f57-4c3e-9a37-3f4f1b0f1a11',
  role: 'PARENT',
  firstName: 'Jo',
  lastName: 'Stone',
  email: 'jo@example.org',
  mobile: '+447700900123',
  preferredChannel: 'SMS',
  invited: true,
  contactConfirmed: true,
};

describe('R-CONTACT: correcting a participant', () => {
  it('property: the confirmation is withdrawn exactly when the email or the mobile really changes', () => {
    const email = fc.option(fc.constantFrom('jo@example.org', 'jo.new@example.org'), { nil: undefined });
    const mobile = fc.option(fc.constantFrom('+447700900123', '+447700900999', null), { nil: undefined });
    const language = fc.option(fc.constantFrom('Polish', null), { nil: undefined });
    fc.assert(
      fc.property(email, mobile, language, (e, m, l) => {
        const { participant } = correctParticipant(parent, { email: e, mobile: m, language: l });
        const contactChanged = (e !== undefined && e !== parent.email) || (m !== undefined && m !== parent.mobile);
        return participant.contactConfirmed === !contactChanged;
      }),
    );
  });

  it('null clears; a preferred channel without its contact falls back to email, then SMS, then none', () => {
    expect(correctParticipant(parent, { mobile: null }).participant).toMatchObject({ preferredChannel: 'EMAIL' });
    expect(correctParticipant(parent, { mobile: null }).participant).not.toHaveProperty('mobile');
    const none = correctParticipant(parent, { mobile: null, email: null }).participant;
    expect(none).not.toHaveProperty('preferredChannel');
    expect(correctParticipant(parent, { firstName: 'Jo' }).changed).toEqual([]);
  });

  it('delivery to parents needs both confirmed: a parent needs email and mobile, anyone else one of them', () => {
    expect(missingForConfirmation(parent)).toEqual([]);
    expect(missingForConfirmation({ ...parent, email: undefined })).toEqual(['email']);
    expect(missingForConfirmation({ ...parent, role: 'FAMILY_MEMBER', email: undefined })).toEqual([]);
    expect(missingForConfirmation({ ...parent, role: 'CHILD', email: undefined, mobile: undefined })).toEqual(['email', 'mobile']);
  });
});
