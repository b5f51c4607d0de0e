/**
 * An invitee's answers when they register for an edition: how they appear, where they are,
 * what they need, what they plan to attend, and what their team struggles with or can help with.
 */
export interface Registration {
  editionId: string;
  personId: string;
  /** The name other attendees see; the invitee chooses it, so it may differ from their record. */
  displayName: string;
  /** IANA time zone the invitee reads the programme in. */
  timeZone: string;
  /** Seen by the organizers only, so that they can make the sessions work for everyone. */
  accessibilityNeeds: string;
  /** Whether the person appears in the directory of attendees: off unless they opt in. */
  inDirectory: boolean;
  sessionIds: string[];
  strugglingThemeIds: string[];
  helpingThemeIds: string[];
  updatedAt: string;
}

/** What an invitee can change in their registration. */
export type RegistrationFields = Omit<Registration, 'editionId' | 'personId' | 'updatedAt'>;

/** An invitee's answer to an invitation: they decline, or they attend with their registration. */
export type InvitationAnswer =
  { attending: false } | { attending: true; registration: RegistrationFields };

/** What an invitee may choose from: the edition's sessions (breaks are not chosen) and themes. */
export interface RegistrationChoices {
  sessionIds: readonly string[];
  themeIds: readonly string[];
}
