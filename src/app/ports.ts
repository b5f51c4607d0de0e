import type { Day, Edition, Theme } from '../domain/convening/edition.ts';
import type { Session, SessionContributor, SessionPart } from '../domain/convening/session.ts';
import type { Membership } from '../domain/access/actor.ts';
import type { EditionRole, GrantedRole, InvitationStatus } from '../domain/access/roles.ts';
import type { Government, Person } from '../domain/people/person.ts';
import type { EditionProgramme } from './programme/programme.queries.ts';

/** A speaker or moderator linked to a session, as stored. */
export interface SessionContributorLink {
  sessionId: string;
  personId: string;
  part: SessionPart;
}

/** Editions and everything in their programme. */
export interface ProgrammeStore {
  listEditions(): Promise<Edition[]>;
  findEditionBySlug(slug: string): Promise<Edition | null>;
  findEditionById(id: string): Promise<Edition | null>;
  insertEdition(edition: Edition): Promise<void>;
  updateEdition(edition: Edition): Promise<void>;

  listDays(editionId: string): Promise<Day[]>;
  insertDay(day: Day): Promise<void>;
  updateDay(day: Day): Promise<void>;
  deleteDay(id: string): Promise<void>;

  listThemes(editionId: string): Promise<Theme[]>;
  insertTheme(theme: Theme): Promise<void>;
  updateTheme(theme: Theme): Promise<void>;
  deleteTheme(id: string): Promise<void>;

  listSessions(editionId: string): Promise<Session[]>;
  findSession(id: string): Promise<Session | null>;
  /** Inserts or replaces a session with its themes and contributors. */
  saveSession(session: Session, contributors: SessionContributorLink[]): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Speakers and moderators of the given sessions, with the names and governments to show. */
  listContributors(sessionIds: string[]): Promise<(SessionContributor & { sessionId: string })[]>;
}

/** Governments, people and who is invited to which edition. */
export interface PeopleStore {
  listGovernments(): Promise<Government[]>;
  saveGovernment(government: Government): Promise<void>;
  listPeople(): Promise<Person[]>;
  findPeopleByEmails(emails: string[]): Promise<Person[]>;
  findPeopleByIds(ids: string[]): Promise<Person[]>;
  /** Inserts a person, or updates the one with the same email (keeping its id). */
  savePerson(person: Person): Promise<void>;
  listInvitees(editionId: string): Promise<Person[]>;
  addInvitee(editionId: string, personId: string, invitedAt: string): Promise<void>;
}

/** Everything the use cases keep, with a way to change several things at once or not at all. */
export interface Store {
  programme: ProgrammeStore;
  people: PeopleStore;
  access: AccessStore;
  audit: AuditStore;
  /** Runs `work` in one transaction: when it throws, nothing it wrote is kept. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}

/** The current time, passed in so that use cases and tests agree on "now". */
export interface Clock {
  now(): Date;
}

/** Makes new record ids. */
export interface IdGenerator {
  next(): string;
}

/** Absolute addresses for a calendar to link to, built from PUBLIC_URL by the web layer. */
export interface CalendarLinks {
  /** The page of the whole programme. */
  programmeUrl: string;
  /** The page of one session. */
  sessionUrl(sessionId: string): string;
}

/** Turns a programme into an iCalendar file (RFC 5545) that people add to their own calendar. */
export interface CalendarRenderer {
  /** Every session of the edition, breaks included, as one calendar. */
  renderProgramme(programme: EditionProgramme, links: CalendarLinks): string;
  /** One session of the edition; throws NotFoundError when the programme has no such session. */
  renderSession(programme: EditionProgramme, sessionId: string, links: CalendarLinks): string;
}

/** A sign-in link's stored form: the token itself is never stored, only its hash. */
export interface StoredSignInToken {
  tokenHash: string;
  personId: string;
  editionId: string | null;
  purpose: 'sign-in' | 'invitation';
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A signed-in browser session, stored as the hash of the cookie's value. */
export interface StoredUserSession {
  sessionHash: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** An invitee of an edition with how far their invitation has gone. */
export interface InviteeProgress {
  personId: string;
  invitedAt: string;
  status: InvitationStatus;
  invitationSentAt: string | null;
  openedAt: string | null;
  respondedAt: string | null;
}

/** Roles, invitation progress, sign-in links and sessions. */
export interface AccessStore {
  listMemberships(personId: string): Promise<Membership[]>;
  listMembers(editionId: string): Promise<{ personId: string; role: EditionRole }[]>;
  grantRole(editionId: string, personId: string, role: GrantedRole, at: string): Promise<void>;
  revokeRole(editionId: string, personId: string, role: GrantedRole): Promise<void>;
  /** Editions the person leads a session in (speaker or moderator in the programme). */
  listContributedEditionIds(personId: string): Promise<string[]>;

  listInviteeProgress(editionId: string): Promise<InviteeProgress[]>;
  listInvitationsOf(personId: string): Promise<(InviteeProgress & { editionId: string })[]>;
  updateInviteeProgress(
    editionId: string,
    personId: string,
    changes: Partial<Omit<InviteeProgress, 'personId' | 'invitedAt'>>,
  ): Promise<void>;

  insertSignInToken(token: StoredSignInToken): Promise<void>;
  findSignInToken(tokenHash: string): Promise<StoredSignInToken | null>;
  /** Marks a token used; answers false when it was already used (so a link works once, even under a race). */
  markSignInTokenUsed(tokenHash: string, at: string): Promise<boolean>;
  countSignInTokensSince(personId: string, since: string): Promise<number>;

  insertUserSession(session: StoredUserSession): Promise<void>;
  findUserSession(sessionHash: string): Promise<StoredUserSession | null>;
  touchUserSession(sessionHash: string, lastSeenAt: string): Promise<void>;
  deleteUserSession(sessionHash: string): Promise<void>;
  deleteUserSessionsOf(personId: string): Promise<void>;
}

/** New secrets and their hashes: random tokens for links and cookies, never stored in the clear. */
export interface Secrets {
  /** A random token of at least 128 bits, safe in a URL. */
  newToken(): string;
  /** A one-way hash of a token, for storing and looking up. */
  hash(token: string): string;
}

/** An email to one person. Plain text: it reads the same in every mail client and screen reader. */
export interface OutgoingMessage {
  to: { name: string; email: string };
  subject: string;
  text: string;
}

/** Sends email: through SMTP, or into the outbox folder on the embedded default. */
export interface Mailer {
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
}

/** Absolute addresses of pages that emails link to, built from PUBLIC_URL. */
export interface Links {
  signIn(token: string): string;
  invitation(token: string): string;
  page(path: string): string;
}

/** One thing an organizer did, kept so that organizers can see who changed what and when. */
export interface AuditEntry {
  id: string;
  at: string;
  actorPersonId: string | null;
  /** Who did it, as shown: the person's name and email at the time, or how the change was made. */
  actorLabel: string;
  editionId: string | null;
  /** Past tense `resource.verb`, such as `session.updated`. */
  action: string;
  summary: string;
}

/** The audit log of organizer actions. */
export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  listForEdition(editionId: string, limit: number): Promise<AuditEntry[]>;
  /** Replaces a deleted person's name in the log, keeping what was done. */
  anonymiseActor(personId: string, label: string): Promise<void>;
}
