import type { Day, Edition, Theme } from '../domain/convening/edition.ts';
import type { Session, SessionContributor, SessionPart } from '../domain/convening/session.ts';
import type { Membership } from '../domain/access/actor.ts';
import type { EditionRole, GrantedRole, InvitationStatus } from '../domain/access/roles.ts';
import type { Government, Person, PersonRole } from '../domain/people/person.ts';
import type { EditionProgramme } from './programme/programme.queries.ts';
import type { MailKind, MailStatus } from '../domain/invitations/invitation-progress.ts';
import type { Registration } from '../domain/registration/registration.ts';
import type { RoomEvent, RoomEventPayload } from '../domain/live/room-events.ts';
import type { QuestionStatus } from '../domain/live/questions.ts';
import type { ReactionCounts, ReactionKind } from '../domain/live/reactions.ts';
import type { BreakoutPlan, BreakoutRoom } from '../domain/breakout-plan/breakout-plan.ts';
import type { Notes } from '../domain/notes/notes.ts';
import type { AttributionRule, Writeup } from '../domain/writeups/writeup.ts';
import type { EditionReport } from '../domain/writeups/report.ts';
import type { Meeting, RegisteredByGovernment } from '../domain/stats/convening-numbers.ts';
import type { ThemeSuggestion } from '../domain/themes/theme-scoring.ts';
import type { DirectoryProfile } from '../domain/directory/directory-profile.ts';
import type { ThemeSubjectKind, ThemeTag } from '../domain/themes/theme-tags.ts';
import type { Introduction, IntroductionStatus } from '../domain/introductions/introduction.ts';
import type { SharedResource } from '../domain/resources/resource.ts';
import type { FollowUpGrouping } from '../domain/follow-up-groups/follow-up-groups.ts';

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
  /**
   * Inserts or replaces a session with its themes and contributors. Replacing it raises its
   * calendar sequence when its format, time, title, description or video link changed.
   */
  saveSession(session: Session, contributors: SessionContributorLink[]): Promise<void>;
  /** The calendar sequence of each of the sessions (0 until one of them first changes). */
  listCalendarSequences(sessionIds: string[]): Promise<Map<string, number>>;
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
  /**
   * Inside a transaction, waits until no other transaction that called it is still running,
   * and holds them off until this one ends. For changes that create people by email (imports):
   * two at once would both find a new address unknown and both try to create it.
   */
  lockPeople(): Promise<void>;
}

