import { hasRole, isMember, isOrganizerAnywhere, type Actor } from '../access/actor.ts';
import type { EditionStatus } from '../convening/edition.ts';
import { isEditionVisibleToPublic } from '../convening/edition-lifecycle.ts';

export type { Actor } from '../access/actor.ts';

/** Everything a person can ask to do; every route names one of these. */
export type Action =
  | 'edition.view'
  | 'edition.list-archive'
  | 'edition.create'
  | 'edition.manage'
  | 'fairness.view'
  | 'programme.import'
  | 'invitees.manage'
  | 'roles.manage'
  | 'audit.view'
  | 'registration.respond'
  | 'account.view'
  | 'account.delete'
  | 'room.enter'
  | 'room.take-part'
  | 'room.moderate'
  | 'breakouts.manage'
  | 'breakouts.view-own'
  | 'breakouts.read-notes'
  | 'breakouts.take-notes'
  | 'writeups.manage'
  | 'writeups.read'
  | 'writeups.comment'
  | 'writeups.moderate-comments'
  | 'session-notes.write'
  | 'themes.read-tagged'
  | 'stats.view'
  | 'resources.browse'
  | 'resources.share'
  | 'resources.comment'
  | 'resources.edit-own'
  | 'resources.moderate'
  | 'follow-up-groups.manage'
  | 'introductions.use'
  | 'peers.view'
  | 'directory.browse'
  | 'directory.choose-own'
  | 'people-met.view';

/** The record an action is about, where the rule depends on it. */
export interface PolicySubject {
  editionId?: string;
  editionStatus?: EditionStatus;
  /** The person whose data the action touches (their own account, their registration). */
  personId?: string;
  /** People who moderate the session in the programme (they moderate its room too). */
  sessionModeratorIds?: string[];
  /** The person named to take notes (a breakout room's rapporteur), if any. */
  rapporteurId?: string | null;
  /** The people in the room the action is about (a breakout room's members). */
  memberIds?: string[];
}

type Rule = (actor: Actor, subject: PolicySubject) => boolean;

// Small predicates, composed into one-line rules below.
const isSignedIn: Rule = (actor) => actor.kind === 'person';
const isSelf: Rule = (actor, subject) =>
  actor.kind === 'person' && subject.personId !== undefined && actor.personId === subject.personId;
const organizesEdition: Rule = (actor, subject) => hasRole(actor, subject.editionId, 'organizer');
const isPublicEdition: Rule = (_actor, subject) =>
  subject.editionStatus !== undefined && isEditionVisibleToPublic(subject.editionStatus);
const isInvitedTo: Rule = (actor, subject) =>
  actor.kind === 'person' &&
  subject.editionId !== undefined &&
  actor.invitedEditionIds.includes(subject.editionId);
const moderatesSession: Rule = (actor, subject) =>
  actor.kind === 'person' && (subject.sessionModeratorIds ?? []).includes(actor.personId);
const isNamedRapporteur: Rule = (actor, subject) =>
  actor.kind === 'person' && !!subject.rapporteurId && subject.rapporteurId === actor.personId;
const isInTheRoom: Rule = (actor, subject) =>
  actor.kind === 'person' && (subject.memberIds ?? []).includes(actor.personId);
const takesNotes: Rule = (actor, subject) =>
  organizesEdition(actor, subject) ||
  hasRole(actor, subject.editionId, 'rapporteur') ||
  (isMember(actor, subject.editionId) && isNamedRapporteur(actor, subject));
// Someone who took part in any edition, in any role: the people shared resources are for.
const isMemberAnywhere: Rule = (actor) => actor.kind === 'person' && actor.memberships.length > 0;
const editionIsOpen: Rule = (_actor, subject) =>
  subject.editionStatus === 'published' || subject.editionStatus === 'live';

