/** Someone as an introduction email names them: never with an address unless it was accepted. */
export interface IntroducedPerson {
  name: string;
  /** "Ministry of ICT, Kenya", or '' when unknown. */
  team: string;
}

function describe(person: IntroducedPerson): string {
  return person.team ? `${person.name} (${person.team})` : person.name;
}

/**
 * Tells the person asked that someone would like an introduction. It holds the asker's name,
 * team and message, and never their email address: that is only sent once the request is accepted.
 */
export function composeIntroductionRequestEmail(input: {
  recipientName: string;
  asker: IntroducedPerson;
  message: string;
  introductionsUrl: string;
}): { subject: string; text: string } {
  return {
    subject: `${input.asker.name} would like an introduction`,
    text: [
      `Hello ${input.recipientName},`,
      '',
      `${describe(input.asker)} would like to be introduced to you, and wrote:`,
      '',
      ...input.message.split('\n').map((line) => `> ${line}`),
      '',
      'Accept or decline on your introductions page:',
      '',
      input.introductionsUrl,
      '',
      'If you accept, Convene emails you both each other’s email address. If you decline, nothing is sent and they are not told. Your email address has not been shared.',
    ].join('\n'),
  };
}

/**
 * Sent to each of the two once a request is accepted: the other person's name, team and email
 * address, so that they can write to each other.
 */
export function composeIntroductionAcceptedEmail(input: {
  toName: string;
  other: IntroducedPerson & { email: string };
  /** Whether the person mailed asked for the introduction (else they accepted it). */
  toIsAsker: boolean;
  message: string;
}): { subject: string; text: string } {
  const opening = input.toIsAsker
    ? `${describe(input.other)} accepted your request for an introduction.`
    : `You accepted the request for an introduction from ${describe(input.other)}.`;
  return {
    subject: `Introduction: ${input.other.name}`,
    text: [
      `Hello ${input.toName},`,
      '',
      opening,
      '',
      `You can write to ${input.other.name} at: ${input.other.email}`,
      '',
      'The message of the request was:',
      '',
      ...input.message.split('\n').map((line) => `> ${line}`),
      '',
      `${input.other.name} has been sent your email address in the same way.`,
    ].join('\n'),
  };
}
