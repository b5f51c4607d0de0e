import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeInvitationEmail, type InvitationEmailInput } from './invitation-email.ts';

const INPUT: InvitationEmailInput = {
  invitee: { name: 'Wanjiru Kamau', timeZone: 'Africa/Nairobi' },
  edition: {
    name: 'Digital Services Convening 2021',
    startDate: '2021-11-16',
    endDate: '2021-11-18',
    hosts: ['Public Digital', 'Harvard Kennedy School', 'Code for America'],
    format: 'remote',
    location: '',
  },
  link: 'https://convene.example.org/invitations/abc123',
  linkExpiresAt: '2021-06-15T12:00:00.000Z',
  linkDays: 14,
  signInUrl: 'https://convene.example.org/sign-in',
  contact: { name: 'Ana Lima', email: 'ana.lima@example.org' },
};

describe('the invitation email', () => {
  it('is personal and names the edition, its dates and hosts, the link, how long it works and whom to ask', () => {
    const { subject, text } = composeInvitationEmail(INPUT);
    assert.equal(subject, 'Your invitation to Digital Services Convening 2021');
    assert.match(text, /^Hello Wanjiru Kamau,$/m);
    assert.match(
      text,
      /invited to Digital Services Convening 2021: a remote convening of public-sector digital teams, from 16 to 18 November 2021, hosted by Public Digital, Harvard Kennedy School and Code for America\./,
    );
    assert.match(text, /^https:\/\/convene\.example\.org\/invitations\/abc123$/m);
    assert.match(
      text,
      /works once, for 14 days: until Tuesday 15 June 2021 at 15:00 \(Africa\/Nairobi time\)/,
    );
    assert.match(text, /write to Ana Lima at ana\.lima@example\.org/);
  });

  it('is plain text without images or tracking', () => {
    const { text } = composeInvitationEmail(INPUT);
    assert.doesNotMatch(text, /<img|<html|utm_|pixel/i);
    assert.equal(text.match(/https?:\/\/\S+/g)?.length, 2, 'only the link and the sign-in page');
  });

  it('says where an in-person edition takes place and tells people to reply when no organizer is known', () => {
    const { text } = composeInvitationEmail({
      ...INPUT,
      edition: { ...INPUT.edition, format: 'in-person', location: 'Boston', endDate: '2021-11-16' },
      contact: null,
    });
    assert.match(
      text,
      /an in-person convening of public-sector digital teams in Boston, on 16 November 2021/,
    );
    assert.match(text, /reply to this email\./);
    const hybrid = composeInvitationEmail({
      ...INPUT,
      edition: { ...INPUT.edition, format: 'hybrid', location: 'Boston' },
    });
    assert.match(
      hybrid.text,
      /a convening of public-sector digital teams, in Boston and online, from/,
    );
  });

  it('gives the expiry in UTC when the invitee’s time zone is unknown', () => {
    const { text } = composeInvitationEmail({
      ...INPUT,
      invitee: { name: 'X', timeZone: 'Atlantis/Capital' },
    });
    assert.match(text, /until Tuesday 15 June 2021 at 12:00 \(UTC time\)/);
  });
});
