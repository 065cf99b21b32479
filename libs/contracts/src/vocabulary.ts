/** The domain's words (DOMAIN.md), shared by every service and by the public APIs. */
export const ConferenceKinds = ['ICPC', 'RCPC'] as const; // R-KIND
export type ConferenceKind = (typeof ConferenceKinds)[number];

export const ParticipationOptions = ['FULL', 'THREE_PART'] as const; // R-OPT
export type ParticipationOption = (typeof ParticipationOptions)[number];

export const ConferenceStatuses = [
  'SCHEDULED',
  'IN_PROGRESS',
  'PAUSED',
  'CONCLUDED',
  'CIRCULATED',
  'CLOSED',
  'POSTPONED',
  'CONTINGENCY',
  'CANCELLED',
] as const; // R-LIFE
export type ConferenceStatus = (typeof ConferenceStatuses)[number];

export const Roles = [
  'CHAIR',
  'SOCIAL_WORKER',
  'CLERK',
  'TEAM_MANAGER',
  'SAFEGUARDING_SERVICE_MANAGER',
  'LOCALITY_SERVICE_MANAGER',
  'PROFESSIONAL',
  'ADVOCATE',
  'INTERPRETER',
  'PARENT',
  'CHILD',
  'FAMILY_MEMBER',
  'SYSTEM',
  'PLATFORM_OPERATOR',
] as const;
export type Role = (typeof Roles)[number];

/**
 * Who runs the platform, not a conference: the platform-operations tools (the Bull Board) and nothing of
 * a family's records. Not tied to one local authority (the board shows every authority's queue). No
 * domain endpoint names it, so everywhere else such a token is a 403, never a 401.
 */
export const PlatformRoles = ['PLATFORM_OPERATOR'] as const satisfies readonly Role[];

/**
 * The roles a person at a conference can have: every role but the callers' own (SYSTEM, another council
 * system; PLATFORM_OPERATOR, who runs the platform). Participants, reminders, breach alerts and
 * recipients are drawn from these; a participant or policy naming a caller-only role is a 400.
 */
export const ParticipantRoles = Roles.filter((role) => role !== 'SYSTEM' && role !== 'PLATFORM_OPERATOR') as readonly ParticipantRole[];
export type ParticipantRole = Exclude<Role, 'SYSTEM' | 'PLATFORM_OPERATOR'>;

/** Family roles are invited and receive the outcome, but never log in (DOMAIN.md "People and roles"). */
export const FamilyRoles: readonly Role[] = ['PARENT', 'CHILD', 'FAMILY_MEMBER'];

/** R-POSTPONE: the two service managers; both approve a postponement, and they own their authority's deadline policy. */
export const ServiceManagerRoles = ['SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER'] as const satisfies readonly Role[];

/** The local authority's managers: the team manager (R-ESC) and the two service managers. */
export const ManagerRoles = ['TEAM_MANAGER', ...ServiceManagerRoles] as const satisfies readonly Role[];

/** The six local-authority staff roles: those who run conferences and read their records, deadlines and documents. */
export const LocalAuthorityStaffRoles = ['CHAIR', 'SOCIAL_WORKER', 'CLERK', ...ManagerRoles] as const satisfies readonly Role[];

export const Channels = ['EMAIL', 'SMS', 'SECURE_EMAIL', 'POST'] as const;
export type Channel = (typeof Channels)[number];

export const SupportNeeds = ['DATA_TOP_UP', 'APP_INSTALL_HELP', 'AUDIO_ONLY'] as const; // R-PART
export type SupportNeed = (typeof SupportNeeds)[number];

export const Classifications = ['OPEN', 'CONFIDENTIAL'] as const; // R-CLASS
export type Classification = (typeof Classifications)[number];

export const Sensitivities = ['DOMESTIC_ABUSE'] as const; // R-DV
export type Sensitivity = (typeof Sensitivities)[number];

export const DeadlineStatuses = ['PENDING', 'MET', 'BREACHED', 'STOOD_DOWN'] as const;
export type DeadlineStatus = (typeof DeadlineStatuses)[number];

/** A locality team's name, as a conference carries it (issue 14 "Teams"): short, one line, no control characters. */
export const TEAM_MAX_LENGTH = 60;
export const TEAM_PATTERN = /^\S(?:[^\u0000-\u001f\u007f]{0,58}\S)?$/;

/**
 * National timescales missed (warn, not block; DOMAIN.md), as the conference service states them in
 * ConferenceScheduled and ConferenceRescheduled `warnings`.
 */
export const TimescaleWarnings = {
  icpcLate: 'ICPC_AFTER_15_WORKING_DAYS',
  firstReviewLate: 'RCPC_AFTER_3_MONTHS',
  reviewLate: 'RCPC_AFTER_6_MONTHS',
} as const;
