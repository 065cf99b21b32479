import { HeldAgainReason, mustHoldAgain } from './contact-confirmation';
import { FamilyRoles, ParticipantRoles } from './vocabulary';

describe('R-CONTACT: what is unsent is held again when a family member’s confirmation is withdrawn', () => {
  it.each(FamilyRoles)('a %s whose contact is no longer confirmed is held again, whether false or unset', (role) => {
    expect(mustHoldAgain({ role, contactConfirmed: false })).toBe(true);
    expect(mustHoldAgain({ role, contactConfirmed: undefined })).toBe(true);
    expect(mustHoldAgain({ role, contactConfirmed: true })).toBe(false);
  });

  it.each(ParticipantRoles.filter((role) => !FamilyRoles.includes(role)))('a %s (not family) is never held for contact', (role) => {
    expect(mustHoldAgain({ role, contactConfirmed: false })).toBe(false);
  });

  it('names the rule’s cause in the reason both services record', () => {
    expect(HeldAgainReason).toMatch(/contact details changed/);
  });
});