/** Everything the use cases keep, with a way to change several things at once or not at all. */
export interface Store {
  programme: ProgrammeStore;
  people: PeopleStore;
  access: AccessStore;
  audit: AuditStore;
  mail: MailQueueStore;
  invitees: InviteeStore;
  registrations: RegistrationStore;
  personalData: PersonalDataStore;
  live: LiveStore;
  breakouts: BreakoutStore;
  notes: NotesStore;
  writeups: WriteupStore;
  subscriptions: WriteupSubscriptionStore;
  reports: ReportStore;
  themeTags: ThemeTagStore;
  stats: StatsStore;
  introductions: IntroductionStore;
  peers: PeerStore;
  resources: ResourceStore;
  followUpGroups: FollowUpGroupStore;
  directory: DirectoryStore;
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

/**
 * Turns the Markdown people write (breakout notes, write-ups) into HTML that is safe to put in
 * a page as it is: no raw HTML, no scripts, links only to http, https and mailto addresses.
 */
export interface MarkdownRenderer {
  /**
   * `headingLevel` (3 to 6, 3 unless given) is the level the text's top headings become, so
   * they sit below the page's own headings whatever the writer typed.
   */
  render(markdown: string, options?: { headingLevel?: number }): string;
}

/** One entry of a feed, such as a published write-up. */
export interface FeedEntry {
  /** A permanent, unique id (a URL or a tag/urn URI) that never changes once published. */
  id: string;
  /** Plain text. */
  title: string;
  /** The entry's page, absolute. */
  url: string;
  updated: Date;
  published: Date;
  /** Plain text. */
  summary: string;
  /** HTML that is already safe, such as the output of a MarkdownRenderer. */
  contentHtml: string;
}

/** A feed of entries that people follow in a feed reader. */
export interface Feed {
  id: string;
  /** Plain text. */
  title: string;
  /** The feed's own address, absolute. */
  selfUrl: string;
  /** The page the feed follows, absolute. */
  pageUrl: string;
  updated: Date;
  /** Who the feed is by, as Atom asks; the title unless given. */
  authorName?: string;
  entries: FeedEntry[];
}

/** Writes feeds as Atom documents (RFC 4287). */
export interface FeedRenderer {
  renderAtom(feed: Feed): string;
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
  /**
   * Inside a transaction, holds off other changes to the edition's roles until it ends, so
   * that a check of who holds which role (such as "is anyone else an organizer?") stays true
   * until the change it allows is saved.
   */
  lockRoles(editionId: string): Promise<void>;
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
  /** Where replies go, such as the organizer who sent an invitation; the sender when absent. */
  replyTo?: { name: string; email: string };
  /** Extra headers, such as List-Unsubscribe (RFC 2369, RFC 8058). */
  headers?: Record<string, string>;
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

/** Invitees' registrations: one per person and edition, replaced whenever they change it. */
export interface RegistrationStore {
  findRegistration(editionId: string, personId: string): Promise<Registration | null>;
  listRegistrationsOf(personId: string): Promise<Registration[]>;
  /** Inserts the person's registration for the edition, or replaces the one they had. */
  saveRegistration(registration: Registration): Promise<void>;
  deleteRegistration(editionId: string, personId: string): Promise<void>;
  /** Sets the "appear in the directory" answer of every registration of the person. */
  setInDirectory(personId: string, inDirectory: boolean): Promise<void>;
}

/**
 * The directory of attendees: each person's profile (listed or not, and which fields they show).
 * A person is in the directory only when they have a profile with `listed` true.
 */
export interface DirectoryStore {
  findProfile(personId: string): Promise<DirectoryProfile | null>;
  /** Inserts the person's profile, or replaces the one they had. */
  saveProfile(profile: DirectoryProfile): Promise<void>;
  /** Which of these people are listed (opted in), in no particular order. */
  listListedPersonIds(personIds: string[]): Promise<string[]>;
  /** Every listed profile. */
  listListedProfiles(): Promise<DirectoryProfile[]>;
  /** Removes the person's profile (when their account is deleted). */
  deleteProfile(personId: string): Promise<void>;
  /** What the directory may show of these people (never their email), in no particular order. */
  listDirectoryPeople(personIds: string[]): Promise<DirectoryPersonRecord[]>;
  /**
   * The people who were in a session room at the same time as the person (their stays in the
   * room overlapped), once per session, with when they were first there together.
   */
  listSessionCompanions(personId: string): Promise<SessionCompanion[]>;
}

/** A person as the directory reads them: no email, no other contact detail. */
export interface DirectoryPersonRecord {
  personId: string;
  name: string;
  role: PersonRole;
  government: Government | null;
  /** Their registrations, newest first. */
  registrations: {
    editionId: string;
    displayName: string;
    strugglingThemeIds: string[];
    helpingThemeIds: string[];
    updatedAt: string;
  }[];
  /** Editions where they hold a role or lead a session. */
  memberEditionIds: string[];
}

/** Someone who was in a session's room at the same time as the person. */
export interface SessionCompanion {
  editionId: string;
  sessionId: string;
  otherPersonId: string;
  /** When both were first in the room together. */
  togetherAt: string;
}

/** A role an organizer granted, with when. */
export interface GrantedRoleRecord {
  editionId: string;
  role: GrantedRole;
  grantedAt: string;
}

/** A session a person leads, as speaker or moderator. */
export interface SessionPartRecord {
  editionId: string;
  sessionId: string;
  title: string;
  startsAt: string;
  part: SessionPart;
}

/** How a person signed in, in dates only: the stored hashes never leave the database. */
export interface SignInHistory {
  links: {
    purpose: StoredSignInToken['purpose'];
    editionId: string | null;
    createdAt: string;
    expiresAt: string;
    usedAt: string | null;
  }[];
  sessions: { createdAt: string; lastSeenAt: string; expiresAt: string }[];
}

/** An email prepared for a person (an invitation, a reminder) and whether it went. */
export interface MailRecord {
  editionId: string;
  kind: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

/**
 * What is held about one person beyond their own record: gathered so that they can download
 * it, and erased when they delete their account.
 */
export interface PersonalDataStore {
  listGrantedRolesOf(personId: string): Promise<GrantedRoleRecord[]>;
  listSessionPartsOf(personId: string): Promise<SessionPartRecord[]>;
  readSignInHistory(personId: string): Promise<SignInHistory>;
  listMailTo(personId: string): Promise<MailRecord[]>;
  listAuditEntriesBy(personId: string): Promise<AuditEntry[]>;

