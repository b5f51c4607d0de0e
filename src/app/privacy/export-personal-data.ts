import type { Actor } from '../../domain/access/actor.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import { normaliseEmail } from '../../domain/people/person.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import { exportSharedWorkOf, type SharedWorkExport } from '../resources/personal-resources.ts';
import {
  exportIntroductionsOf,
  type IntroductionsExport,
} from '../introductions/personal-introductions.ts';

/** A session as the download names it. */
interface SessionRef {
  id: string;
  title: string;
  edition: EditionRef | null;
}

/** An edition as the download names it. */
interface EditionRef {
  slug: string;
  name: string;
}

/**
 * Everything Convene holds about one person, in words they can read and a format machines can
 * too (the right of access, and of portability). Built only from rows that name this person.
 */
export interface PersonalDataExport {
  about: string;
  exportedAt: string;
  person: {
    id: string;
    name: string;
    email: string;
    role: string;
    teamMaturity: string;
    timeZone: string;
  };
  government: { code: string; country: string; teamName: string } | null;
  invitations: {
    edition: EditionRef | null;
    invitedAt: string;
    status: string;
    invitationSentAt: string | null;
    openedAt: string | null;
    respondedAt: string | null;
  }[];
  registrations: {
    edition: EditionRef | null;
    displayName: string;
    timeZone: string;
    accessibilityNeeds: string;
    inDirectory: boolean;
    sessionsYouPlanToAttend: { id: string; title: string; startsAt: string }[];
    themesYourTeamIsStrugglingWith: { id: string; name: string }[];
    themesYourTeamCanHelpWith: { id: string; name: string }[];
    updatedAt: string;
  }[];
  roles: { edition: EditionRef | null; role: string; grantedAt: string }[];
  sessionsYouLead: {
    edition: EditionRef | null;
    sessionId: string;
    title: string;
    startsAt: string;
    part: string;
  }[];
  signInHistory: {
    links: {
      purpose: string;
      edition: EditionRef | null;
      sentAt: string;
      expiresAt: string;
      usedAt: string | null;
    }[];
    sessions: { startedAt: string; lastActiveAt: string; endsAt: string }[];
  };
  mail: {
    edition: EditionRef | null;
    kind: string;
    status: string;
    preparedAt: string;
    sentAt: string | null;
  }[];
  /** What you wrote and did in session rooms, by session. */
  sessionRooms: {
    messages: {
      session: SessionRef;
      text: string;
      postedAt: string;
      hiddenByAModerator: boolean;
    }[];
    questions: {
      session: SessionRef;
      text: string;
      anonymous: boolean;
      status: string;
      askedAt: string;
    }[];
    upvotes: { session: SessionRef; question: string; votedAt: string }[];
    reactions: { session: SessionRef; kind: string; at: string }[];
    attendance: { session: SessionRef; joinedAt: string; leftAt: string | null }[];
    mutedIn: { session: SessionRef; mutedAt: string }[];
  };
  /** Breakout rooms you were placed in (or take notes in), and what organizers set about you. */
  breakoutRooms: {
    rooms: { round: SessionRef; room: string; asRapporteur: boolean }[];
    /** Editions in which an organizer asked that you and someone else be in different rooms. */
    keptApartFromSomeoneIn: (EditionRef | null)[];
    roundsYouWereMarkedAbsentFrom: SessionRef[];
    /** Notes kept for the write-ups that you saved last (the text is the room's, not yours alone). */
    notesYouSavedLast: { round: SessionRef; room: string; version: number; savedAt: string }[];
  };
  /** Your comments on published write-ups, with whether an organizer hid them. */
  writeupComments: {
    session: SessionRef;
    text: string;
    commentedAt: string;
    hiddenByAnOrganizer: boolean;
  }[];
  /** Email subscriptions to new write-ups held for your email address, pending or confirmed. */
  writeupSubscriptions: {
    edition: EditionRef | null;
    email: string;
    status: 'pending' | 'confirmed';
    subscribedAt: string;
    confirmedAt: string | null;
  }[];
  /** Requests for introductions you made and received, and the people you blocked. */
  introductions: IntroductionsExport;
  /** Whether you are in the directory of attendees, and what your entry shows; null if you never chose. */
  directory: {
    listed: boolean;
    shows: {
      government: boolean;
      team: boolean;
      role: boolean;
      themes: boolean;
      editions: boolean;
    };
    updatedAt: string;
  } | null;
  /** Resources you shared, your comments on shared resources, and your follow-up groups. */
  sharedWork: SharedWorkExport;
  auditEntriesYouMade: {
    at: string;
    edition: EditionRef | null;
    action: string;
    summary: string;
  }[];
}

