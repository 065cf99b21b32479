import { ConferenceStatuses, type ConferenceStatus } from '@cpc/contracts';
import { allowedActions, IllegalTransition, LifecycleActions, transition, type LifecycleAction } from './conference-lifecycle';

// R-LIFE: every legal move, and every other (status, action) pair refused naming the current status.
const LEGAL: [ConferenceStatus, LifecycleAction, ConferenceStatus][] = [
  ['SCHEDULED', 'start', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'pause', 'PAUSED'],
  ['PAUSED', 'resume', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'conclude', 'CONCLUDED'],
  ['PAUSED', 'conclude', 'CONCLUDED'],
  ['CONCLUDED', 'circulate', 'CIRCULATED'],
  ['CONTINGENCY', 'circulate', 'CIRCULATED'],
  ['CIRCULATED', 'close', 'CLOSED'],
  ['SCHEDULED', 'postpone', 'POSTPONED'],
  ['POSTPONED', 'reschedule', 'SCHEDULED'],
  ['SCHEDULED', 'reschedule', 'SCHEDULED'],
  ['SCHEDULED', 'invokeContingency', 'CONTINGENCY'],
  ['SCHEDULED', 'cancel', 'CANCELLED'],
  ['POSTPONED', 'cancel', 'CANCELLED'],
  ['CONTINGENCY', 'cancel', 'CANCELLED'],
];

describe('conference lifecycle (R-LIFE)', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  const legal = new Set(LEGAL.map(([from, action]) => `${from}:${action}`));
  const illegal = ConferenceStatuses.flatMap((status) =>
    LifecycleActions.filter((action) => !legal.has(`${status}:${action}`)).map((action) => [status, action] as const),
  );

  it('has exactly the legal moves listed (no others)', () => {
    expect(illegal.length + LEGAL.length).toBe(ConferenceStatuses.length * LifecycleActions.length);
  });

  it.each(illegal)('refuses %s --%s--> naming the current status and the allowed actions', (from, action) => {
    let thrown: unknown;
    try {
      transition(from, action);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransition);
    const error = thrown as IllegalTransition;
    expect(error.current).toBe(from);
    expect(error.allowedActions).toEqual(allowedActions(from));
    expect(error.message).toContain(from);
  });

  it('CLOSED and CANCELLED are final', () => {
    expect(allowedActions('CLOSED')).toEqual([]);
    expect(allowedActions('CANCELLED')).toEqual([]);
  });
});
