import type { Day, Edition, Theme } from '../domain/convening/edition.ts';
import type { Session, SessionContributor, SessionPart } from '../domain/convening/session.ts';
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
  /** Inserts a person, or updates the one with the same email (keeping its id). */
  savePerson(person: Person): Promise<void>;
  listInvitees(editionId: string): Promise<Person[]>;
  addInvitee(editionId: string, personId: string, invitedAt: string): Promise<void>;
}

/** Everything the use cases keep, with a way to change several things at once or not at all. */
export interface Store {
  programme: ProgrammeStore;
  people: PeopleStore;
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
