import { DateTime } from 'luxon';

/** One of the other members of a group, as the introduction names them. */
export interface IntroducedMember {
  name: string;
  /** The country and team, such as "Kenya, Ministry of ICT"; null when not known. */
  government: string | null;
  email: string;
}

/** Everything one member's introduction email says. */
export interface FollowUpIntroduction {
  recipient: { name: string; timeZone: string };
  editionName: string;
  themeName: string;
  /** The organizer who sent the introductions; replies to the mail reach them. */
  organizer: { name: string; email: string } | null;
  others: IntroducedMember[];
  slot: { startsAt: string; endsAt: string };
}

/** "Tuesday 8 June 2021, 14:00 to 15:00" in a zone. */
function formatSlot(startsAt: string, endsAt: string, zone: string): string {
  const start = DateTime.fromISO(startsAt, { zone });
  const end = DateTime.fromISO(endsAt, { zone });
  const endDay = end.toISODate() === start.toISODate() ? '' : ` on ${end.toFormat('cccc d LLLL')}`;
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')} to ${end.toFormat('HH:mm')}${endDay}`;
}

/**
 * The plain-text email that introduces one member of a follow-up group to the others. It says
 * plainly that the organizers made the introduction (the members did not ask for it), why
 * these people were put together, who the others are with their email addresses, and a
 * suggested first call in the reader's own time zone and in UTC.
 */
export function composeFollowUpIntroduction(intro: FollowUpIntroduction): {
  subject: string;
  text: string;
} {
  const zone = DateTime.local().setZone(intro.recipient.timeZone).isValid
    ? intro.recipient.timeZone
    : 'UTC';
  const organizer = intro.organizer
    ? `${intro.organizer.name}, an organizer of ${intro.editionName},`
    : `The organizers of ${intro.editionName}`;
  const lines = [
    `Dear ${intro.recipient.name},`,
    '',
    `${organizer} ${intro.organizer ? 'is' : 'are'} introducing you to a small follow-up group: people from other governments who, like your team, named “${intro.themeName}” as something they are struggling with when they registered for ${intro.editionName}.`,
    '',
    'You did not ask for this introduction: the organizers made it, and they are sharing your name, government and email address with the other members of this group only, as they share theirs with you.',
    '',
    'The other members of your group:',
    ...intro.others.map(
      (member) =>
        `- ${member.name}${member.government ? ` (${member.government})` : ''}: ${member.email}`,
    ),
    '',
    'A suggested time for a first call, chosen to be as comfortable as possible for everyone’s time zones:',
    `- Your time (${zone}): ${formatSlot(intro.slot.startsAt, intro.slot.endsAt, zone)}`,
    `- UTC: ${formatSlot(intro.slot.startsAt, intro.slot.endsAt, 'UTC')}`,
    '',
    'It is only a suggestion: reply to everyone to agree a time and a video link that suits you. Nobody has to take part.',
    '',
    ...(intro.organizer
      ? [`If you have a question, reply to this email to reach ${intro.organizer.name}.`, '']
      : []),
    `Sent by Convene for ${intro.editionName}.`,
  ];
  return {
    subject: `Introducing your follow-up group on “${intro.themeName}” – ${intro.editionName}`,
    text: lines.join('\n'),
  };
}
