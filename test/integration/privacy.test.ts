import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/adapters/db/schema.ts';
import { issueInvitationLink, requestSignInLink } from '../../src/app/access/sign-in.ts';
import { saveTheme } from '../../src/app/programme/programme.commands.ts';
import type { Actor } from '../../src/domain/access/actor.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { expectAccepted, FACTORY_ACTOR, seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { postRoom, readStreamOnce, roomPath, type RoomPerson } from '../support/rooms.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';

/** The tables of src/adapters/db/schema.ts; the scan below also reads any table added since. */
const SCHEMA_TABLES: (keyof Database)[] = [
  'governments',
  'people',
  'editions',
  'days',
  'themes',
  'sessions',
  'session_contributors',
  'session_themes',
  'edition_invitees',
  'edition_members',
  'registrations',
  'sign_in_tokens',
  'user_sessions',
  'mail_batches',
  'outgoing_mail',
  'audit_log',
  'live_rooms',
  'room_events',
  'room_messages',
  'room_questions',
  'room_question_votes',
  'room_mutes',
  'room_reactions',
  'room_presence',
  'breakout_plans',
  'breakout_round_links',
  'breakout_rooms',
  'breakout_assignments',
  'breakout_apart_pairs',
  'breakout_absences',
  'notes',
  'session_attribution',
  'writeups',
  'writeup_comments',
  'writeup_subscriptions',
  'theme_tags',
  'message_promotions',
  'directory_profiles',
  'introductions',
  'introduction_blocks',
  'introduction_mail',
  'shared_resources',
  'shared_resource_themes',
  'shared_resource_comments',
  'follow_up_groupings',
  'follow_up_groups',
  'follow_up_group_members',
];

/** Every table in the database, from its own catalogue, except Kysely's record of migrations. */
async function listTables(db: Kysely<Database>, kind: 'sqlite' | 'postgresql'): Promise<string[]> {
  const result =
    kind === 'sqlite'
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          db,
        )
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return result.rows.map((row) => row.name).filter((name) => !name.startsWith('kysely_'));
}

/** Each table in which any column of any row holds one of the needles (case-insensitive). */
async function findTraces(
  db: Kysely<Database>,
  kind: 'sqlite' | 'postgresql',
  needles: string[],
): Promise<Record<string, string[]>> {
  const lowered = needles.map((needle) => needle.toLowerCase());
  const found: Record<string, string[]> = {};
  for (const table of await listTables(db, kind)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db,
    );
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const text = String(value).toLowerCase();
        for (const needle of lowered) {
          if (text.includes(needle)) (found[table] ??= []).push(`${column} holds "${needle}"`);
        }
      }
    }
  }
  return found;
}

