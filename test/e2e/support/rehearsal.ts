/**
 * A rehearsal edition whose breakout round is under way now, on the server's real clock. The
 * demo's editions are dated 2020, so none of their rounds is ever current: journeys that need
 * "the round happening now" set one up through the product's own paths, as an organizer would.
 * The programme goes in with `convene programme import` (docs/programme-import.md) against the
 * running server's database, and people register through the registration form.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import type { BrowserContext } from 'playwright-core';
import type { RunningServer } from './server.ts';
import { signInThroughOutbox } from './sign-in.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** The rehearsal edition, as its organizer creates it. */
export const REHEARSAL = { slug: 'rehearsal', name: 'Rehearsal convening' };

/** Someone invited to the rehearsal, with how the other members of their room see them. */
export interface RehearsalPerson {
  name: string;
  email: string;
  /** A government code of the demo (src/app/demo/demo-governments.ts), and its country. */
  government: string;
  country: string;
  role: string;
  /** The role as pages show it (PERSON_ROLE_LABELS). */
  roleLabel: string;
  maturity: 'starting' | 'momentum';
  timeZone: string;
}

/** Six people of six governments, roles and time zones, three teams starting out and three with momentum. */
export const REHEARSAL_PEOPLE: readonly RehearsalPerson[] = [
  {
    name: 'Amara Okafor',
    email: 'amara.okafor@ng.gov.example',
    government: 'NG',
    country: 'Nigeria',
    role: 'engineer',
    roleLabel: 'Engineer',
    maturity: 'starting',
    timeZone: 'Africa/Lagos',
  },
  {
    name: 'Lucía Fernández',
    email: 'lucia.fernandez@uy.gov.example',
    government: 'UY',
    country: 'Uruguay',
    role: 'product-manager',
    roleLabel: 'Product manager',
    maturity: 'momentum',
    timeZone: 'America/Montevideo',
  },
  {
    name: 'Mihkel Saar',
    email: 'mihkel.saar@ee.gov.example',
    government: 'EE',
    country: 'Estonia',
    role: 'chief-technology-officer',
    roleLabel: 'Chief technology officer',
    maturity: 'momentum',
    timeZone: 'Europe/Tallinn',
  },
  {
    name: 'Priya Raman',
    email: 'priya.raman@in.gov.example',
    government: 'IN',
    country: 'India',
    role: 'ux-designer',
    roleLabel: 'UX designer',
    maturity: 'starting',
    timeZone: 'Asia/Kolkata',
  },
  {
    name: 'Hana Sato',
    email: 'hana.sato@jp.gov.example',
    government: 'JP',
    country: 'Japan',
    role: 'chief-digital-officer',
    roleLabel: 'Chief digital officer',
    maturity: 'momentum',
    timeZone: 'Asia/Tokyo',
  },
  {
    name: 'Tomás Rojas',
    email: 'tomas.rojas@cl.gov.example',
    government: 'CL',
    country: 'Chile',
    role: 'policy-advisor',
    roleLabel: 'Policy advisor',
    maturity: 'starting',
    timeZone: 'America/Santiago',
  },
];

/** The breakout round of the rehearsal: it started 10 minutes ago and ends 20 minutes from now. */
export interface RoundUnderWay {
  title: string;
  /** The session's description, which attendees see as the round's prompt. */
  prompt: string;
  /** The edition's home time zone, in which the round lies within one day. */
  homeTimeZone: string;
  /** The round's day there, such as 2026-11-28, and its wall-clock times, such as 14:20. */
  date: string;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
}

/** Zones between which one always has its local time between 02:00 and 21:00, whatever the hour. */
const HOME_ZONES = ['Europe/London', 'Asia/Tokyo', 'America/New_York'];

/**
 * The round under way, in the first home zone where it lies well inside one local day (its
 * local time now is between 02:00 and 21:00), so that the test never depends on the time of
 * day: around midnight the round would otherwise span two dates of a one-day edition.
 * Wall-clock times are whole minutes, as the programme takes them: the round started 10 to 11
 * minutes ago and lasts 30 minutes.
 */
