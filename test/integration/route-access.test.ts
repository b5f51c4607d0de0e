import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

/**
 * Who may reach each route:
 * - public: everyone, signed in or not;
 * - signed-in: any signed-in person (visitors are sent to sign in);
 * - invitee: people invited to the edition in the address;
 * - organizer: organizers of the edition in the address;
 * - organizer-anywhere: organizers of any edition (the list, a new edition);
 * - member: the edition's people (registered attendees, speakers, moderators, rapporteurs,
 *   organizers), who enter and take part in its session rooms;
 * - room-moderator: moderators and organizers of the edition, who moderate its rooms;
 * - notes-writer: the edition's rapporteurs and organizers, who write sessions' notes.
 * - member-anywhere: the people of any edition (organizers of another edition too), who ask
 *   for and answer introductions and see suggested peers, and share resources.
 */
type Rule =
  | 'public'
  | 'signed-in'
  | 'invitee'
  | 'organizer'
  | 'organizer-anywhere'
  | 'member'
  | 'room-moderator'
  | 'notes-writer'
  | 'member-anywhere';

const ACCESS: Record<string, Rule> = {
  'GET /healthz': 'public',
  'GET /': 'public',
  'GET /programme': 'public',
  'GET /programme.ics': 'public',
  'GET /editions': 'public',
  'GET /editions/:slug': 'public',
  'GET /editions/:slug/programme.ics': 'public',
  'GET /editions/:slug/sessions/:sessionId': 'public',
  'GET /editions/:slug/sessions/:sessionId/calendar.ics': 'public',
  // The numbers: aggregates only, open like the edition itself (a draft's to its people only:
  // test/integration/stats-web.test.ts).
  'GET /stats': 'public',
  'GET /stats/editions': 'public',
  'GET /editions/:slug/stats': 'public',
  // Session rooms, before the organizer routes that delete the session. The room is open (its
  // session has not started), so an allowed person's empty form is refused as invalid or
  // unknown, never as forbidden. Ending the room comes last.
  'GET /editions/:slug/sessions/:sessionId/room': 'member',
  'GET /editions/:slug/sessions/:sessionId/room/events': 'member',
  'POST /editions/:slug/sessions/:sessionId/room/messages': 'member',
  'POST /editions/:slug/sessions/:sessionId/room/questions': 'member',
  'POST /editions/:slug/sessions/:sessionId/room/questions/:questionId/vote': 'member',
  'POST /editions/:slug/sessions/:sessionId/room/reactions': 'member',
  'POST /editions/:slug/sessions/:sessionId/room/messages/:messageId/hide': 'room-moderator',
  'POST /editions/:slug/sessions/:sessionId/room/messages/:messageId/promote': 'room-moderator',
  'POST /editions/:slug/sessions/:sessionId/room/themes/confirm': 'room-moderator',
  'POST /editions/:slug/sessions/:sessionId/room/themes/remove': 'room-moderator',
  'POST /editions/:slug/sessions/:sessionId/room/questions/:questionId/status': 'room-moderator',
  'POST /editions/:slug/sessions/:sessionId/room/pin': 'room-moderator',
  'POST /editions/:slug/sessions/:sessionId/room/mutes': 'room-moderator',
  'POST /editions/:slug/sessions/:sessionId/room/settings': 'room-moderator',
  'POST /editions/:slug/sessions/:sessionId/room/state': 'room-moderator',
  'POST /preferences/time-zone': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'GET /sign-in/:token': 'public',
  'POST /sign-in/:token': 'public',
  'GET /invitations/:token': 'public',
  'POST /invitations/:token': 'public',
  'POST /sign-out': 'public',
  'GET /privacy': 'public',
  'GET /account': 'signed-in',
  'GET /account/data.json': 'signed-in',
  'GET /account/delete': 'signed-in',
  'POST /account/delete': 'signed-in',
  'GET /account/deleted': 'public',
  'GET /editions/:slug/registration': 'invitee',
  'POST /editions/:slug/registration': 'invitee',
  'GET /editions/:slug/registration/confirmation': 'invitee',
  // The development outbox exists only on the embedded default, where everyone is a developer.
  'GET /dev/outbox': 'public',
  'GET /dev/outbox/:file': 'public',
  'GET /organize': 'organizer-anywhere',
  'GET /organize/': 'organizer-anywhere',
  'GET /organize/editions/new': 'organizer-anywhere',
  'POST /organize/editions': 'organizer-anywhere',
  'GET /organize/editions/:slug': 'organizer',
  'GET /organize/editions/:slug/edit': 'organizer',
  'POST /organize/editions/:slug/edit': 'organizer',
  'POST /organize/editions/:slug/status': 'organizer',
  'GET /organize/editions/:slug/days/new': 'organizer',
  'POST /organize/editions/:slug/days': 'organizer',
  'GET /organize/editions/:slug/days/:dayId/edit': 'organizer',
  'POST /organize/editions/:slug/days/:dayId/edit': 'organizer',
  'GET /organize/editions/:slug/days/:dayId/delete': 'organizer',
  'POST /organize/editions/:slug/days/:dayId/delete': 'organizer',
  'GET /organize/editions/:slug/themes/new': 'organizer',
  'POST /organize/editions/:slug/themes': 'organizer',
  'GET /organize/editions/:slug/themes/:themeId/edit': 'organizer',
  'POST /organize/editions/:slug/themes/:themeId/edit': 'organizer',
  'GET /organize/editions/:slug/themes/:themeId/delete': 'organizer',
  'POST /organize/editions/:slug/themes/:themeId/delete': 'organizer',
  'GET /organize/editions/:slug/sessions/new': 'organizer',
  'POST /organize/editions/:slug/sessions': 'organizer',
  'GET /organize/editions/:slug/sessions/:sessionId/edit': 'organizer',
  'POST /organize/editions/:slug/sessions/:sessionId/edit': 'organizer',
  'GET /organize/editions/:slug/sessions/:sessionId/delete': 'organizer',
  'POST /organize/editions/:slug/sessions/:sessionId/delete': 'organizer',
  'GET /organize/editions/:slug/fairness': 'organizer',
  'GET /organize/editions/:slug/audit': 'organizer',
  'GET /organize/editions/:slug/invitees': 'organizer',
  'GET /organize/editions/:slug/invitees/import': 'organizer',
  'POST /organize/editions/:slug/invitees/import': 'organizer',
  'POST /organize/editions/:slug/invitees/import/confirm': 'organizer',
  'GET /organize/editions/:slug/attendees.csv': 'organizer',
  'GET /organize/editions/:slug/people': 'organizer',
  'POST /organize/editions/:slug/people': 'organizer',
  'POST /organize/editions/:slug/people/revoke': 'organizer',
  'GET /organize/editions/:slug/invitations': 'organizer',
  'POST /organize/editions/:slug/invitations': 'organizer',
  'POST /organize/editions/:slug/invitations/retry': 'organizer',
  // Breakout rooms: organizers form them; the edition's people see their own once published.
  'GET /editions/:slug/breakouts': 'member',
  // Then only the room's people and rapporteur, the edition's rapporteurs and organizers
  // (test/integration/breakouts-notes.test.ts); an unknown room is not found for members.
  'GET /editions/:slug/breakouts/rooms/:roomId/notes': 'member',
  'POST /editions/:slug/breakouts/rooms/:roomId/notes': 'member',
  'POST /editions/:slug/breakouts/rooms/:roomId/notes/themes/confirm': 'member',
  'POST /editions/:slug/breakouts/rooms/:roomId/notes/themes/remove': 'member',
  'GET /organize/editions/:slug/breakouts': 'organizer',
  'POST /organize/editions/:slug/breakouts/settings': 'organizer',
  'POST /organize/editions/:slug/breakouts/apart': 'organizer',
  'POST /organize/editions/:slug/breakouts/apart/remove': 'organizer',
  'POST /organize/editions/:slug/breakouts/absences': 'organizer',
  'POST /organize/editions/:slug/breakouts/absences/remove': 'organizer',
  'POST /organize/editions/:slug/breakouts/rounds/:sessionId/link': 'organizer',
  'POST /organize/editions/:slug/breakouts/rounds/:sessionId/replan': 'organizer',
  'POST /organize/editions/:slug/breakouts/plan': 'organizer',
  'POST /organize/editions/:slug/breakouts/regenerate': 'organizer',
  'POST /organize/editions/:slug/breakouts/move': 'organizer',
  'POST /organize/editions/:slug/breakouts/rooms/:roomId/lock': 'organizer',
  'POST /organize/editions/:slug/breakouts/rooms/:roomId/rapporteur': 'organizer',
  'POST /organize/editions/:slug/breakouts/publish': 'organizer',
  'GET /organize/editions/:slug/breakouts/rooms.csv': 'organizer',
  'GET /organize/editions/:slug/breakouts/rounds/:sessionId/zoom.csv': 'organizer',
  'GET /organize/editions/:slug/breakouts/print': 'organizer',
  'GET /organize/editions/:slug/writeups': 'organizer',
  'GET /organize/editions/:slug/sessions/:sessionId/writeup': 'organizer',
  'POST /organize/editions/:slug/sessions/:sessionId/writeup': 'organizer',
  'POST /organize/editions/:slug/sessions/:sessionId/attribution': 'organizer',
  'POST /organize/editions/:slug/sessions/:sessionId/writeup/themes/confirm': 'organizer',
  'POST /organize/editions/:slug/sessions/:sessionId/writeup/themes/remove': 'organizer',
  'GET /organize/editions/:slug/report': 'organizer',
  'POST /organize/editions/:slug/report': 'organizer',
  // The report is public once published (404 before); a theme's page is open like the
  // write-ups, its questions, messages and notes shown to the edition's people only
  // (test/integration/themes-report.test.ts).
  'GET /editions/:slug/report': 'public',
  'GET /editions/:slug/themes': 'public',
  'GET /editions/:slug/themes/:themeId': 'public',
  'GET /editions/:slug/writeups': 'public',
  'GET /editions/:slug/writeups/:sessionId': 'public',
  // Comments: the session in the address has no published write-up, so an allowed person is
  // refused as "not published" (409) and an organizer's unknown comment is not found (404); who
  // may comes first, so others are refused before anything is looked up
  // (test/integration/writeup-comments.test.ts).
  'POST /editions/:slug/writeups/:sessionId/comments': 'member',
  'POST /editions/:slug/writeups/:sessionId/comments/:commentId/hide': 'organizer',
  'GET /editions/:slug/writeups.atom': 'public',
  'GET /writeups.atom': 'public',
  // Email subscriptions: anyone may subscribe; a link's token alone confirms or unsubscribes
  // (test/integration/writeup-subscriptions.test.ts).
  'POST /editions/:slug/writeups/subscribe': 'public',
  'GET /writeups/subscriptions/confirm/:token': 'public',
  'POST /writeups/subscriptions/confirm/:token': 'public',
  'GET /writeups/unsubscribe/:token': 'public',
  'POST /writeups/unsubscribe/:token': 'public',
  'GET /editions/:slug/sessions/:sessionId/notes': 'notes-writer',
  'POST /editions/:slug/sessions/:sessionId/notes': 'notes-writer',
  // Introductions and suggested peers, across editions: an allowed person's empty form names an
  // unknown person or request (404) or a missing field, never a refusal
  // (test/integration/introductions-web.test.ts).
  'GET /introductions': 'member-anywhere',
  'GET /introductions/ask/:personId': 'member-anywhere',
  'POST /introductions/ask/:personId': 'member-anywhere',
  'POST /introductions/:introductionId/answer': 'member-anywhere',
  'POST /introductions/blocks': 'member-anywhere',
  'POST /introductions/blocks/:personId/remove': 'member-anywhere',
  'GET /peers': 'member-anywhere',
  // The directory of attendees, across editions; each person's own entry; who they met, private
  // to them (test/integration/directory-web.test.ts, test/integration/people-met-web.test.ts).
  'GET /directory': 'member-anywhere',
  'GET /directory/me': 'member-anywhere',
  'POST /directory/me': 'member-anywhere',
  'GET /people-met': 'signed-in',
  'GET /people-met.csv': 'signed-in',
  'GET /people-met.vcf': 'signed-in',
  // Shared resources, for the people of any edition. The resource in the address does not
  // exist, so those allowed are told it was not found (404); the sharer-only pages (edit,
  // withdraw) and hidden resources are in test/integration/resources-web.test.ts.
  'GET /resources': 'member-anywhere',
  'GET /resources/new': 'member-anywhere',
  'POST /resources': 'member-anywhere',
  'GET /resources/:resourceId': 'member-anywhere',
  'GET /resources/:resourceId/edit': 'member-anywhere',
  'POST /resources/:resourceId/edit': 'member-anywhere',
  'GET /resources/:resourceId/withdraw': 'member-anywhere',
  'POST /resources/:resourceId/withdraw': 'member-anywhere',
  'POST /resources/:resourceId/comments': 'member-anywhere',
  'POST /resources/:resourceId/hide': 'organizer-anywhere',
  'POST /resources/:resourceId/comments/:commentId/hide': 'organizer-anywhere',
  // Follow-up groups of an edition (test/integration/follow-up-groups.test.ts).
  'GET /organize/editions/:slug/follow-up-groups': 'organizer',
  'POST /organize/editions/:slug/follow-up-groups': 'organizer',
  'POST /organize/editions/:slug/follow-up-groups/:groupingId/send': 'organizer',
  'POST /organize/editions/:slug/follow-up-groups/retry': 'organizer',
};