  deleteRegistrationsOf(personId: string): Promise<void>;
  deleteInvitationsOf(personId: string): Promise<void>;
  deleteRolesOf(personId: string): Promise<void>;
  /** Removes the person from the sessions they lead; the sessions stay in the programme. */
  deleteSessionPartsOf(personId: string): Promise<void>;
  deleteSignInTokensOf(personId: string): Promise<void>;
  /** Removes mail prepared for the person, and their name from the mailings they asked for. */
  deleteMailOf(personId: string): Promise<void>;
  /** Replaces each of `mentions` (an email, a name) wherever the audit log's text holds it. */
  redactAuditMentions(mentions: string[], replacement: string): Promise<void>;
  deletePerson(personId: string): Promise<void>;
}

/** An organizer's request to send one kind of email to many people. */
export interface MailBatch {
  id: string;
  editionId: string;
  kind: MailKind;
  /** The organizer who asked; null when they were not a stored person. */
  requestedBy: string | null;
  createdAt: string;
}

/**
 * One email to one person, from queued to sent or failed. There is at most one per person,
 * edition and kind, so no retry and no second request can mail anyone twice.
 */
export interface QueuedMail {
  id: string;
  batchId: string;
  editionId: string;
  personId: string;
  kind: MailKind;
  status: MailStatus;
  /** Tries begun so far, the current one included. */
  attempts: number;
  /**
   * When the mail is next due (queued, retrying); while it is being sent, the deadline after
   * which the send counts as interrupted.
   */
  nextAttemptAt: string;
  /** Why the last try failed, in words organizers can act on. */
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/**
 * What every mail queue (invitations and follow-up groups, subscriptions, introductions) does
 * the same way, so that one worker step serves them all (app/mail/mail-queue-step.ts).
 */
export interface MailQueueLifecycle<M> {
  /** Ids of email ready to go at `now` (queued, or retrying and due), the longest waiting first. */
  listDueIds(now: string, limit: number): Promise<string[]>;
  /**
   * Takes one due email for sending, in one conditional update: of several workers (in one
   * process or many) asking for the same email, exactly one gets it; the others get null.
   */
  claim(id: string, now: string, deadline: string): Promise<M | null>;
  markSent(id: string, at: string): Promise<void>;
  /** Records a failed try of an email being sent, to be tried again at `nextAttemptAt`. */
  scheduleRetry(id: string, nextAttemptAt: string, error: string): Promise<void>;
  /** Gives up an email being sent. */
  markFailed(id: string, error: string): Promise<void>;
  /** Gives up every email still being sent after its deadline, without sending it; answers how many. */
  failInterrupted(now: string, reason: string): Promise<number>;
}

/** The queue of outgoing email that a background worker sends, for any number of workers at once. */
export interface MailQueueStore extends MailQueueLifecycle<QueuedMail> {
  insertBatch(batch: MailBatch): Promise<void>;
  deleteBatch(id: string): Promise<void>;
  findBatch(id: string): Promise<MailBatch | null>;
  findLatestBatch(editionId: string, kind: MailKind): Promise<MailBatch | null>;
  /**
   * Queues email, skipping anyone already queued or sent the same kind for the same edition
   * and scope (onceScopeOf: the edition for invitations, the batch for follow-up
   * introductions), even by a request running at the same moment. Answers how many were queued.
   */
  enqueue(mail: QueuedMail[]): Promise<number>;
  listForEdition(editionId: string, kind: MailKind): Promise<QueuedMail[]>;
  /** Puts failed email of an edition back in the queue (all of them when `ids` is null); answers how many. */
  requeueFailed(
    editionId: string,
    kind: MailKind,
    ids: string[] | null,
    now: string,
  ): Promise<number>;
}

/** Reports of background work, such as the mail worker's; the server's logger writes them to standard error. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** One email in the development outbox, as its list shows it. */
export interface OutboxEntry {
  /** The file's name in the outbox folder. */
  file: string;
  to: string;
  subject: string;
  date: string | null;
}

/** One email in the development outbox, in full. */
export interface OutboxMessage extends OutboxEntry {
  headers: { name: string; value: string }[];
  text: string;
}

/** Reads the development outbox: the email written to a folder when no SMTP server is configured. */
export interface OutboxReader {
  /** Every message, newest first. */
  list(): Promise<OutboxEntry[]>;
  /** One message by its file name; null for any name that is not a message in the folder. */
  read(file: string): Promise<OutboxMessage | null>;
}

/** What an invitee registered for an edition; kept apart from their invitation. */
export interface InviteeRegistration {
  displayName: string;
  accessibilityNeeds: string;
  /** The sessions they plan to attend. */
  sessionIds: string[];
}

/** An invitee of an edition as organizers see them: who, how far the invitation went, what they registered. */
export interface InviteeRecord {
  person: Person;
  progress: InviteeProgress;
  registration: InviteeRegistration | null;
}

/** The invitees of an edition, read at once for the organizers' list and the attendee file. */
export interface InviteeStore {
  /** Every invitee of the edition, by name, with their registration when they have one. */
  listInviteeRecords(editionId: string): Promise<InviteeRecord[]>;
}

/** A session room's settings and the number of its newest event. */
export interface StoredRoom {
  sessionId: string;
  lastSeq: number;
  queueEnabled: boolean;
  askingLocked: boolean;
  pinnedQuestionId: string | null;
  endedAt: string | null;
  openedAt: string | null;
}

/** A chat message as stored. */
export interface StoredMessage {
  id: string;
  sessionId: string;
  authorId: string;
  seq: number;
  text: string;
  replyToId: string | null;
  postedAt: string;
  hiddenAt: string | null;
}

/** A chat message a moderator asked in Q&A, and the question it became. */
export interface MessagePromotion {
  messageId: string;
  questionId: string;
  promotedBy: string | null;
  promotedAt: string;
}

/** A question as stored, with its votes counted. */
export interface StoredQuestion {
  id: string;
  sessionId: string;
  askerId: string;
  seq: number;
  text: string;
  anonymous: boolean;
  status: QuestionStatus;
  askedAt: string;
  votes: number;
}

/** One connection's stay in a room: attendance is counted from these. */
export interface PresenceRecord {
  id: string;
  sessionId: string;
  personId: string;
  nodeId: string;
  joinedAt: string;
  leftAt: string | null;
}

/** Attendance of one session: people who joined at least once, by government. */
export interface SessionAttendance {
  people: number;
  governments: { government: string; people: number }[];
}

/** Everything of one person's in session rooms, by session. */
export interface PersonalRoomData {
  messages: { sessionId: string; text: string; postedAt: string; hidden: boolean }[];
  questions: {
    sessionId: string;
    text: string;
    anonymous: boolean;
    status: string;
    askedAt: string;
  }[];
  votes: { sessionId: string; question: string; votedAt: string }[];
  reactions: { sessionId: string; kind: string; at: string }[];
  presence: { sessionId: string; joinedAt: string; leftAt: string | null }[];
  mutedIn: { sessionId: string; mutedAt: string }[];
}

/** Session rooms: the ordered log of each room and the state it describes. */
export interface LiveStore {
  /** The room, or its defaults when nothing happened in it yet. */
  findRoom(sessionId: string): Promise<StoredRoom>;
  /**
   * Inside a transaction, holds the room until commit, so that changes to one room happen one
   * after another (on SQLite every write does anyway).
   */
  lockRoom(sessionId: string): Promise<void>;
  updateRoom(
    sessionId: string,
    changes: Partial<
      Pick<
        StoredRoom,
        'queueEnabled' | 'askingLocked' | 'pinnedQuestionId' | 'endedAt' | 'openedAt'
      >
    >,
  ): Promise<void>;
  /**
   * Adds an event to the room's log with the next number. Inside a transaction, the room stays
   * locked until commit, so events become visible in the order of their numbers.
   */
  appendEvent(
    sessionId: string,
    event: { at: string; actorId: string | null; payload: RoomEventPayload },
  ): Promise<RoomEvent>;
  /** Events numbered after `afterSeq`, oldest first, at most `limit`. */
  readEvents(sessionId: string, afterSeq: number, limit: number): Promise<RoomEvent[]>;
  /** The number of each room's newest event (0 for a room with none). */
  lastSeqs(sessionIds: string[]): Promise<Map<string, number>>;

