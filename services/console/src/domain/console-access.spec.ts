import { myConferencesFirst, seesDeliveries, showsMine } from './console-access';

describe('console access by role (issue 14 "Access")', () => {
  it('a clerk and every manager see Deliveries; a chair or a social worker alone does not', () => {
    expect(seesDeliveries(['CLERK'])).toBe(true);
    expect(seesDeliveries(['TEAM_MANAGER'])).toBe(true);
    expect(seesDeliveries(['SAFEGUARDING_SERVICE_MANAGER'])).toBe(true);
    expect(seesDeliveries(['LOCALITY_SERVICE_MANAGER'])).toBe(true);
    expect(seesDeliveries(['CHAIR'])).toBe(false);
    expect(seesDeliveries(['SOCIAL_WORKER'])).toBe(false);
    expect(seesDeliveries(['CHAIR', 'SOCIAL_WORKER'])).toBe(false);
  });

  it("a chair's Today starts with their own conferences; a chair who also manages sees everything first", () => {
    expect(myConferencesFirst(['CHAIR'])).toBe(true);
    expect(myConferencesFirst(['CHAIR', 'TEAM_MANAGER'])).toBe(false);
    expect(myConferencesFirst(['CLERK'])).toBe(false);
  });

  it("the form's choice wins over the role's default", () => {
    expect(showsMine(['CHAIR'], undefined)).toBe(true);
    expect(showsMine(['CHAIR'], 'all')).toBe(false);
    expect(showsMine(['CLERK'], 'yes')).toBe(true);
    expect(showsMine(['CLERK'], undefined)).toBe(false);
  });
});