/** GETs that would stay open as a stream: asked for what is there now, so that the answer ends. */
const STREAMS = new Set(['GET /editions/:slug/sessions/:sessionId/room/events']);

const ACTORS = [
  'visitor',
  'invitee',
  'attendee',
  'speaker',
  'moderator',
  'rapporteur',
  'organizer',
  'organizer of another edition',
] as const;
type ActorName = (typeof ACTORS)[number];

/** Routes that end a session or an account: each request gets a fresh person with the same roles. */
const DESTRUCTIVE = new Set([
  'POST /sign-out',
  'POST /account/delete',
  'POST /organize/editions/:slug/people/revoke',
]);
let fresh = 0;

const ALLOWED: Record<Rule, ActorName[]> = {
  public: [...ACTORS],
  'signed-in': ACTORS.filter((a) => a !== 'visitor'),
  invitee: ['invitee', 'attendee'],
  organizer: ['organizer'],
  'organizer-anywhere': ['organizer', 'organizer of another edition'],
  member: ['attendee', 'speaker', 'moderator', 'rapporteur', 'organizer'],
  'room-moderator': ['moderator', 'organizer'],
  'notes-writer': ['rapporteur', 'organizer'],
  'member-anywhere': [
    'attendee',
    'speaker',
    'moderator',
    'rapporteur',
    'organizer',
    'organizer of another edition',
  ],
};

