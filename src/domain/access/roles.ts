/** The roles a person can hold in an edition; a person may hold several, and different ones in different editions. */
export const EDITION_ROLES = [
  'organizer',
  'moderator',
  'rapporteur',
  'speaker',
  'attendee',
] as const;
export type EditionRole = (typeof EDITION_ROLES)[number];

/** Roles granted by organizers; "speaker" follows from the programme and "attendee" from registering. */
export const GRANTED_ROLES = [
  'organizer',
  'moderator',
  'rapporteur',
] as const satisfies readonly EditionRole[];
export type GrantedRole = (typeof GRANTED_ROLES)[number];

export const EDITION_ROLE_LABELS: Record<EditionRole, string> = {
  organizer: 'Organizer',
  moderator: 'Moderator',
  rapporteur: 'Rapporteur',
  speaker: 'Speaker',
  attendee: 'Attendee',
};

/** Where an invitee is: invited (perhaps mailed, perhaps opened), then registered or declined. */
export const INVITATION_STATUSES = ['invited', 'registered', 'declined'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