describeEachDatabase('privacy: downloading your data and deleting your account', (database) => {
  let web: TestWebApp;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  let db: Kysely<Database>;
  let kind: 'sqlite' | 'postgresql';
  let serial = 0;

  before(async () => {
    web = await buildTestWebApp(database());
    db = database().connection.db;
    kind = database().connection.kind;
    seeded = await seedEdition(web.deps, SLUG);
  });
  after(async () => web.app.close());

  interface Someone {
    id: string;
    name: string;
    email: string;
    displayName: string;
    needs: string;
    cookies: Record<string, string>;
  }

  /**
   * A person with a trace in every kind of record: invited and registered (with accessibility
   * needs), a moderator, speaker of a session, sent sign-in and invitation links, signed in,
   * mailed, the author of organizer changes, and named in someone else's audit entry.
   */
  async function someoneEverywhere(label: string): Promise<Someone> {
    const n = ++serial;
    const person = {
      id: `p-${label}-${n}`,
      name: `${label[0]!.toUpperCase()}${label.slice(1)} Mwangi${n}`,
      email: `${label}.${n}@ke.example`,
      displayName: `${label}-shown-${n}`,
      needs: `${label}-needs-captions-${n}`,
    };
    await web.deps.store.people.savePerson({
      id: person.id,
      name: person.name,
      email: person.email,
      governmentId: `gov-ke-${SLUG}`,
      role: 'engineer',
      maturity: 'starting',
      timeZone: 'Africa/Nairobi',
    });
    const now = web.clock.now().toISOString();
    const editionId = seeded.edition.id;
    await web.deps.store.people.addInvitee(editionId, person.id, now);
    await web.deps.store.access.grantRole(editionId, person.id, 'moderator', now);
    const session = seeded.sessions.panel;
    const contributors = await web.deps.store.programme.listContributors([session.id]);
    await web.deps.store.programme.saveSession(session, [
      ...contributors.map((c) => ({ sessionId: session.id, personId: c.personId, part: c.part })),
      { sessionId: session.id, personId: person.id, part: 'speaker' },
    ]);
    await requestSignInLink(web.deps, person.email);
    await issueInvitationLink(web.deps, editionId, person.id);
    const cookies = await signInAs(web.deps, { id: person.id });
    const registered = await postForm(
      web.app,
      `/editions/${SLUG}/registration`,
      {
        attending: 'yes',
        displayName: person.displayName,
        timeZone: 'Africa/Nairobi',
        accessibilityNeeds: person.needs,
        inDirectory: 'yes',
        sessions: [seeded.sessions.opening.id],
        strugglingThemes: [seeded.themes.lockIn.id],
      },
      cookies,
    );
    assert.equal(registered.statusCode, 303);
    const actor: Actor = {
      kind: 'person',
      personId: person.id,
      name: person.name,
      email: person.email,
      memberships: [],
      invitedEditionIds: [editionId],
    };
    expectAccepted(
      await saveTheme(web.deps, actor, SLUG, null, {
        name: `Theme added by ${label} ${n}`,
        description: '',
      }),
    );
    await web.deps.store.audit.append({
      id: `audit-mention-${label}-${n}`,
      at: now,
      actorPersonId: null,
      actorLabel: 'Someone else (someone@else.example)',
      editionId,
      action: 'role.granted',
      summary: `Made ${person.name} (${person.email}) a moderator. Later thanked ${person.name}.`,
    });
    await db
      .insertInto('mail_batches')
      .values({
        id: `batch-${label}-${n}`,
        edition_id: editionId,
        kind: 'invitation',
        requested_by: person.id,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('outgoing_mail')
      .values({
        id: `mail-${label}-${n}`,
        batch_id: `batch-${label}-${n}`,
        edition_id: editionId,
        person_id: person.id,
        kind: 'invitation',
        status: 'sent',
        attempts: 1,
        next_attempt_at: now,
        last_error: null,
        sent_at: now,
        created_at: now,
      })
      .execute();
    // A breakout room they sit in and take notes in, a pair kept apart, an absence, and the
    // plan they published.
    const round = seeded.sessions.later.id;
    const others = (await web.deps.store.breakouts.listRooms(editionId)).filter(
      (room) => room.sessionId === round,
    );
    await web.deps.store.breakouts.replaceRooms(
      round,
      others.map((room) => room.id),
      [
        {
          id: `room-${label}-${n}`,
          editionId,
          sessionId: round,
          number: others.length + 1,
          name: `Room ${others.length + 1}`,
          videoUrl: 'https://meet.jit.si/convene-test-room',
          locked: false,
          rapporteurId: person.id,
          memberIds: [person.id],
        },
      ],
    );
    await web.deps.store.notes.saveNotesIfUnchanged({
      id: `notes-${label}-${n}`,
      editionId,
      sessionId: round,
      breakoutRoomId: `room-${label}-${n}`,
      kind: 'breakout-room',
      roomName: `Room ${others.length + 1}`,
      sections: {
        keyPoints: '',
        struggles: 'Yearly budgets',
        ideas: '',
        takeaways: '',
        quotes: '',
      },
      version: 1,
      updatedBy: person.id,
      updatedAt: now,
    });
    await web.deps.store.breakouts.addApartPair(editionId, [person.id, `p-wanjiru-${SLUG}`]);
    await web.deps.store.breakouts.addAbsence({ sessionId: round, personId: person.id });
    await web.deps.store.breakouts.savePlan({
      editionId,
      status: 'published',
      roomSize: { min: 1, max: 6 },
      seed: 1,
      score: null,
      plannedAt: now,
      publishedBy: person.id,
      publishedAt: now,
      revision: 0,
    });
    // A comment on the opening's published write-up (published once, by nobody in particular).
    await web.deps.store.writeups.saveWriteupIfUnchanged({
      id: `writeup-${SLUG}-opening`,
      editionId,
      sessionId: seeded.sessions.opening.id,
      title: 'What the opening taught us',
      summary: '',
      body: 'Teams share more than they think.',
      status: 'published',
      version: 1,
      updatedBy: null,
      updatedAt: now,
      firstPublishedAt: now,
      publishedAt: now,
    });
    await web.deps.store.writeups.addComment({
      id: `comment-${label}-${n}`,
      writeupId: `writeup-${SLUG}-opening`,
      personId: person.id,
      body: `${label}-commented-${n}`,
      hidden: false,
      createdAt: now,
    });
    // A confirmed subscription to new write-ups, under their email address only.
    await web.deps.store.subscriptions.insertSubscription(
      {
        id: `subscription-${label}-${n}`,
        editionId,
        email: person.email,
        status: 'pending',
        createdAt: now,
        confirmedAt: null,
      },
      `subscription-token-hash-${label}-${n}`,
    );
    await web.deps.store.subscriptions.confirm(`subscription-${label}-${n}`, now);
    // A resource they shared, a comment on it, and a place in a follow-up group of the theme
    // they added (one theme per person, so that one person's groups do not replace another's).
    const addedTheme = (await web.deps.store.programme.listThemes(editionId)).find(
      (theme) => theme.name === `Theme added by ${label} ${n}`,
    )!;
    await web.deps.store.resources.insertResource({
      id: `resource-${label}-${n}`,
      title: `${label}-resource-${n}`,
      kind: 'practice',
      url: `https://example.org/${label}-${n}`,
      description: `${label}-described-${n}`,
      governmentId: `gov-ke-${SLUG}`,
      themeIds: [addedTheme.id],
      sharedBy: person.id,
      hidden: false,
      createdAt: now,
      updatedAt: now,
    });
    await web.deps.store.resources.addComment({
      id: `resource-comment-${label}-${n}`,
      resourceId: `resource-${label}-${n}`,
      personId: person.id,
      body: `${label}-resource-comment-${n}`,
      hidden: false,
      createdAt: now,
    });
    await web.deps.store.followUpGroups.saveDraft({
      id: `grouping-${label}-${n}`,
      editionId,
      themeId: addedTheme.id,
      minSize: 2,
      maxSize: 4,
      status: 'draft',
      formedBy: person.id,
      formedAt: now,
      batchId: null,
      sentAt: null,
      groups: [
        {
          id: `follow-up-${n}-${label}`,
          number: 1,
          suggestedStart: '2021-06-03T07:00:00.000Z',
          memberIds: [person.id, FACTORY_ACTOR.personId],
        },
      ],
    });
    return { ...person, cookies };
  }

  /**
   * Gives the person a trace of every kind in a session room, beside someone who stays: their
   * messages (one hidden, one replied to, quoted in the reply), questions (one anonymous, one
   * answered), votes, a reaction, a message of the other person they hid as a moderator, being
   * muted, and being present. Answers the words they wrote, which must go with them.
   */
  async function inTheRoom(gone: Someone, stays: Someone): Promise<string[]> {
    const sessionId = seeded.sessions.panel.id;
    const base = roomPath(SLUG, sessionId);
    const as = (someone: Someone): RoomPerson => ({ ...someone });
    const post = async (who: Someone, path: string, fields: Record<string, string> = {}) => {
      const response = await postRoom(web.app, `${base}${path}`, fields, as(who), { json: true });
      assert.equal(response.statusCode, 200, `${who.id} POST ${path}: ${response.body}`);
      return response.json<{ messageId?: string; questionId?: string }>();
    };
    const words = [`${gone.id}-said-first`, `${gone.id}-said-second`, `${gone.id}-asked-quietly`];
    const quoted = await post(gone, '/messages', { text: `${words[0]} about budgets` });
    const hidden = await post(gone, '/messages', { text: `${words[1]} about vendors` });
    const anonymous = await post(gone, '/questions', { text: `${words[2]}?`, anonymous: 'on' });
    const answered = await post(gone, '/questions', { text: 'What about procurement rules?' });
    await post(stays, '/messages', { text: 'A reply to that', replyTo: quoted.messageId! });
    const theirs = await post(stays, '/messages', { text: 'Something to hide' });
    const asked = await post(stays, '/questions', { text: 'And the talent question?' });
    await post(stays, `/questions/${anonymous.questionId}/vote`);
    await post(gone, `/questions/${asked.questionId}/vote`);
    await post(gone, '/reactions', { kind: 'applause' });
    await web.reactions.flush();
    await post(gone, `/messages/${theirs.messageId}/hide`, { hidden: 'true' });
    await post(stays, `/messages/${hidden.messageId}/hide`, { hidden: 'true' });
    await post(stays, `/questions/${answered.questionId}/status`, { status: 'answered' });
    // Themes they confirmed, and chat messages asked in Q&A: theirs by others, others' by them.
    const theme = { kind: 'question', themeId: seeded.themes.lockIn.id };
    await post(gone, '/themes/confirm', { ...theme, subjectId: asked.questionId! });
    await post(stays, '/themes/confirm', { ...theme, subjectId: answered.questionId! });
    await post(stays, `/messages/${quoted.messageId}/promote`);
    const toAsk = await post(stays, '/messages', { text: 'Who pays for the hosting' });
    await post(gone, `/messages/${toAsk.messageId}/promote`);
    await post(stays, '/mutes', { personId: gone.id, muted: 'true' });
    const connection = web.presence.join(sessionId, gone.id);
    await web.presence.flush();
    web.presence.leave(connection);
    await web.presence.flush();
    return words;
  }

  /** Another organizer, so that nobody in these tests is the last one. */
  async function secondOrganizer() {
    await signInAs(web.deps, { id: `p-organizer-${++serial}` }, [
      { editionId: seeded.edition.id, role: 'organizer' },
    ]);
  }

  const download = (cookies: Record<string, string>) =>
    web.app.inject({ url: '/account/data.json', cookies });

  describe('downloading your data', () => {
    it('gives the signed-in person everything held about them as a JSON attachment', async () => {
      const wanjiru = await someoneEverywhere('wanjiru');
      const response = await download(wanjiru.cookies);
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /^application\/json/);
      assert.match(
        response.headers['content-disposition'] as string,
        /^attachment; filename="convene-your-data-2021-06-01\.json"$/,
      );
      assert.equal(response.headers['cache-control'], 'no-store');
      const data = JSON.parse(response.body);
      assert.deepEqual(data.person, {
        id: wanjiru.id,
        name: wanjiru.name,
        email: wanjiru.email,
        role: 'engineer',
        teamMaturity: 'starting',
        timeZone: 'Africa/Nairobi',
      });
      assert.deepEqual(data.government, {
        code: `KE-${SLUG}`,
        country: 'Kenya',
        teamName: 'Ministry of ICT',
      });
      assert.equal(data.invitations.length, 1);
      assert.equal(data.invitations[0].edition.slug, SLUG);
      assert.equal(data.invitations[0].status, 'registered');
      assert.equal(data.invitations[0].openedAt, null);
      assert.equal(data.registrations.length, 1);
      assert.equal(data.registrations[0].displayName, wanjiru.displayName);
      assert.equal(data.registrations[0].accessibilityNeeds, wanjiru.needs);
      assert.equal(data.registrations[0].inDirectory, true);
      assert.deepEqual(
        data.registrations[0].sessionsYouPlanToAttend.map((s: { title: string }) => s.title),
        ['Opening: collaboration, not competition'],
      );
      assert.deepEqual(data.registrations[0].themesYourTeamIsStrugglingWith, [
        { id: seeded.themes.lockIn.id, name: 'Vendor lock-in and budgets' },
      ]);
      assert.deepEqual(
        data.roles.map((r: { role: string }) => r.role),
        ['moderator'],
      );
      assert.deepEqual(data.sessionsYouLead, [
        {
          edition: { slug: SLUG, name: `Digital Services Convening ${SLUG}` },
          sessionId: seeded.sessions.panel.id,
          title: 'Breaking free of big IT vendors',
          startsAt: seeded.sessions.panel.startsAt,
          part: 'speaker',
        },
      ]);
      assert.deepEqual(
        data.signInHistory.links.map((l: { purpose: string }) => l.purpose),
        ['sign-in', 'invitation'],
      );
      assert.equal(data.signInHistory.sessions.length, 1);
      assert.deepEqual(data.mail, [
        {
          edition: { slug: SLUG, name: `Digital Services Convening ${SLUG}` },
          kind: 'invitation',
          status: 'sent',
          preparedAt: '2021-06-01T12:00:00.000Z',
          sentAt: '2021-06-01T12:00:00.000Z',
        },
      ]);
      assert.deepEqual(
        data.auditEntriesYouMade.map((e: { action: string }) => e.action),
        ['theme.created'],
      );
      assert.deepEqual(data.writeupSubscriptions, [
        {
          edition: { slug: SLUG, name: `Digital Services Convening ${SLUG}` },
          email: wanjiru.email,
          status: 'confirmed',
          subscribedAt: '2021-06-01T12:00:00.000Z',
          confirmedAt: '2021-06-01T12:00:00.000Z',
        },
      ]);
      const n = wanjiru.id.split('-').at(-1);
      assert.deepEqual(data.sharedWork, {
        sharedResources: [
          {
            title: `wanjiru-resource-${n}`,
            kind: 'Practice',
            link: `https://example.org/wanjiru-${n}`,
            description: `wanjiru-described-${n}`,
            themes: [`Theme added by wanjiru ${n}`],
            sharedAt: '2021-06-01T12:00:00.000Z',
            changedAt: '2021-06-01T12:00:00.000Z',
            hiddenByAnOrganizer: false,
          },
        ],
        resourceComments: [
          {
            resource: `wanjiru-resource-${n}`,
            text: `wanjiru-resource-comment-${n}`,
            commentedAt: '2021-06-01T12:00:00.000Z',
            hiddenByAnOrganizer: false,
          },
        ],
        followUpGroups: [
          {
            edition: { slug: SLUG, name: `Digital Services Convening ${SLUG}` },
            theme: `Theme added by wanjiru ${n}`,
            suggestedCall: '2021-06-03T07:00:00.000Z',
            introductionsSentAt: null,
          },
        ],
      });
      assert.deepEqual(data.writeupComments, [
        {
          session: {
            id: seeded.sessions.opening.id,
            title: 'Opening: collaboration, not competition',
            edition: { slug: SLUG, name: `Digital Services Convening ${SLUG}` },
          },
          text: `wanjiru-commented-${wanjiru.id.split('-').at(-1)}`,
          commentedAt: '2021-06-01T12:00:00.000Z',
          hiddenByAnOrganizer: false,
        },
      ]);
      assert.deepEqual(data.breakoutRooms, {
        rooms: [
          {
            round: {
              id: seeded.sessions.later.id,
              title: 'From services to reform',
              edition: { slug: SLUG, name: `Digital Services Convening ${SLUG}` },
            },
            room: 'Room 1',
            asRapporteur: true,
          },
        ],
        keptApartFromSomeoneIn: [{ slug: SLUG, name: `Digital Services Convening ${SLUG}` }],
        roundsYouWereMarkedAbsentFrom: [
          {
            id: seeded.sessions.later.id,
            title: 'From services to reform',
            edition: { slug: SLUG, name: `Digital Services Convening ${SLUG}` },
          },
        ],
        notesYouSavedLast: [
          {
            round: {
              id: seeded.sessions.later.id,
              title: 'From services to reform',
              edition: { slug: SLUG, name: `Digital Services Convening ${SLUG}` },
            },
            room: 'Room 1',
            version: 1,
            savedAt: data.breakoutRooms.notesYouSavedLast[0]?.savedAt,
          },
        ],
      });
    });

    it('never shows the stored hash of a sign-in link or session', async () => {
      const wanjiru = await someoneEverywhere('hashes');
      const response = await download(wanjiru.cookies);
      const hashes = [
        ...(await db.selectFrom('sign_in_tokens').select('token_hash as hash').execute()),
        ...(await db.selectFrom('user_sessions').select('session_hash as hash').execute()),
      ].map((row) => row.hash);
      assert.ok(hashes.length >= 3);
      for (const hash of hashes) assert.ok(!response.body.includes(hash), 'no hash in the file');
      assert.ok(!response.body.includes(wanjiru.cookies.convene_session!), 'no session token');
    });

    it('never includes anything about another person, even one in the same session', async () => {
      const wanjiru = await someoneEverywhere('mine');
      const kadri = await someoneEverywhere('theirs');
      const response = await download(wanjiru.cookies);
      assert.equal(response.statusCode, 200);
      for (const trace of [kadri.id, kadri.name, kadri.email, kadri.displayName, kadri.needs])
        assert.ok(
          !response.body.includes(trace),
          `the download holds "${trace}" of another person`,
        );
      // The seeded speaker and moderator of the sessions she chose stay out of it too.
      for (const trace of ['Kadri Tamm', 'Wanjiru Kamau', `kadri.tamm@${SLUG}.example`])
        assert.ok(!response.body.includes(trace), `the download holds "${trace}"`);
    });

    it('sends a signed-out visitor to sign in', async () => {
      const response = await web.app.inject({ url: '/account/data.json' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/sign-in');
    });
  });

  describe('deleting your account', () => {
    it('explains what happens before anything is deleted', async () => {
      const person = await someoneEverywhere('reader');
      await secondOrganizer();
      const account = await web.app.inject({ url: '/account', cookies: person.cookies });
      assert.match(account.body, /href="\/account\/data\.json" download>Download your data/);
      assert.match(account.body, /href="\/account\/delete">Delete your account/);
      const page = await web.app.inject({ url: '/account/delete', cookies: person.cookies });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Delete your account<\/h1>/);
      assert.match(page.body, /You cannot undo this\./);
      assert.match(page.body, /<form method="post" action="\/account\/delete"/);
      assert.match(page.body, /name="_csrf"/);
      assert.equal((await web.deps.store.people.findPeopleByIds([person.id])).length, 1);
    });

    it('leaves no trace of the person’s id, name, email or answers in any table', async () => {
      const gone = await someoneEverywhere('gone');
      const stays = await someoneEverywhere('stays');
      const words = await inTheRoom(gone, stays);
      const traces = [gone.id, gone.name, gone.email, gone.displayName, gone.needs, ...words];
      traces.push(`gone-commented-${gone.id.split('-').at(-1)}`);
      const n = gone.id.split('-').at(-1);
      traces.push(`gone-resource-${n}`, `gone-described-${n}`, `gone-resource-comment-${n}`);

      const tables = await listTables(db, kind);
      for (const table of SCHEMA_TABLES) assert.ok(tables.includes(table), `${table} is scanned`);
      const before = await findTraces(db, kind, traces);
      // The scan sees the person everywhere first, so it can tell when deletion missed something.
      for (const table of [
        'people',
        'edition_invitees',
        'edition_members',
        'registrations',
        'session_contributors',
        'sign_in_tokens',
        'user_sessions',
        'mail_batches',
        'outgoing_mail',
        'audit_log',
        'room_events',
        'room_messages',
        'room_questions',
        'room_question_votes',
        'room_mutes',
        'room_reactions',
        'room_presence',
        'theme_tags',
        'message_promotions',
        'writeup_comments',
        'writeup_subscriptions',
        'shared_resources',
        'shared_resource_comments',
        'follow_up_group_members',
        'follow_up_groupings',
      ])
        assert.ok(before[table], `the scan finds the person in ${table} before deletion`);

      const response = await postForm(web.app, '/account/delete', {}, gone.cookies);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/account/deleted');
      assert.deepEqual(await findTraces(db, kind, traces), {});

      // What others did and hold is kept: the other person, the sessions, the log of changes.
      const stillThere = await findTraces(db, kind, [stays.id, stays.email]);
      for (const table of ['people', 'registrations', 'session_contributors', 'audit_log'])
        assert.ok(stillThere[table], `the other person is still in ${table}`);
      const programme = await web.app.inject({ url: `/editions/${SLUG}` });
      assert.match(programme.body, /Breaking free of big IT vendors/);
      const log = await web.deps.store.audit.listForEdition(seeded.edition.id, 500);
      const theirs = log.find((entry) => entry.summary.includes(`Theme added by gone`));
      assert.equal(theirs?.actorLabel, 'A deleted account');
      assert.equal(theirs?.actorPersonId, null);
      const mention = log.find((entry) => entry.id.startsWith('audit-mention-gone-'));
      assert.equal(
        mention?.summary,
        'Made [deleted account] a moderator. Later thanked [deleted account].',
      );

      // The room keeps what the other person wrote; a reply to the deleted person names nobody.
      const room = await web.app.inject({
        url: roomPath(SLUG, seeded.sessions.panel.id),
        cookies: stays.cookies,
      });
      assert.equal(room.statusCode, 200);
      assert.match(room.body, /A reply to that/);
      assert.match(room.body, /Reply to <strong[^>]*>Former participant<\/strong>/);
      assert.match(room.body, /And the talent question\?/);
      const stream = JSON.stringify(
        await readStreamOnce(web.app, roomPath(SLUG, seeded.sessions.panel.id), stays),
      );
      assert.match(stream, /A reply to that/);
      for (const trace of traces)
        for (const text of [room.body, stream])
          assert.ok(!text.includes(trace), `the room still shows "${trace}"`);
    });

    it('forgets a person in the rooms’ logs even when their id holds characters special to SQL patterns', async () => {
      const gone = await someoneEverywhere('odd_id%');
      const stays = await someoneEverywhere('stays');
      const words = await inTheRoom(gone, stays);
      const response = await postForm(web.app, '/account/delete', {}, gone.cookies);
      assert.equal(response.statusCode, 303);
      assert.deepEqual(await findTraces(db, kind, [gone.id, ...words]), {});
    });

    it('signs the person out: their session no longer works', async () => {
      const person = await someoneEverywhere('signedout');
      await secondOrganizer();
      const response = await postForm(web.app, '/account/delete', {}, person.cookies);
      assert.equal(response.statusCode, 303);
      const cleared = response.cookies.find((c) => c.name === 'convene_session');
      assert.equal(cleared?.value, '', 'the cookie is cleared');
      const account = await web.app.inject({ url: '/account', cookies: person.cookies });
      assert.equal(account.statusCode, 303);
      assert.equal(account.headers.location, '/sign-in');
      const data = await download(person.cookies);
      assert.equal(data.statusCode, 303);
      const deleted = await web.app.inject({ url: '/account/deleted' });
      assert.match(deleted.body, /<h1>Your account has been deleted<\/h1>/);
    });

    it('refuses the last organizer of an edition until another organizer exists', async () => {
      const alone = await seedEdition(web.deps, 'dsc-alone', 'draft');
      const cookies = await signInAs(web.deps, { id: 'p-last-organizer', name: 'Last Organizer' }, [
        { editionId: alone.edition.id, role: 'organizer' },
      ]);
      const page = await web.app.inject({ url: '/account/delete', cookies });
      assert.match(page.body, /You cannot delete your account yet/);
      assert.match(
        page.body,
        /You are the only organizer of <a href="\/organize\/editions\/dsc-alone">Digital Services Convening dsc-alone<\/a>\./,
      );
      assert.doesNotMatch(page.body, /<button[^>]*>Delete my account/);

      const refused = await postForm(web.app, '/account/delete', {}, cookies);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /Make someone else an organizer first/);
      assert.equal((await web.deps.store.people.findPeopleByIds(['p-last-organizer'])).length, 1);
      assert.equal((await web.app.inject({ url: '/account', cookies })).statusCode, 200);

      await signInAs(web.deps, { id: 'p-next-organizer' }, [
        { editionId: alone.edition.id, role: 'organizer' },
      ]);
      const allowed = await postForm(web.app, '/account/delete', {}, cookies);
      assert.equal(allowed.statusCode, 303);
      assert.deepEqual(await web.deps.store.people.findPeopleByIds(['p-last-organizer']), []);
      assert.deepEqual(await web.deps.store.access.listMembers(alone.edition.id), [
        { personId: 'p-next-organizer', role: 'organizer' },
      ]);
    });

    it('sends a signed-out visitor to sign in', async () => {
      for (const response of [
        await web.app.inject({ url: '/account/delete' }),
        await postForm(web.app, '/account/delete', {}),
      ]) {
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/sign-in');
      }
    });

    it('refuses a deletion without its CSRF token, deleting nothing', async () => {
      const person = await someoneEverywhere('csrf');
      const response = await web.app.inject({
        method: 'POST',
        url: '/account/delete',
        cookies: person.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /This form has expired/);
      assert.equal((await web.deps.store.people.findPeopleByIds([person.id])).length, 1);
      assert.equal(
        (await web.app.inject({ url: '/account', cookies: person.cookies })).statusCode,
        200,
      );
    });
  });

  describe('the privacy notice', () => {
    it('says what is kept, who sees it and for how long, linked from every page', async () => {
      const page = await web.app.inject({ url: '/privacy' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>How Convene uses your data<\/h1>/);
      assert.match(page.body, /Your accessibility needs<\/td><td>The organizers only\./);
      assert.match(page.body, /only if you choose to appear in the directory/);
      assert.match(page.body, /A sign-in link works for 15 minutes/);
      assert.match(page.body, /You stay signed in for 7 days at most/);
      assert.match(
        page.body,
        /until you delete your account, or until the organizers delete the edition/,
      );
      assert.match(page.body, /not who said it/);
      const programme = await web.app.inject({ url: '/editions' });
      assert.match(
        programme.body,
        /<footer[\s\S]*<a href="\/privacy">How Convene uses your data<\/a>/,
      );
    });
  });
});
