import { bandOf, timingWords } from './deadline-bands';
import { durationWords, londonTime, whoMustAct } from './plain-words';

const now = new Date('2026-12-01T10:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * 3600_000);

describe('Today bands (issue 14: breached, due in the next 24 hours, due this week)', () => {
  it.each([
    [
      'a pending deadline past due is breached (its breach event is on its way)',
      { status: 'PENDING', dueAt: at(-1), breachedAt: null },
      'breached',
    ],
    ['a breach of yesterday is breached', { status: 'BREACHED', dueAt: at(-30), breachedAt: at(-29) }, 'breached'],
    ['a breach more than a week old is history', { status: 'BREACHED', dueAt: at(-200), breachedAt: at(-199) }, 'settled'],
    ['due in 23 hours is in the next 24 hours', { status: 'PENDING', dueAt: at(23), breachedAt: null }, 'next24h'],
    ['due in exactly 24 hours is this week', { status: 'PENDING', dueAt: at(24), breachedAt: null }, 'thisWeek'],
    ['due in 6 days is this week', { status: 'PENDING', dueAt: at(6 * 24), breachedAt: null }, 'thisWeek'],
    ['due in 8 days is later', { status: 'PENDING', dueAt: at(8 * 24), breachedAt: null }, 'later'],
    ['a met deadline is settled', { status: 'MET', dueAt: at(5), breachedAt: null }, 'settled'],
    ['a stood-down deadline is settled', { status: 'STOOD_DOWN', dueAt: at(5), breachedAt: null }, 'settled'],
  ] as const)('%s', (_name, deadline, band) => {
    expect(bandOf(deadline, now)).toBe(band);
  });

  it('says how late or early, in words', () => {
    expect(timingWords({ status: 'PENDING', dueAt: at(-3.5), metAt: null }, now)).toBe('3 hours 30 minutes late');
    expect(timingWords({ status: 'PENDING', dueAt: at(52), metAt: null }, now)).toBe('due in 2 days 4 hours');
    expect(timingWords({ status: 'MET', dueAt: at(5), metAt: now }, now)).toBe('met 5 hours early');
    expect(timingWords({ status: 'BREACHED', dueAt: at(-0.001), metAt: null }, now)).toBe('less than a minute late');
  });

  it('names who must act in words', () => {
    expect(whoMustAct(['SOCIAL_WORKER', 'CHAIR'])).toBe('Social worker and chair');
    expect(whoMustAct(['PROFESSIONAL'])).toBe('Professional');
    expect(whoMustAct([])).toBe('Not named');
  });

  it('writes durations to the two largest units', () => {
    expect(durationWords(61 * 60_000)).toBe('1 hour 1 minute');
    expect(durationWords(2 * 86_400_000 + 5 * 60_000)).toBe('2 days');
  });

  it('shows times in Europe/London, across the clock change (R-TIME)', () => {
    expect(londonTime(new Date('2026-07-01T09:00:00Z'))).toBe('Wed 1 Jul 2026, 10:00');
    expect(londonTime(new Date('2026-12-01T09:00:00Z'))).toBe('Tue 1 Dec 2026, 09:00');
  });
});
