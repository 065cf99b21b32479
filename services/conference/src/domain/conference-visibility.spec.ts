import { Roles, type Role } from '@cpc/contracts';
import fc from 'fast-check';
import { audienceOf, withoutContactDeep } from './conference-visibility';

describe('who sees what of a conference (R-CONTACT, R-PART)', () => {
  it.each([
    [['CHAIR'], [], 'CONTACTS'],
    [['SOCIAL_WORKER'], [], 'CONTACTS'],
    [['CLERK', 'PROFESSIONAL'], [], 'CONTACTS'],
    [['TEAM_MANAGER'], [], 'RECORD'],
    [['LOCALITY_SERVICE_MANAGER', 'PROFESSIONAL'], [], 'RECORD'],
    [['PROFESSIONAL'], [], 'ACKNOWLEDGEMENT'],
    [['ADVOCATE'], [], 'ACKNOWLEDGEMENT'],
    [['SYSTEM'], ['conferences:write'], 'ACKNOWLEDGEMENT'],
    [['SYSTEM'], ['conferences:read'], 'RECORD'],
    [['SYSTEM'], ['conferences:read', 'conferences:contacts:read'], 'CONTACTS'],
    [['PROFESSIONAL'], ['conferences:read', 'conferences:contacts:read'], 'ACKNOWLEDGEMENT'], // scopes count for SYSTEM only
  ] as [Role[], string[], string][])('%j with scopes %j → %s', (roles, scopes, audience) => {
    expect(audienceOf({ roles, scopes })).toBe(audience);
  });

  it('property: adding a role never narrows what a caller sees', () => {
    const rank = { ACKNOWLEDGEMENT: 0, RECORD: 1, CONTACTS: 2 };
    fc.assert(
      fc.property(fc.subarray([...Roles], { minLength: 1 }), fc.constantFrom(...Roles), (roles, extra) => {
        return rank[audienceOf({ roles: [...roles, extra] })] >= rank[audienceOf({ roles })];
      }),
    );
  });

  it('withoutContactDeep removes email, mobile and addresses at any depth of event data', () => {
    const data = {
      conferenceId: 'c',
      participants: [{ firstName: 'Jo', email: 'jo@example.org', mobile: '+447700900123', addresses: ['x'] }],
    };
    expect(withoutContactDeep(data)).toEqual({ conferenceId: 'c', participants: [{ firstName: 'Jo' }] });
  });
});
