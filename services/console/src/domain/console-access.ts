import { ManagerRoles, type Role } from '@cpc/contracts';

/**
 * What a user's roles decide on the console (issue 14 "Access"); the local authority is always the user's
 * own. A clerk sends and chases the plans, so sees Deliveries; the managers see everything of their local
 * authority; a chair's Today starts with the conferences they chair; a social worker sees Today and the
 * conferences, not the delivery lists.
 */
export function seesDeliveries(roles: readonly Role[]): boolean {
  return roles.some((role) => role === 'CLERK' || (ManagerRoles as readonly Role[]).includes(role));
}

/** Today shows "my conferences" unless asked otherwise: for a chair who is not also a manager or clerk. */
export function myConferencesFirst(roles: readonly Role[]): boolean {
  return roles.includes('CHAIR') && !seesDeliveries(roles);
}

/**
 * Whether Today is cut to the user's own conferences: the form's choice when it made one (`mine=yes|all`),
 * otherwise the role's default.
 */
export function showsMine(roles: readonly Role[], mine: 'yes' | 'all' | undefined): boolean {
  if (mine === 'yes') return true;
  if (mine === 'all') return false;
  return myConferencesFirst(roles);
}