describeEachDatabase('who may reach every route', (database) => {
  let web: TestWebApp;
  const cookies = {} as Record<ActorName, Record<string, string>>;
  const params: Record<string, string> = {};

  let editionIds = { mine: '', other: '' };

  /** Signs in a new person holding the actor's roles; fresh ones serve routes that end a session or an account. */
  async function makeActor(actor: ActorName, suffix: string): Promise<Record<string, string>> {
    const at = web.clock.now().toISOString();
    const id = `${actor.replace(/\W+/g, '-')}-${suffix}`;
    switch (actor) {
      case 'visitor':
        return {};
      case 'invitee':
      case 'attendee': {
        const cookie = await signInAs(web.deps, { id });
        await web.deps.store.people.addInvitee(editionIds.mine, id, at);
        if (actor === 'attendee')
          await web.deps.store.access.updateInviteeProgress(editionIds.mine, id, {
            status: 'registered',
            respondedAt: at,
          });
        return cookie;
      }
      case 'speaker': {
        const cookie = await signInAs(web.deps, { id });
        const [session] = await web.deps.store.programme.listSessions(editionIds.mine);
        const contributors = (await web.deps.store.programme.listContributors([session!.id])).map(
          (c) => ({ sessionId: session!.id, personId: c.personId, part: c.part }),
        );
        await web.deps.store.programme.saveSession(session!, [
          ...contributors,
          { sessionId: session!.id, personId: id, part: 'speaker' },
        ]);
        return cookie;
      }
      case 'moderator':
      case 'rapporteur':
      case 'organizer':
        return signInAs(web.deps, { id }, [{ editionId: editionIds.mine, role: actor }]);
      case 'organizer of another edition':
        return signInAs(web.deps, { id }, [{ editionId: editionIds.other, role: 'organizer' }]);
    }
  }

  before(async () => {
    web = await buildTestWebApp(database());
    const mine = await seedEdition(web.deps, 'dsc-2021');
    const other = await seedEdition(web.deps, 'other-2021');
    editionIds = { mine: mine.edition.id, other: other.edition.id };
    const days = await web.deps.store.programme.listDays(mine.edition.id);
    Object.assign(params, {
      slug: 'dsc-2021',
      sessionId: mine.sessions.panel.id,
      dayId: days[0]!.id,
      themeId: mine.themes.lockIn.id,
      token: 'not-a-real-token',
      file: 'no-such-message.eml',
    });
    for (const actor of ACTORS) cookies[actor] = await makeActor(actor, 'main');
  });
  after(async () => web.app.close());

  it('has a rule for every route the app serves', () => {
    const served = web.app.registeredRoutes
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !key.startsWith('GET /assets/'));
    const missing = served.filter((key) => !(key in ACCESS));
    assert.deepEqual(missing, [], 'add these routes to ACCESS with who may reach them');
  });

  for (const [route, rule] of Object.entries(ACCESS)) {
    it(`lets only ${ALLOWED[rule].join(', ') || 'nobody'} reach ${route}`, async () => {
      const [method, pattern] = route.split(' ') as [string, string];
      const url =
        pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name) +
        (STREAMS.has(route) ? '?once=1' : '');
      for (const actor of ACTORS) {
        const who = DESTRUCTIVE.has(route)
          ? await makeActor(actor, `fresh-${++fresh}`)
          : cookies[actor];
        const response =
          method === 'GET'
            ? await web.app.inject({ url, cookies: who })
            : await postForm(web.app, url, {}, who);
        const isSentToSignIn =
          response.statusCode === 303 && String(response.headers.location).startsWith('/sign-in');
        const isForbidden = response.statusCode === 403 || (isSentToSignIn && rule !== 'public');
        const shouldBeAllowed = ALLOWED[rule].includes(actor);
        assert.equal(
          !isForbidden,
          shouldBeAllowed,
          `${actor} on ${method} ${url}: answered ${response.statusCode}`,
        );
        assert.notEqual(
          response.statusCode,
          500,
          `${actor} on ${method} ${url} caused a server error`,
        );
      }
    });
  }

  it('answers 404 when an organizer names another edition’s records under their own edition', async () => {
    const other = await web.deps.store.programme.findEditionBySlug('other-2021');
    const [otherSession] = await web.deps.store.programme.listSessions(other!.id);
    const [otherDay] = await web.deps.store.programme.listDays(other!.id);
    const [otherTheme] = await web.deps.store.programme.listThemes(other!.id);
    for (const url of [
      `/organize/editions/dsc-2021/sessions/${otherSession!.id}/edit`,
      `/organize/editions/dsc-2021/days/${otherDay!.id}/edit`,
      `/organize/editions/dsc-2021/themes/${otherTheme!.id}/edit`,
    ]) {
      assert.equal(
        (await web.app.inject({ url, cookies: cookies.organizer })).statusCode,
        404,
        url,
      );
      assert.equal(
        (
          await postForm(
            web.app,
            url,
            { title: 'Taken over', name: 'Taken over' },
            cookies.organizer,
          )
        ).statusCode,
        404,
        `POST ${url}`,
      );
    }
    const untouched = await web.deps.store.programme.findSession(otherSession!.id);
    assert.notEqual(untouched?.title, 'Taken over');
  });

  it('refuses an organizer of another edition on every organizer page of this one, changing nothing', async () => {
    const before = await web.deps.store.audit.listForEdition(
      (await web.deps.store.programme.findEditionBySlug('dsc-2021'))!.id,
      1000,
    );
    const response = await postForm(
      web.app,
      '/organize/editions/dsc-2021/status',
      { to: 'draft' },
      cookies['organizer of another edition'],
    );
    assert.equal(response.statusCode, 403);
    const afterwards = await web.deps.store.audit.listForEdition(
      (await web.deps.store.programme.findEditionBySlug('dsc-2021'))!.id,
      1000,
    );
    assert.equal(afterwards.length, before.length);
    assert.equal(
      (await web.deps.store.programme.findEditionBySlug('dsc-2021'))?.status,
      'published',
    );
  });
});
