/** The headers that let a mail client offer "Unsubscribe" (RFC 2369) in one click (RFC 8058). */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The double opt-in email: nothing is sent about write-ups until its link is followed. */
export function composeConfirmationEmail(input: {
  editionName: string;
  confirmUrl: string;
  unsubscribeUrl: string;
}): { subject: string; text: string } {
  return {
    subject: `Confirm your subscription to write-ups of ${input.editionName}`,
    text: [
      'Hello,',
      '',
      `Someone, probably you, asked to be emailed when a new write-up of ${input.editionName} is published.`,
      '',
      'To confirm, open this link and press the button:',
      '',
      input.confirmUrl,
      '',
      'If you did not ask, ignore this email: nothing more will be sent. To remove this address at once, open:',
      '',
      input.unsubscribeUrl,
    ].join('\n'),
  };
}

/** The announcement of a newly published write-up, with the link that unsubscribes on its own. */
export function composeNewWriteupEmail(input: {
  editionName: string;
  title: string;
  summary: string;
  writeupUrl: string;
  unsubscribeUrl: string;
}): { subject: string; text: string } {
  return {
    subject: `New write-up: ${input.title}`,
    text: [
      `A new write-up of ${input.editionName} is published.`,
      '',
      input.title,
      ...(input.summary.trim() ? ['', input.summary.trim()] : []),
      '',
      `Read it: ${input.writeupUrl}`,
      '',
      '--',
      `You receive this because you subscribed to new write-ups of ${input.editionName}.`,
      `Unsubscribe (one click, no sign-in): ${input.unsubscribeUrl}`,
    ].join('\n'),
  };
}