const RULES: Record<Action, Rule> = {
  'edition.view': (actor, subject) =>
    isPublicEdition(actor, subject) || isMember(actor, subject.editionId),
  'edition.list-archive': () => true,
  'edition.create': (actor) => isOrganizerAnywhere(actor),
  'edition.manage': organizesEdition,
  'fairness.view': organizesEdition,
  'programme.import': (actor) => isOrganizerAnywhere(actor),
  'invitees.manage': organizesEdition,
  'roles.manage': organizesEdition,
  'audit.view': organizesEdition,
  'registration.respond': (actor, subject) =>
    isInvitedTo(actor, subject) && editionIsOpen(actor, subject),
  'account.view': (actor, subject) => isSignedIn(actor, subject) && isSelf(actor, subject),
  'account.delete': (actor, subject) => isSignedIn(actor, subject) && isSelf(actor, subject),
  // Session rooms are for the edition's people: attendees, speakers and the team.
  'room.enter': (actor, subject) => isMember(actor, subject.editionId),
  'room.take-part': (actor, subject) => isMember(actor, subject.editionId),
  'room.moderate': (actor, subject) =>
    organizesEdition(actor, subject) ||
    hasRole(actor, subject.editionId, 'moderator') ||
    moderatesSession(actor, subject),
  // Organizers form the rooms; the edition's people see the room they are in once published.
  'breakouts.manage': organizesEdition,
  'breakouts.view-own': (actor, subject) => isMember(actor, subject.editionId),
  // A room's notes are written by its rapporteur, the edition's rapporteurs or organizers, and
  // read by them and the people who were in the room.
  'breakouts.take-notes': takesNotes,
  // Organizers write, review and publish write-ups; published ones are read where the edition
  // is, by the public when it is public. Session notes: organizers and the edition's rapporteurs.
  'writeups.manage': organizesEdition,
  'writeups.read': (actor, subject) =>
    isPublicEdition(actor, subject) || isMember(actor, subject.editionId),
  // The edition's people comment on its published write-ups; organizers hide and show comments.
  'writeups.comment': (actor, subject) => isMember(actor, subject.editionId),
  'writeups.moderate-comments': organizesEdition,
  'session-notes.write': (actor, subject) =>
    organizesEdition(actor, subject) || hasRole(actor, subject.editionId, 'rapporteur'),
  'breakouts.read-notes': (actor, subject) =>
    takesNotes(actor, subject) ||
    (isMember(actor, subject.editionId) && isInTheRoom(actor, subject)),
  // A theme's page shows the edition's questions, chat messages and notes tagged with it to
  // the edition's people only; everyone who may read its write-ups sees the rest.
  'themes.read-tagged': (actor, subject) => isMember(actor, subject.editionId),
  // The numbers of an edition are aggregates, never names: open to whoever may see the edition.
  'stats.view': (actor, subject) =>
    isPublicEdition(actor, subject) || isMember(actor, subject.editionId),
  // Shared resources span editions: the people of any edition browse, share and comment; the
  // sharer edits and withdraws their own; an organizer of any edition moderates (hides and
  // shows resources and comments), since no single edition owns a resource.
  'resources.browse': isMemberAnywhere,
  'resources.share': isMemberAnywhere,
  'resources.comment': isMemberAnywhere,
  'resources.edit-own': (actor, subject) =>
    isMemberAnywhere(actor, subject) && isSelf(actor, subject),
  'resources.moderate': (actor) => isOrganizerAnywhere(actor),
  // Follow-up groups of an edition: formed and introduced by its organizers.
  'follow-up-groups.manage': organizesEdition,
  // Introductions and suggested peers are between the people of any edition, across editions:
  // asking, answering and blocking are each person's own; contact details only on consent.
  'introductions.use': isMemberAnywhere,
  'peers.view': isMemberAnywhere,
  // The directory of attendees spans editions: the people of any edition browse it; each chooses
  // whether they are in it and what it shows, for themselves only.
  'directory.browse': isMemberAnywhere,
  'directory.choose-own': (actor, subject) =>
    isMemberAnywhere(actor, subject) && isSelf(actor, subject),
  // Who you met (and its exports) is private: only the person themself.
  'people-met.view': (actor, subject) => isSignedIn(actor, subject) && isSelf(actor, subject),
};

/** The one place that decides whether `actor` may do `action` on `subject`. */
export function can(actor: Actor, action: Action, subject: PolicySubject = {}): boolean {
  return RULES[action](actor, subject);
}