export function planRoundUnderWay(now = new Date()): RoundUnderWay {
  for (const zone of HOME_ZONES) {
    const local = DateTime.fromJSDate(now, { zone });
    if (local.hour < 2 || local.hour >= 21) continue;
    const start = local.minus({ minutes: 10 }).startOf('minute');
    const end = start.plus({ minutes: 30 });
    assert.equal(start.toISODate(), end.toISODate(), 'the round lies within one local day');
    return {
      title: 'Breakout round: one thing to try next week',
      prompt: 'What is one thing your team could try next week, and who here could help?',
      homeTimeZone: zone,
      date: start.toISODate() ?? '',
      startTime: start.toFormat('HH:mm'),
      endTime: end.toFormat('HH:mm'),
      startsAt: start.toJSDate(),
      endsAt: end.toJSDate(),
    };
  }
  throw new Error(`None of ${HOME_ZONES.join(', ')} is between 02:00 and 21:00 now.`);
}

/**
 * The programme file that adds the round and its day to the edition the organizer created, and
 * invites the people (docs/programme-import.md: an edition named by its slug alone is added to).
 * Their governments are the demo's, already stored.
 */
export function rehearsalProgramme(round: RoundUnderWay, people = REHEARSAL_PEOPLE) {
  return {
    people: people.map(({ name, email, government, role, maturity, timeZone }) => ({
      name,
      email,
      government,
      role,
      maturity,
      timeZone,
    })),
    editions: [
      {
        slug: REHEARSAL.slug,
        days: [
          {
            date: round.date,
            themeLabel: 'NEXT',
            guidingQuestion: 'What will we try before we meet again?',
          },
        ],
        sessions: [
          {
            title: round.title,
            format: 'breakout-round',
            date: round.date,
            startTime: round.startTime,
            endTime: round.endTime,
            description: round.prompt,
            videoUrl: '',
            speakers: [],
            moderators: [],
            themes: [],
          },
        ],
        invitees: people.map((person) => person.email),
      },
    ],
  };
}

/**
 * Runs `convene programme import FILE` as an operator does, against the running server's
 * SQLite database (WAL, so the server may keep running); fails with the command's output.
 */
export async function importProgramme(server: RunningServer, document: unknown): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'convene-rehearsal-'));
  const file = join(folder, 'rehearsal.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  try {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'bin/convene.js'), 'programme', 'import', file],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          // The server's database, never a developer's: only CONVENE_DATA_DIR names one.
          DATABASE_URL: undefined,
          NODE_TEST_CONTEXT: undefined,
          NODE_ENV: 'test',
          CONVENE_DATA_DIR: server.dataDir,
        },
        timeout: 60_000,
      },
    );
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`convene programme import failed:\n${stdout}${stderr}`, { cause: error });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Given the person signed in (in this context) and registered for the edition through its
 * registration form, attending, in their own time zone. The form's own journey is covered
 * elsewhere (invite-and-register.test.ts), so this goes over HTTP.
 */
export async function registerFor(
  context: BrowserContext,
  slug: string,
  person: RehearsalPerson,
): Promise<void> {
  await signInThroughOutbox(context, person.email);
  const path = `/editions/${slug}/registration`;
  const form = await context.request.get(path);
  assert.ok(form.ok(), `GET ${path} as ${person.email} answered ${form.status()}`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  assert.ok(token, 'the registration form carries a token');
  const answer = await context.request.post(path, {
    form: {
      _csrf: token,
      attending: 'yes',
      displayName: person.name,
      timeZone: person.timeZone,
      accessibilityNeeds: '',
      inDirectory: 'no',
    },
    maxRedirects: 0,
  });
  assert.equal(
    answer.status(),
    303,
    `registering ${person.email} answered ${answer.status()}: ${(await answer.text()).slice(0, 500)}`,
  );
}