  insertMessage(message: StoredMessage): Promise<void>;
  findMessage(id: string): Promise<StoredMessage | null>;
  setMessageHidden(id: string, hiddenAt: string | null, hiddenBy: string | null): Promise<void>;
  /** Hidden messages of a room, with their authors (who still see them). */
  listHiddenMessages(sessionId: string): Promise<{ id: string; authorId: string }[]>;
  /** The newest messages, returned oldest first. */
  listMessages(sessionId: string, limit: number): Promise<StoredMessage[]>;
  /**
   * Links a chat message to the question a moderator made of it; answers false, writing
   * nothing, when the message was already asked in Q&A (even by a request at the same moment).
   */
  insertPromotion(promotion: MessagePromotion): Promise<boolean>;
  findPromotion(messageId: string): Promise<MessagePromotion | null>;
  /** The messages of a room asked in Q&A, each with the question it became. */
  listPromotions(sessionId: string): Promise<Map<string, string>>;

  insertQuestion(question: Omit<StoredQuestion, 'votes'>): Promise<void>;
  findQuestion(id: string): Promise<StoredQuestion | null>;
  setQuestionStatus(id: string, status: QuestionStatus, at: string): Promise<void>;
  listQuestions(sessionId: string): Promise<StoredQuestion[]>;
  /** Records an upvote; answers false when the person already voted for the question. */
  addVote(questionId: string, personId: string, at: string): Promise<boolean>;
  listVotedQuestionIds(sessionId: string, personId: string): Promise<string[]>;

  setMuted(sessionId: string, personId: string, muted: boolean, at: string): Promise<void>;
  isMuted(sessionId: string, personId: string): Promise<boolean>;
  listMuted(sessionId: string): Promise<string[]>;

  insertReactions(
    rows: { sessionId: string; personId: string; kind: ReactionKind; at: string }[],
  ): Promise<void>;
  reactionTotals(sessionId: string): Promise<ReactionCounts>;

  openPresence(records: PresenceRecord[]): Promise<void>;
  closePresence(ids: string[], at: string): Promise<void>;
  /** Marks every open connection of a server process as still there. */
  touchPresence(nodeId: string, at: string): Promise<void>;
  /** Closes connections whose server stopped reporting them (it crashed), as of when it last did. */
  closeStalePresence(seenBefore: string): Promise<number>;
  /** People connected now (seen since `seenSince`), counted once however many tabs they have. */
  countPresent(sessionId: string, seenSince: string): Promise<number>;
  listPresent(sessionId: string, seenSince: string): Promise<string[]>;
  /** Which of these people are still connected through some server. */
  filterPresent(sessionId: string, personIds: string[], seenSince: string): Promise<string[]>;
  attendance(sessionId: string): Promise<SessionAttendance>;