/** Gathers everything held about the signed-in person, for them to download. */
export async function exportPersonalData(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  actor: Extract<Actor, { kind: 'person' }>,
): Promise<PersonalDataExport> {
  const { store } = deps;
  const personId = actor.personId;
  // One transaction, so the download is one consistent picture even while things change.
  return store.transaction(async (store) => {
    const [person] = await store.people.findPeopleByIds([personId]);
    if (!person) throw new NotFoundError('Your record');
    const [
      governments,
      editions,
      invitations,
      registrations,
      roles,
      sessionParts,
      history,
      mail,
      audit,
      rooms,
      breakouts,
      notes,
      comments,
      subscriptions,
    ] = await Promise.all([
      store.people.listGovernments(),
      store.programme.listEditions(),
      store.access.listInvitationsOf(personId),
      store.registrations.listRegistrationsOf(personId),
      store.personalData.listGrantedRolesOf(personId),
      store.personalData.listSessionPartsOf(personId),
      store.personalData.readSignInHistory(personId),
      store.personalData.listMailTo(personId),
      store.personalData.listAuditEntriesBy(personId),
      store.live.listPersonalRoomData(personId),
      store.breakouts.listPersonalBreakoutData(personId),
      store.notes.listNotesSavedBy(personId),
      store.writeups.listCommentsBy(personId),
      store.subscriptions.listByEmail(normaliseEmail(person.email)),
    ]);
    const byId = new Map<string, Edition>(editions.map((edition) => [edition.id, edition]));
    const edition = (id: string | null): EditionRef | null => {
      const found = id === null ? undefined : byId.get(id);
      return found ? { slug: found.slug, name: found.name } : null;
    };
    const sessionIds = new Set(
      [
        rooms.messages,
        rooms.questions,
        rooms.votes,
        rooms.reactions,
        rooms.presence,
        rooms.mutedIn,
        breakouts.rooms,
        breakouts.absences,
        notes,
        comments,
      ].flatMap((list) => list.map((item) => item.sessionId)),
    );
    const sessionsById = new Map<string, SessionRef>();
    for (const id of sessionIds) {
      const found = await store.programme.findSession(id);
      sessionsById.set(id, {
        id,
        title: found?.title ?? '(a session since removed)',
        edition: edition(found?.editionId ?? null),
      });
    }
    const sessionRef = (id: string): SessionRef =>
      sessionsById.get(id) ?? { id, title: '', edition: null };
    const government = governments.find((g) => g.id === person.governmentId) ?? null;

    const registrationsOut: PersonalDataExport['registrations'] = [];
    for (const registration of registrations) {
      const [sessions, themes] = await Promise.all([
        store.programme.listSessions(registration.editionId),
        store.programme.listThemes(registration.editionId),
      ]);
      const themesOf = (ids: string[]) =>
        themes.filter((t) => ids.includes(t.id)).map((t) => ({ id: t.id, name: t.name }));
      registrationsOut.push({
        edition: edition(registration.editionId),
        displayName: registration.displayName,
        timeZone: registration.timeZone,
        accessibilityNeeds: registration.accessibilityNeeds,
        inDirectory: registration.inDirectory,
        sessionsYouPlanToAttend: sessions
          .filter((s) => registration.sessionIds.includes(s.id))
          .map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt })),
        themesYourTeamIsStrugglingWith: themesOf(registration.strugglingThemeIds),
        themesYourTeamCanHelpWith: themesOf(registration.helpingThemeIds),
        updatedAt: registration.updatedAt,
      });
    }

    return {
      about:
        'Everything Convene holds about you, as of the time below. Dates and times are in UTC. ' +
        'Sign-in links and sessions are listed by date only: what would let someone sign in as you is never shown. ' +
        'To delete your account and all of this, go to Your account.',
      exportedAt: deps.clock.now().toISOString(),
      person: {
        id: person.id,
        name: person.name,
        email: person.email,
        role: person.role,
        teamMaturity: person.maturity,
        timeZone: person.timeZone,
      },
      government: government
        ? { code: government.code, country: government.country, teamName: government.teamName }
        : null,
      invitations: invitations.map((invitation) => ({
        edition: edition(invitation.editionId),
        invitedAt: invitation.invitedAt,
        status: invitation.status,
        invitationSentAt: invitation.invitationSentAt,
        openedAt: invitation.openedAt,
        respondedAt: invitation.respondedAt,
      })),
      registrations: registrationsOut,
      roles: roles.map((role) => ({
        edition: edition(role.editionId),
        role: role.role,
        grantedAt: role.grantedAt,
      })),
      sessionsYouLead: sessionParts.map((part) => ({
        edition: edition(part.editionId),
        sessionId: part.sessionId,
        title: part.title,
        startsAt: part.startsAt,
        part: part.part,
      })),
      signInHistory: {
        links: history.links.map((link) => ({
          purpose: link.purpose,
          edition: edition(link.editionId),
          sentAt: link.createdAt,
          expiresAt: link.expiresAt,
          usedAt: link.usedAt,
        })),
        sessions: history.sessions.map((session) => ({
          startedAt: session.createdAt,
          lastActiveAt: session.lastSeenAt,
          endsAt: session.expiresAt,
        })),
      },
      mail: mail.map((message) => ({
        edition: edition(message.editionId),
        kind: message.kind,
        status: message.status,
        preparedAt: message.createdAt,
        sentAt: message.sentAt,
      })),
      sessionRooms: {
        messages: rooms.messages.map((m) => ({
          session: sessionRef(m.sessionId),
          text: m.text,
          postedAt: m.postedAt,
          hiddenByAModerator: m.hidden,
        })),
        questions: rooms.questions.map((q) => ({
          session: sessionRef(q.sessionId),
          text: q.text,
          anonymous: q.anonymous,
          status: q.status,
          askedAt: q.askedAt,
        })),
        upvotes: rooms.votes.map((v) => ({
          session: sessionRef(v.sessionId),
          question: v.question,
          votedAt: v.votedAt,
        })),
        reactions: rooms.reactions.map((r) => ({
          session: sessionRef(r.sessionId),
          kind: r.kind,
          at: r.at,
        })),
        attendance: rooms.presence.map((p) => ({
          session: sessionRef(p.sessionId),
          joinedAt: p.joinedAt,
          leftAt: p.leftAt,
        })),
        mutedIn: rooms.mutedIn.map((m) => ({
          session: sessionRef(m.sessionId),
          mutedAt: m.mutedAt,
        })),
      },
      breakoutRooms: {
        rooms: breakouts.rooms.map((room) => ({
          round: sessionRef(room.sessionId),
          room: room.room,
          asRapporteur: room.isRapporteur,
        })),
        keptApartFromSomeoneIn: breakouts.keptApartFrom.map((pair) => edition(pair.editionId)),
        roundsYouWereMarkedAbsentFrom: breakouts.absences.map((a) => sessionRef(a.sessionId)),
        notesYouSavedLast: notes.map((n) => ({
          round: sessionRef(n.sessionId),
          room: n.roomName,
          version: n.version,
          savedAt: n.updatedAt,
        })),
      },
      writeupComments: comments.map((comment) => ({
        session: sessionRef(comment.sessionId),
        text: comment.body,
        commentedAt: comment.createdAt,
        hiddenByAnOrganizer: comment.hidden,
      })),
      writeupSubscriptions: subscriptions.map((subscription) => ({
        edition: edition(subscription.editionId),
        email: subscription.email,
        status: subscription.status,
        subscribedAt: subscription.createdAt,
        confirmedAt: subscription.confirmedAt,
      })),
      introductions: await exportIntroductionsOf(store, personId, deps.clock.now()),
      directory: await store.directory
        .findProfile(personId)
        .then((profile) =>
          profile
            ? { listed: profile.listed, shows: { ...profile.shows }, updatedAt: profile.updatedAt }
            : null,
        ),
      sharedWork: await exportSharedWorkOf(store, personId),
      auditEntriesYouMade: audit.map((entry) => ({
        at: entry.at,
        edition: edition(entry.editionId),
        action: entry.action,
        summary: entry.summary,
      })),
    };
  });
}
