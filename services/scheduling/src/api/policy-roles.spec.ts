import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PolicyOverrideDto, ReminderRuleDto } from './policy.dto';

// Reminders and breach alerts go to people at a conference: a caller-only role there reaches nobody.
describe('roles in a policy override', () => {
  it.each(['SYSTEM', 'PLATFORM_OPERATOR'])('%s is refused as a reminder recipient and as a breach alert', (role) => {
    expect(validateSync(plainToInstance(ReminderRuleDto, { before: 'PT4H', remind: [role] })).map((e) => e.property)).toEqual(['remind']);
    expect(validateSync(plainToInstance(PolicyOverrideDto, { alert: ['CHAIR', role] })).map((e) => e.property)).toEqual(['alert']);
  });

  it('TEAM_MANAGER is accepted in both', () => {
    expect(validateSync(plainToInstance(ReminderRuleDto, { before: 'PT4H', remind: ['TEAM_MANAGER'] }))).toEqual([]);
    expect(validateSync(plainToInstance(PolicyOverrideDto, { alert: ['TEAM_MANAGER'] }))).toEqual([]);
  });
});