  /** What a person wrote and did in session rooms, for their data download. */
  listPersonalRoomData(personId: string): Promise<PersonalRoomData>;
  /** Removes a person from every room's log: their own events, and their name and words in others'. */
  forgetPerson(personId: string): Promise<void>;
}

/** Wakes the rooms of this and every other server process when a room's log grows. */
export interface RoomSignal {
  /** Called after the transaction that appended events to the room has committed. */
  roomChanged(sessionId: string): void;
}

/** A client's live stream of one room, as the realtime hub writes to it. */
export interface RoomSubscriber {
  /** Whether the client gets the moderators' form of events (who asked anonymous questions, the queue). */
  moderator: boolean;
  viewerId: string;
  /** Writes part of the stream; answers false once the client has more waiting than it reads. */
  write(chunk: Buffer): boolean;
  /** Bytes written but not yet taken by the client. */
  pending(): number;
  /** Resolves when the client has taken what was waiting, or has gone. */
  drained(): Promise<void>;
  /** Whether the client has gone (its connection closed). */
  isClosed(): boolean;
  /** Ends the stream; the client reconnects and resumes from the last event it received. */
  end(): void;
}

/** Live delivery of rooms' logs to connected clients, resuming from any event number. */
export interface RoomFeed {
  /**
   * Sends the client every event after `afterSeq` (null: only new ones), then each new event as
   * it happens, in order, once. Answers a function that stops the stream.
   */
  subscribe(
    sessionId: string,
    afterSeq: number | null,
    subscriber: RoomSubscriber,
  ): Promise<() => void>;
}

/** A person marked absent from one breakout round by an organizer. */
export interface BreakoutAbsence {
  sessionId: string;
  personId: string;
}

/** What is held about one person in breakout rooms, for their data download. */
export interface PersonalBreakoutData {
  rooms: { editionId: string; sessionId: string; room: string; isRapporteur: boolean }[];
  keptApartFrom: { editionId: string }[];
  absences: { sessionId: string }[];
}

/** Two people in one room of one published breakout round. */
export interface BreakoutMeeting {
  editionId: string;
  sessionId: string;
  roomId: string;
  roomName: string;
  otherPersonId: string;
}

/** Notes kept for the write-ups, per breakout room (and, later, per session). */
export interface NotesStore {
  findRoomNotes(roomId: string): Promise<Notes | null>;
  /** One set of notes by its own id (themes are confirmed for it). */
  findNotes(id: string): Promise<Notes | null>;
  /** The notes about a session as a whole (not its breakout rooms'). */
  findSessionNotes(sessionId: string): Promise<Notes | null>;
  /** Every set of notes of the edition, rooms dissolved by a re-plan included. */
  listEditionNotes(editionId: string): Promise<Notes[]>;
  /**
   * Stores the notes only if the stored version is still `notes.version - 1` (none stored for
   * version 1); answers false, writing nothing, when someone saved in between.
   */
  saveNotesIfUnchanged(notes: Notes): Promise<boolean>;
  /** Notes last saved by the person, for their data download. */
  listNotesSavedBy(personId: string): Promise<Notes[]>;
}

/** A signed-in person's comment on a published write-up; organizers can hide it. */
export interface WriteupComment {
  id: string;
  writeupId: string;
  personId: string;
  body: string;
  hidden: boolean;
  createdAt: string;
}

/** Editions' "themes and takeaways" reports, one per edition. */
export interface ReportStore {
  findReport(editionId: string): Promise<EditionReport | null>;
  /**
   * Stores the report only if the stored version is still `report.version - 1` (none stored for
   * version 1); answers false, writing nothing, when someone saved in between.
   */
  saveReportIfUnchanged(report: EditionReport): Promise<boolean>;
}

/** Write-ups of sessions, their attribution rules, and comments on them. */
/** An email address subscribed to an edition's new write-ups: pending until confirmed. */
export interface WriteupSubscription {
  id: string;
  editionId: string;
  /** Normalised (trimmed, lower case). */
  email: string;
  status: 'pending' | 'confirmed';
  createdAt: string;
  confirmedAt: string | null;
}

/** One email to a subscriber, queued for the mail worker like an invitation. */
export interface QueuedSubscriptionMail {
  id: string;
  subscriptionId: string;
  kind: 'confirm' | 'new-writeup';
  /** The write-up announced; '' for a confirmation. */
  writeupId: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/**
 * Subscriptions to new write-ups and their email queue. Only hashes of tokens are kept: the
 * confirmation token's on the subscription, and one unsubscribe token per message sent.
 */
export interface WriteupSubscriptionStore extends MailQueueLifecycle<QueuedSubscriptionMail> {
  findSubscription(editionId: string, email: string): Promise<WriteupSubscription | null>;
  /** Inserts a pending subscription unless the address already has one; answers whether it did. */
  insertSubscription(subscription: WriteupSubscription, tokenHash: string): Promise<boolean>;
  /** Replaces the hash of the token that confirms (the newest confirmation email's). */
  setConfirmTokenHash(id: string, tokenHash: string): Promise<void>;
  findByConfirmTokenHash(tokenHash: string): Promise<WriteupSubscription | null>;
  /** The subscription an unsubscribe token (or its confirmation token) belongs to. */
  findByAnyTokenHash(tokenHash: string): Promise<WriteupSubscription | null>;
  /** Marks a pending subscription confirmed; answers whether it was pending. */
  confirm(id: string, at: string): Promise<boolean>;
  addUnsubscribeTokenHash(id: string, tokenHash: string, at: string): Promise<void>;
  /** Deletes a subscription with its tokens and queued email. */
  deleteSubscription(id: string): Promise<void>;
  listConfirmed(editionId: string): Promise<WriteupSubscription[]>;
  findById(id: string): Promise<WriteupSubscription | null>;
  /** Every subscription of an address, on any edition (for privacy requests). */
  listByEmail(email: string): Promise<WriteupSubscription[]>;
  /** Deletes every subscription of an address with its tokens and queued email (account deletion). */
  deleteByEmail(email: string): Promise<void>;
  /** Queues email, skipping a write-up already announced to the same subscriber; answers how many. */
  enqueue(mail: QueuedSubscriptionMail[]): Promise<number>;
  listMail(subscriptionId: string): Promise<QueuedSubscriptionMail[]>;
}

export interface WriteupStore {
  /** The session's rule; 'attributable' when none was set. */
  findAttribution(sessionId: string): Promise<AttributionRule>;
  /** Every session of the edition with a rule set, by session id. */
  listAttributions(editionId: string): Promise<Map<string, AttributionRule>>;
  setAttribution(sessionId: string, rule: AttributionRule): Promise<void>;
  findWriteup(sessionId: string): Promise<Writeup | null>;
  listWriteups(editionId: string): Promise<Writeup[]>;
  /**
   * Stores the write-up only if the stored version is still `writeup.version - 1` (none stored
   * for version 1); answers false, writing nothing, when someone saved in between.
   */
  saveWriteupIfUnchanged(writeup: Writeup): Promise<boolean>;
  addComment(comment: WriteupComment): Promise<void>;
  findComment(id: string): Promise<WriteupComment | null>;
  /** Oldest first; hidden ones too (the page decides who sees them). */
  listComments(writeupId: string): Promise<WriteupComment[]>;
  setCommentHidden(id: string, hidden: boolean): Promise<void>;
  /** The person's comments on any write-up, with the write-up's session, for their data download. */
  listCommentsBy(personId: string): Promise<(WriteupComment & { sessionId: string })[]>;
  /** Removes the person's comments, when they delete their account. */
  deleteCommentsOf(personId: string): Promise<void>;
}

/** Breakout plans, their rooms and who sits in them, pairs kept apart and absences. */
export interface BreakoutStore {
  findPlan(editionId: string): Promise<BreakoutPlan | null>;
  /** Inserts the edition's plan or replaces its settings, status and score (not its revision). */
  savePlan(plan: BreakoutPlan): Promise<void>;
  /**
   * Moves the plan's revision on by one if it is still `expected` (0: no plan stored yet, which
   * is then made); answers false, changing nothing, when someone else changed the rooms since.
   */
  claimRevision(editionId: string, expected: number): Promise<boolean>;
  /** Every room of the edition with its members, by round (session id) then number. */
  listRooms(editionId: string): Promise<BreakoutRoom[]>;
  /**
   * Replaces the rooms of one round: rooms not in `keepRoomIds` go with their members, then
   * `rooms` are added with theirs.
   */
  replaceRooms(sessionId: string, keepRoomIds: string[], rooms: BreakoutRoom[]): Promise<void>;
  /** Moves a person to another room of the same round. */
  moveMember(sessionId: string, personId: string, roomId: string): Promise<void>;
  setRoomLocked(roomId: string, locked: boolean): Promise<void>;
  /** Names the person who takes notes in the room; null for nobody. */
  setRoomRapporteur(roomId: string, personId: string | null): Promise<void>;

