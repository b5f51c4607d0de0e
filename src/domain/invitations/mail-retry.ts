/**
 * When to try a failed email again. Mail servers refuse for passing reasons (a full mailbox,
 * greylisting, a restart), so a failed send waits a little longer each time before it is
 * given up and shown to the organizers.
 */

/** Minutes to wait after the first, second, third and fourth failed try. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120] as const;

/** After this many failed tries an email is given up; an organizer can ask for it again. */
export const MAX_SEND_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * How long one send may take. A mail still "sending" after this was interrupted (the server
 * stopped or lost its database) and may or may not have gone out, so it is never sent again
 * without an organizer deciding to.
 */
export const SENDING_DEADLINE_MINUTES = 10;

/** What the organizers read about an email whose sending was interrupted. */
export const INTERRUPTED_SEND_REASON =
  'The server stopped while sending; check with the person before sending again.';

/** What happens to an email after a failed try. */
export type AfterFailedAttempt =
  { status: 'retrying'; nextAttemptAt: string } | { status: 'failed' };

/** Plans the next try after `attempts` failed tries in all, or gives up after the last. */
export function planAfterFailedAttempt(attempts: number, now: Date): AfterFailedAttempt {
  const delay = RETRY_DELAYS_MINUTES[Math.max(0, attempts - 1)];
  if (attempts >= MAX_SEND_ATTEMPTS || delay === undefined) return { status: 'failed' };
  return {
    status: 'retrying',
    nextAttemptAt: new Date(now.getTime() + delay * 60_000).toISOString(),
  };
}

/** The moment after which a send that began at `now` counts as interrupted. */
export function sendingDeadline(now: Date): string {
  return new Date(now.getTime() + SENDING_DEADLINE_MINUTES * 60_000).toISOString();
}
