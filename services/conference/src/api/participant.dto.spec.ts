import { ParticipantRoles, Roles } from '@cpc/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ParticipantDto } from './participant.dto';

// A review found PLATFORM_OPERATOR (and SYSTEM) accepted as a participant's role: callers' roles, not people at a conference.
describe('a participant role', () => {
  const errorsOf = (role: string) =>
    validateSync(plainToInstance(ParticipantDto, { role, firstName: 'Ada', lastName: 'Lovelace' })).map((error) => error.property);

  it.each(Roles.filter((role) => !ParticipantRoles.includes(role as never)))(
    '%s, a caller-only role, is refused on the role field',
    (role) => {
      expect(errorsOf(role)).toEqual(['role']);
    },
  );

  it.each([...ParticipantRoles])('%s is accepted', (role) => {
    expect(errorsOf(role)).toEqual([]);
  });

  it('leaves exactly SYSTEM and PLATFORM_OPERATOR out', () => {
    expect(Roles.filter((role) => !ParticipantRoles.includes(role as never))).toEqual(['SYSTEM', 'PLATFORM_OPERATOR']);
  });
});