  /** Rounds that share one meeting link (for tools that form rooms inside the meeting). */
  listRoundLinks(editionId: string): Promise<Map<string, string>>;
  /** Sets a round's meeting link; an empty one removes it (each room gets its own). */
  saveRoundLink(sessionId: string, meetingUrl: string): Promise<void>;

  /** Pairs that must not share a room, each with the smaller id first. */
  listApartPairs(editionId: string): Promise<[string, string][]>;
  addApartPair(editionId: string, pair: [string, string]): Promise<void>;
  removeApartPair(editionId: string, pair: [string, string]): Promise<void>;

  listAbsences(editionId: string): Promise<BreakoutAbsence[]>;
  addAbsence(absence: BreakoutAbsence): Promise<void>;
  removeAbsence(absence: BreakoutAbsence): Promise<void>;

  /**
   * Who sat in a room with the person in the published rooms of every edition: one row per
   * other person and round. Rounds not yet held are included; the caller knows the clock.
   */
  listMeetings(personId: string): Promise<BreakoutMeeting[]>;

  listPersonalBreakoutData(personId: string): Promise<PersonalBreakoutData>;
  /** Removes the person from every room, pair and absence, and as rapporteur or publisher. */
  forgetPerson(personId: string): Promise<void>;
}

/**
 * Suggests an edition's themes for a text from its words, computed on this machine (the text is
 * never sent anywhere): best first, at most three, only those above a threshold, each with the
 * words that made it. A person confirms a suggestion before it counts.
 */
export interface ThemeSuggester {
  suggest(
    text: string,
    themes: { id: string; name: string; description: string }[],
  ): ThemeSuggestion[];
}

/** One session of an edition with what happened in its room, counted. */
export interface SessionActivity {
  editionId: string;
  sessionId: string;
  title: string;
  format: Session['format'];
  startsAt: string;
  /** Distinct people who joined the session's room at least once. */
  attendees: number;
  /** Questions asked, except those a moderator turned down. */
  questions: number;
  /** Chat messages, except those a moderator hid. */
  messages: number;
}

/** A meeting in a breakout room of an edition: two people placed in one room of a published round. */
export interface EditionMeeting extends Meeting {
  editionId: string;
}

/**
 * Counts for the numbers of a convening, read only and aggregated in SQL where it is simple.
 * Each takes several editions at once, so the page across editions asks once, not per edition.
 */
export interface StatsStore {
  /** Registered attendees of each edition, by government. */
  countRegisteredByGovernment(
    editionIds: string[],
  ): Promise<(RegisteredByGovernment & { editionId: string })[]>;
  /** Registered attendees of each edition who were registered for an edition that started earlier. */
  countReturning(editionIds: string[]): Promise<Map<string, number>>;
  /** Distinct people who joined any session room of each edition. */
  countRoomAttendees(editionIds: string[]): Promise<Map<string, number>>;
  /** Every session of the editions, in time order, with its room's counts (zeros included). */
  listSessionActivity(editionIds: string[]): Promise<SessionActivity[]>;
  /**
   * Pairs who shared a room of a published breakout round that started at or before
   * `heldBy`, once per pair and direction: ids for counting, never for showing.
   */
  listMeetings(editionIds: string[], heldBy: string): Promise<EditionMeeting[]>;
}

/** Themes confirmed for questions, chat messages, notes and write-ups. */
export interface ThemeTagStore {
  /** Adds the tag; answers false, changing nothing, when the subject already has the theme. */
  addTag(tag: ThemeTag): Promise<boolean>;
  /** Answers false when the subject did not have the theme. */
  removeTag(kind: ThemeSubjectKind, subjectId: string, themeId: string): Promise<boolean>;
  /** The tags of these subjects of one kind, oldest first. */
  listTagsOf(kind: ThemeSubjectKind, subjectIds: string[]): Promise<ThemeTag[]>;
  /** Everything of the edition tagged with the theme, oldest first. */
  listTagged(editionId: string, themeId: string): Promise<ThemeTag[]>;
  /** Removes the tags of the person's own chat messages and questions, before those go. */
  forgetSubjectsOf(personId: string): Promise<void>;
}

/** A comment on a shared resource. */
export interface ResourceComment {
  id: string;
  resourceId: string;
  personId: string;
  body: string;
  hidden: boolean;
  createdAt: string;
}

/** Which shared resources a list shows, and to whom. */
export interface ResourceFilter {
  /** Resources with any of these themes (one name across editions); null for any theme. */
  themeIds: string[] | null;
  governmentId: string | null;
  kind: string | null;
  /** Hidden resources are left out, except the viewer's own and, for organizers, all. */
  viewerId: string;
  includeHidden: boolean;
}

/** Resources that teams share across editions, and the comments on them. */
export interface ResourceStore {
  insertResource(resource: SharedResource): Promise<void>;
  /** Replaces what the sharer wrote, themes included. */
  updateResource(resource: SharedResource): Promise<void>;
  deleteResource(id: string): Promise<void>;
  findResource(id: string): Promise<SharedResource | null>;
  /** Newest first, one page of them, with how many match in all. */
  listResources(
    filter: ResourceFilter,
    page: { offset: number; limit: number },
  ): Promise<{ resources: SharedResource[]; total: number }>;
  setResourceHidden(id: string, hidden: boolean): Promise<void>;
  addComment(comment: ResourceComment): Promise<void>;
  findComment(id: string): Promise<ResourceComment | null>;
  /** Oldest first. */
  listComments(resourceId: string): Promise<ResourceComment[]>;
  setCommentHidden(id: string, hidden: boolean): Promise<void>;
  listResourcesBy(personId: string): Promise<SharedResource[]>;
  listCommentsBy(personId: string): Promise<(ResourceComment & { resourceTitle: string })[]>;
  /** Removes the person's resources (with everyone's comments on them) and their comments. */
  forgetPerson(personId: string): Promise<void>;
}

/** Follow-up groups that organizers form after an edition, and whether they were introduced. */
export interface FollowUpGroupStore {
  /** Every registration of the edition: the people who may be placed in a group. */
  listRegistrations(editionId: string): Promise<Registration[]>;
  findGrouping(editionId: string, themeId: string): Promise<FollowUpGrouping | null>;
  listGroupings(editionId: string): Promise<FollowUpGrouping[]>;
  /**
   * Saves newly formed groups for the edition and theme, replacing a draft; answers false,
   * changing nothing, when that theme's groups were already sent.
   */
  saveDraft(grouping: FollowUpGrouping): Promise<boolean>;
  /** Marks a draft as sent, in one conditional update: of two requests at once, one wins (true). */
  markSent(groupingId: string, batchId: string, sentAt: string): Promise<boolean>;
  /** The group in which the person was introduced by the mail batch, with its grouping. */
  findGroupOfMember(
    batchId: string,
    personId: string,
  ): Promise<{ grouping: FollowUpGrouping; groupId: string } | null>;
  /** The groupings the person is a member of (for their data download). */
  listGroupingsOf(personId: string): Promise<FollowUpGrouping[]>;
  forgetPerson(personId: string): Promise<void>;
}

/** One introduction email to one person: the request to the person asked, or an acceptance to each. */
export interface QueuedIntroductionMail {
  id: string;
  introductionId: string;
  personId: string;
  kind: 'requested' | 'accepted';
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** Someone a person blocked from asking them for introductions. */
export interface IntroductionBlock {
  blockerId: string;
  blockedId: string;
  createdAt: string;
}

/**
 * Requests for introductions, blocks and introduction email. Decisions are compare-and-set, so
 * that of two answers at the same moment (two tabs, two servers) exactly one applies.
 */
export interface IntroductionStore extends MailQueueLifecycle<QueuedIntroductionMail> {
  /**
   * Inside a transaction, holds the asker's record until commit, so that one person's requests
   * are checked against their limits one after another, in one process or many.
   */
  lockAsker(personId: string): Promise<void>;
  /**
   * Stores a pending request with its email to the person asked; answers false, storing nothing,
   * when a request between the two is already pending (even one made at the same moment).
   */
  insertIntroduction(introduction: Introduction, mail: QueuedIntroductionMail): Promise<boolean>;
  findIntroduction(id: string): Promise<Introduction | null>;
  /** Every request between the two, either way, oldest first. */
  listBetween(a: string, b: string): Promise<Introduction[]>;
  /** When the asker's requests made after `since` were made. */
  listAskedSince(askerId: string, since: string): Promise<string[]>;
  countPendingBy(askerId: string): Promise<number>;
  /** Requests the person made or received, newest first. */
  listInvolving(personId: string): Promise<Introduction[]>;
  /**
   * Moves a pending request to `status`; answers false, changing nothing, when it is no longer
   * pending (someone answered first).
   */
  decide(id: string, status: Exclude<IntroductionStatus, 'pending'>, at: string): Promise<boolean>;
  /** Declines every pending request from `askerId` to `recipientId`; answers how many. */
  declinePendingFrom(askerId: string, recipientId: string, at: string): Promise<number>;
  /** Deletes every pending request from `askerId` to `recipientId`, with its email. */
  withdrawPendingFrom(askerId: string, recipientId: string): Promise<number>;

