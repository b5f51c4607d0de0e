import type { Actor } from '../../domain/access/actor.ts';
import { can, type PolicySubject } from '../../domain/policy/policy.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import { checkComment } from '../../domain/writeups/comments.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { WriteupComment } from '../ports.ts';
import { loadWriteupContext, type WriteupContext } from './writeups.ts';

/** How a comment's author is shown under the Chatham House rule: never a name or government. */
export const ANONYMOUS_COMMENTER = 'A participant';

/** A comment as one viewer may see it. */
export interface ShownComment {
  id: string;
  text: string;
  createdAt: string;
  /** The commenter's name for the edition, or "A participant" under the Chatham House rule. */
  author: string;
  /** Hidden by an organizer: only organizers are shown these, marked as hidden. */
  hidden: boolean;
}

/** Raised when someone who may not comment on, or moderate, an edition's write-ups tries to. */
export class CommentPermissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommentPermissionError';
  }
}

function subjectOf(context: WriteupContext): PolicySubject {
  return { editionId: context.edition.id, editionStatus: context.edition.status };
}

/** Whether the viewer may add a comment, and whether they moderate comments, on this write-up. */
export function commentRights(
  actor: Actor,
  context: WriteupContext,
): { canComment: boolean; canModerate: boolean } {
  return {
    canComment: can(actor, 'writeups.comment', subjectOf(context)),
    canModerate: can(actor, 'writeups.moderate-comments', subjectOf(context)),
  };
}

/**
 * The comments on a published write-up as the viewer may see them, oldest first. Hidden ones
 * only reach organizers. Under the Chatham House rule nobody is named, since commenters may have
 * been in the session; otherwise the name they registered with. Never an email address.
 */
export async function listCommentsFor(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Actor,
  context: WriteupContext,
): Promise<ShownComment[]> {
  if (context.writeup?.status !== 'published') return [];
  const { canModerate } = commentRights(actor, context);
  const comments = (await deps.store.writeups.listComments(context.writeup.id)).filter(
    (comment) => canModerate || !comment.hidden,
  );
  const names = new Map<string, string>();
  if (context.rule === 'attributable') {
    const people = await deps.store.people.findPeopleByIds([
      ...new Set(comments.map((c) => c.personId)),
    ]);
    for (const person of people) {
      const registration = await deps.store.registrations.findRegistration(
        context.edition.id,
        person.id,
      );
      names.set(person.id, registration?.displayName || person.name);
    }
  }
  return comments.map((comment) => ({
    id: comment.id,
    text: comment.body,
    createdAt: comment.createdAt,
    author:
      context.rule === 'attributable'
        ? (names.get(comment.personId) ?? ANONYMOUS_COMMENTER)
        : ANONYMOUS_COMMENTER,
    hidden: comment.hidden,
  }));
}

/**
 * Adds the signed-in person's comment to a session's write-up. Only the edition's people may
 * comment, and only on a published write-up: a draft, or one taken back, is refused with a
 * problem on the field `writeup`.
 */
export async function addComment(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  sessionId: string,
  raw: unknown,
): Promise<Checked<WriteupComment>> {
  const context = await loadWriteupContext(deps.store, slug, sessionId);
  if (actor.kind !== 'person' || !commentRights(actor, context).canComment)
    throw new CommentPermissionError(
      'Only the people of this edition (registered attendees, speakers and its team) can comment on its write-ups.',
    );
  const writeup = context.writeup;
  if (writeup?.status !== 'published')
    return rejected([
      {
        field: 'writeup',
        message:
          'Comments can only be added to a published write-up, and this one is not published. Your comment was not added; try again once the organizers publish it.',
      },
    ]);
  const checked = checkComment(raw);
  if (!checked.ok) return rejected(checked.errors);
  const comment: WriteupComment = {
    id: deps.ids.next(),
    writeupId: writeup.id,
    personId: actor.personId,
    body: checked.value,
    hidden: false,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.writeups.addComment(comment);
  return accepted(comment);
}

/**
 * Hides a comment on a session's write-up, or shows it again (organizers), recorded in the
 * audit log without its text or author. `hidden` is the form's "true" or "false".
 */
export async function setCommentHidden(
  deps: UseCaseDeps,
  actor: Actor,
  slug: string,
  sessionId: string,
  commentId: string,
  hidden: unknown,
): Promise<Checked<{ hidden: boolean }>> {
  const context = await loadWriteupContext(deps.store, slug, sessionId);
  if (!commentRights(actor, context).canModerate)
    throw new CommentPermissionError(
      'Only the organizers of this edition can hide or show comments on its write-ups.',
    );
  const comment = await deps.store.writeups.findComment(commentId);
  if (!comment || !context.writeup || comment.writeupId !== context.writeup.id)
    throw new NotFoundError('The comment');
  if (hidden !== 'true' && hidden !== 'false')
    return rejected([
      { field: 'hidden', message: 'Choose whether to hide or show the comment. Reload the page.' },
    ]);
  const hide = hidden === 'true';
  if (comment.hidden !== hide)
    await deps.store.transaction(async (store) => {
      await store.writeups.setCommentHidden(comment.id, hide);
      await recordAudit(
        deps,
        store,
        actor,
        context.edition.id,
        hide ? 'writeups.comment-hidden' : 'writeups.comment-shown',
        `${hide ? 'Hid' : 'Showed again'} a comment on the write-up of ${context.session.title}.`,
      );
    });
  return accepted({ hidden: hide });
}
