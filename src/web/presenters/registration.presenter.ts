import type { RegistrationView } from '../../app/registration/registration.queries.ts';
import type { Registration } from '../../domain/registration/registration.ts';
import type { FieldError } from '../../domain/shared/result.ts';
import { currentZoneName, isValidTimeZone, listTimeZones } from '../../domain/time-zones/zones.ts';
import { presentForm } from './form.presenter.ts';
import { presentProgramme } from './programme.presenter.ts';
import { formatLongDate } from './time.ts';

type Values = Record<string, unknown>;

const SINGLE_VALUE_FIELDS = [
  'attending',
  'displayName',
  'timeZone',
  'accessibilityNeeds',
  'inDirectory',
] as const;

const ZONE_OPTIONS = listTimeZones().map((zone) => ({
  value: zone,
  label: zone.replace(/_/g, ' '),
}));

/** The values of a group of checkboxes as a list, whether none, one or several were sent. */
function chosen(values: Values, field: string): string[] {
  const value = values[field];
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** What the form starts with: the saved answers, or the person's record for a first visit. */
export function registrationFormValues(view: RegistrationView): Values {
  const { registration, invitation, person } = view;
  if (registration)
    return {
      attending: 'yes',
      displayName: registration.displayName,
      timeZone: registration.timeZone,
      accessibilityNeeds: registration.accessibilityNeeds,
      inDirectory: registration.inDirectory ? 'yes' : 'no',
      sessions: registration.sessionIds,
      strugglingThemes: registration.strugglingThemeIds,
      helpingThemes: registration.helpingThemeIds,
    };
  return {
    attending: invitation?.status === 'declined' ? 'no' : '',
    displayName: person.name,
    timeZone: currentZoneName(person.timeZone),
    accessibilityNeeds: '',
    // Nobody appears in the directory unless they choose to; whoever already did (in another
    // edition) sees their answer kept, since answering no takes them out.
    inDirectory: view.isListedInDirectory ? 'yes' : 'no',
  };
}

/** The registration form: the questions, the sessions grouped by day in the chosen time zone, the themes. */
export function presentRegistrationForm(
  view: RegistrationView,
  values: Values,
  errors: FieldError[],
  now: Date,
) {
  const { programme } = view;
  // Every question has a value, even when a tampered form left it out, so the page can show it.
  values = {
    ...Object.fromEntries(SINGLE_VALUE_FIELDS.map((field) => [field, ''])),
    ...values,
  };
  const typedZone = String(values.timeZone ?? '');
  // Times follow the zone in the form when it is a real one, so they match what the person chose.
  const zone = isValidTimeZone(typedZone)
    ? currentZoneName(typedZone)
    : currentZoneName(view.person.timeZone);
  const presented = presentProgramme(programme, zone, now);
  const sessions = new Set(chosen(values, 'sessions'));
  const struggling = new Set(chosen(values, 'strugglingThemes'));
  const helping = new Set(chosen(values, 'helpingThemes'));
  const themeOptions = (picked: Set<string>) =>
    programme.themes.map((theme) => ({
      value: theme.id,
      label: theme.name,
      hint: theme.description,
      checked: picked.has(theme.id),
    }));
  return {
    title: `Register for ${programme.edition.name}`,
    edition: presented.edition,
    form: presentForm(values, errors),
    invitationStatus: view.invitation?.status ?? null,
    respondedAt: view.invitation?.respondedAt ?? null,
    zone,
    zoneOptions: ZONE_OPTIONS,
    days: presented.days
      .map((day) => ({
        legend: `Day ${day.number}${day.themeLabel ? `: ${day.themeLabel}` : ''}, ${day.longDate}`,
        sessions: day.sessions
          .filter((session) => !session.isBreak)
          .map((session) => ({
            value: session.id,
            label: session.title,
            hint: `${session.viewerDate}, ${session.viewerTime} · ${session.format}`,
            checked: sessions.has(session.id),
          })),
      }))
      .filter((day) => day.sessions.length > 0),
    strugglingThemes: themeOptions(struggling),
    helpingThemes: themeOptions(helping),
  };
}

/** The confirmation: what the person answered, in words, with times in their chosen zone. */
export function presentRegistrationConfirmation(view: RegistrationView, now: Date) {
  const { programme, registration } = view;
  const zone = registration?.timeZone ?? currentZoneName(view.person.timeZone);
  const presented = presentProgramme(programme, zone, now);
  const sessions = presented.days.flatMap((day) =>
    day.sessions
      .filter((session) => registration?.sessionIds.includes(session.id))
      .map((session) => ({
        title: session.title,
        path: session.path,
        when: `${session.viewerDate}, ${session.viewerTime}`,
      })),
  );
  const themeNames = (ids: string[] | undefined) =>
    programme.themes.filter((theme) => ids?.includes(theme.id)).map((theme) => theme.name);
  return {
    title: registration ? 'You are registered' : 'You told us you will not attend',
    edition: presented.edition,
    isRegistered: registration !== null,
    registration: registration ? presentAnswers(registration) : null,
    sessions,
    strugglingThemes: themeNames(registration?.strugglingThemeIds),
    helpingThemes: themeNames(registration?.helpingThemeIds),
    respondedOn: view.invitation?.respondedAt
      ? formatLongDate(view.invitation.respondedAt.slice(0, 10))
      : null,
  };
}

function presentAnswers(registration: Registration) {
  return {
    displayName: registration.displayName,
    timeZone: registration.timeZone.replace(/_/g, ' '),
    accessibilityNeeds: registration.accessibilityNeeds,
    inDirectory: registration.inDirectory,
  };
}