  /** Records the block; nothing changes when it is there already. */
  block(block: IntroductionBlock): Promise<void>;
  /** Answers false when there was no such block. */
  unblock(blockerId: string, blockedId: string): Promise<boolean>;
  /** Whether either of the two blocked the other. */
  isBlockedEitherWay(a: string, b: string): Promise<boolean>;
  /** The people the person blocked, newest first. */
  listBlockedBy(personId: string): Promise<IntroductionBlock[]>;
  /** Everyone the person blocked or was blocked by (never shown: it keeps suggestions apart). */
  listBlockedEitherWay(personId: string): Promise<string[]>;

  enqueueMail(mail: QueuedIntroductionMail[]): Promise<void>;
  listMail(introductionId: string): Promise<QueuedIntroductionMail[]>;

  /** Removes every request the person made or received, their blocks either way, and their email. */
  forgetPerson(personId: string): Promise<void>;
}

/** A theme named in connection with a person, by its name (the same name in two editions is one theme). */
export interface PersonTheme {
  personId: string;
  theme: string;
  /** For the themes of questions: whether the person asked the question or upvoted it. */
  how?: 'asked' | 'upvoted';
}

/** What suggested peers are computed from, read for many people at once. */
export interface PeerStore {
  /** The themes each person's team struggles with and can help with, from their registrations in any edition. */
  listDeclaredThemes(
    personIds: string[],
  ): Promise<{ struggling: PersonTheme[]; helping: PersonTheme[] }>;
  /**
   * The themes of questions each person asked (not anonymously) or upvoted: the themes confirmed
   * for the question, and those of its session. Once per person, theme and way.
   */
  listQuestionThemes(personIds: string[]): Promise<PersonTheme[]>;
}
