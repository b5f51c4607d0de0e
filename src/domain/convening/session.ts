/** The kinds of session in a programme. */
export const SESSION_FORMATS = ['talk', 'panel', 'discussion', 'breakout-round', 'break'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];
export const SESSION_FORMAT_LABELS: Record<SessionFormat, string> = {
  talk: 'Talk',
  panel: 'Panel',
  discussion: 'Discussion',
  'breakout-round': 'Breakout round',
  break: 'Break',
};

/** What a person does in a session. */
export const SESSION_PARTS = ['speaker', 'moderator'] as const;
export type SessionPart = (typeof SESSION_PARTS)[number];

/** A session of an edition's programme. Start and end are instants (ISO 8601, UTC). */
export interface Session {
  id: string;
  editionId: string;
  title: string;
  format: SessionFormat;
  startsAt: string;
  endsAt: string;
  description: string;
  /** Link to the video room: a Jitsi room, a Zoom or Teams meeting, or any https address. */
  videoUrl: string;
  themeIds: string[];
}

/** A speaker or moderator of a session, as shown to people. */
export interface SessionContributor {
  personId: string;
  part: SessionPart;
  name: string;
  /** Shown only to organizers, who name contributors by email in forms and imports. */
  email: string;
  role: string;
  government: string;
}
