import { Roles, type ParticipantSnapshot, type Role } from '@cpc/contracts';
import fc from 'fast-check';
import { DirectoryRoles, initialsOf, routeRoles, type DirectoryEntry } from './routing';

const person = (role: Role, email?: string): ParticipantSnapshot => ({
  participantId: `${role}-${email ?? 'none'}`,
  role,
  firstName: 'Alex',
  lastName: 'Kim',
  ...(email ? { email } : {}),
});
const entry = (role: DirectoryEntry['role'], team = ''): DirectoryEntry => ({
  localAuthority: 'LBHF',
  role,
  team,
  email: `${role.toLowerCase()}${team ? `.${team}` : ''}@lbhf.example`,
  name: `Duty ${role}`,
});

describe('R-ROUTE: every alert and escalation reaches a person', () => {
  it('the conference participant in the role comes first; the directory only when none has an email', () => {
    const routing = routeRoles(
      [person('TEAM_MANAGER', 'tm@c.example'), person('CHAIR')],
      ['TEAM_MANAGER', 'CHAIR'],
      [entry('TEAM_MANAGER'), entry('CHAIR')],
    );
    expect(routing.recipients.map((r) => [r.role, r.email, r.source])).toEqual([
      ['TEAM_MANAGER', 'tm@c.example', 'PARTICIPANT'],
      ['CHAIR', 'chair@lbhf.example', 'DIRECTORY'],
    ]);
    expect(routing.unrouted).toEqual([]);
  });

  it('the team entry wins over the authority-wide one; with neither the role is unrouted, never dropped', () => {
    const directory = [entry('TEAM_MANAGER'), entry('TEAM_MANAGER', 'north')];
    expect(routeRoles([], ['TEAM_MANAGER'], directory, 'north').recipients[0].email).toBe('team_manager.north@lbhf.example');
    expect(routeRoles([], ['TEAM_MANAGER'], directory, 'south').recipients[0].email).toBe('team_manager@lbhf.example');
    expect(routeRoles([], ['TEAM_MANAGER', 'SAFEGUARDING_SERVICE_MANAGER'], directory).unrouted).toEqual(['SAFEGUARDING_SERVICE_MANAGER']);
  });

  it('property: each staff role asked for is routed or reported unrouted, exactly one of the two; family roles are neither', () => {
    const role = fc.constantFrom(...Roles);
    fc.assert(
      fc.property(
        fc.array(fc.record({ role, email: fc.option(fc.emailAddress(), { nil: undefined }) }), { maxLength: 8 }),
        fc.uniqueArray(fc.constantFrom(...DirectoryRoles), { maxLength: 6 }),
        fc.array(role, { maxLength: 8 }),
        (people, listed, asked) => {
          const routing = routeRoles(
            people.map((p, i) => ({ ...person(p.role, p.email), participantId: `p${i}` })),
            asked,
            listed.map((r) => entry(r)),
          );
          for (const r of new Set(asked)) {
            const family = ['PARENT', 'CHILD', 'FAMILY_MEMBER', 'SYSTEM'].includes(r);
            const routed = routing.recipients.some((x) => x.role === r);
            const unrouted = routing.unrouted.includes(r);
            if (family) expect(routed || unrouted).toBe(false);
            else expect(Number(routed) + Number(unrouted)).toBe(1);
          }
          for (const recipient of routing.recipients) expect(recipient.email).toMatch(/@/);
        },
      ),
    );
  });

  it('names a family member by initials only', () => {
    expect(initialsOf({ firstName: 'łucja', lastName: 'Nowak' })).toBe('Ł. N.');
    expect(initialsOf(undefined)).toBe('unknown');
  });
});
