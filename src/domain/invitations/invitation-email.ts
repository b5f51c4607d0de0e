import { DateTime } from 'luxon';
import { describeDateSpan } from '../convening/date-span.ts';
import type { Edition } from '../convening/edition.ts';

/** Everything a personal invitation says. */
export interface InvitationEmailInput {
  invitee: { name: string; timeZone: string };
  edition: Pick<Edition, 'name' | 'startDate' | 'endDate' | 'hosts' | 'format' | 'location'>;
  /** The personal link; it signs the invitee in once. */
  link: string;
  linkExpiresAt: string;
  linkDays: number;
  /** Where to ask for a new link once this one has expired or been used. */
  signInUrl: string;
  /** Who answers questions: the organizer who sent the invitations; null when nobody is known. */
  contact: { name: string; email: string } | null;
}

/** "A, B and C". */
function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function describeConvening(edition: InvitationEmailInput['edition']): string {
  const place = edition.location.trim();
  const teams = 'convening of public-sector digital teams';
  switch (edition.format) {
    case 'in-person':
      return `an in-person ${teams}${place ? ` in ${place}` : ''}`;
    case 'hybrid':
      return `a ${teams}, ${place ? `in ${place} ` : 'in person '}and online`;
    default:
      return `a remote ${teams}`;
  }
}

function describeExpiry(expiresAt: string, zone: string): string {
  let when = DateTime.fromISO(expiresAt, { zone: 'utc' }).setZone(zone);
  // A person imported with a zone luxon does not know still gets a correct time, in UTC.
  if (!when.isValid) when = DateTime.fromISO(expiresAt, { zone: 'utc' });
  return `${when.setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${(when.zoneName ?? 'UTC').replace(/_/g, ' ')} time)`;
}

/**
 * The personal invitation to an edition, in plain text: it reads the same in every mail client
 * and screen reader, and carries no images or tracking of any kind.
 */
export function composeInvitationEmail(input: InvitationEmailInput): {
  subject: string;
  text: string;
} {
  const { edition } = input;
  const dates = describeDateSpan(edition.startDate, edition.endDate);
  const when = edition.startDate === edition.endDate ? `on ${dates}` : `from ${dates}`;
  const hosts = edition.hosts.length > 0 ? `, hosted by ${listInWords(edition.hosts)}` : '';
  const contact = input.contact
    ? `If you have a question, or think this email reached you by mistake, write to ${input.contact.name} at ${input.contact.email}.`
    : 'If you have a question, or think this email reached you by mistake, reply to this email.';
  return {
    subject: `Your invitation to ${edition.name}`,
    text: [
      `Hello ${input.invitee.name},`,
      '',
      `You are invited to ${edition.name}: ${describeConvening(edition)}, ${when}${hosts}.`,
      '',
      'This link is for you alone. Follow it to sign in, then say whether you will take part:',
      '',
      input.link,
      '',
      `The link works once, for ${input.linkDays} days: until ${describeExpiry(input.linkExpiresAt, input.invitee.timeZone)}. Please do not forward this email, because the link signs in as you. Once the link has been used or has expired, ask for a new sign-in link at ${input.signInUrl} with this email address.`,
      '',
      contact,
      '',
      `The organizers of ${edition.name}`,
    ].join('\n'),
  };
}
