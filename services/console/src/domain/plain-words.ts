import type { Role } from '@cpc/contracts';

/** The roles in the words a council uses (DOMAIN.md "People and roles"). */
export const RoleWords: Record<Role, string> = {
  CHAIR: 'Chair',
  SOCIAL_WORKER: 'Social worker',
  CLERK: 'Clerk',
  TEAM_MANAGER: 'Team manager',
  SAFEGUARDING_SERVICE_MANAGER: 'Safeguarding service manager',
  LOCALITY_SERVICE_MANAGER: 'Locality service manager',
  PROFESSIONAL: 'Professional',
  ADVOCATE: 'Advocate',
  INTERPRETER: 'Interpreter',
  PARENT: 'Parent',
  CHILD: 'Child',
  FAMILY_MEMBER: 'Family member',
  SYSTEM: 'Council system',
  PLATFORM_OPERATOR: 'Platform operator',
};

/** Who must act on a deadline, in words: "Social worker and chair"; the policy names no one: "Not named". */
export function whoMustAct(roles: readonly Role[]): string {
  const words = roles.map((role) => RoleWords[role] ?? role);
  if (words.length === 0) return 'Not named';
  if (words.length === 1) return words[0];
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1].toLowerCase()}`;
}

/** A length of time in words, to the two largest units: "2 days 3 hours", "45 minutes", "less than a minute". */
export function durationWords(milliseconds: number): string {
  const minutes = Math.floor(Math.abs(milliseconds) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const units: [number, string][] = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ];
  const first = units.findIndex(([value]) => value > 0);
  return units
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}${value === 1 ? '' : 's'}`)
    .join(' ');
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A time as people in England read it (Europe/London, R-TIME): "Tue 1 Dec 2026, 10:00". */
export function londonTime(at: Date): string {
  const part = Object.fromEntries(LONDON.formatToParts(at).map(({ type, value }) => [type, value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute}`;
}
