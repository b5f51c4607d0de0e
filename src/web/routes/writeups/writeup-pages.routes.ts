import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import type { FeedRenderer, MarkdownRenderer } from '../../../app/ports.ts';
import { loadCurrentProgramme } from '../../../app/programme/programme.queries.ts';
import type { Edition } from '../../../domain/convening/edition.ts';
import {
  addComment,
  commentRights,
  listCommentsFor,
  setCommentHidden,
} from '../../../app/writeups/comments.ts';
import {
  listPublishedWriteups,
  loadPublishedWriteup,
  loadWriteupContext,
  type WriteupContext,
} from '../../../app/writeups/writeups.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { COMMENT_MAX_LENGTH } from '../../../domain/writeups/comments.ts';
import { ATTRIBUTION_LABELS } from '../../../domain/writeups/writeup.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatDateTime, formatLongDate } from '../../presenters/time.ts';

type PageParams = { slug: string; sessionId: string };
type Body = Record<string, unknown>;

/** Comments one person may add in each window: enough to take part, too few to flood a page. */
export const COMMENT_RATE_LIMIT = { max: 5, minutes: 10 } as const;

/** Banners after a change to the comments, chosen by a key so nothing else can be injected. */
const DONE: Record<string, string> = {
  'comment-added': 'Your comment was added.',
  'comment-hidden': 'The comment was hidden. Only organizers see it now.',
  'comment-shown': 'The comment is shown again to everyone who can read the write-up.',
};

/** Published write-ups: the edition's list and one page per session, printable. */
export async function writeupPagesRoutes(
  app: FastifyInstance,
  { deps, feeds, markdown }: { deps: UseCaseDeps; feeds: FeedRenderer; markdown: MarkdownRenderer },
) {
  /** The edition's published write-ups as an Atom feed, newest first. */
  const sendFeed = async (request: FastifyRequest, reply: FastifyReply, edition: Edition) => {
    authorize(request, 'writeups.read', { editionId: edition.id, editionStatus: edition.status });
    const published = await listPublishedWriteups(deps, edition);
    const page = deps.links.page(`/editions/${edition.slug}/writeups`);
    const dates = published.map(({ writeup }) => writeup.updatedAt);
    const xml = feeds.renderAtom({
      id: page,
      title: `Write-ups: ${edition.name}`,
      selfUrl: deps.links.page(request.url.split('?')[0] ?? request.url),
      pageUrl: page,
      updated: new Date(dates.sort().at(-1) ?? edition.startDate),
      authorName: edition.name,
      entries: published.map(({ writeup, session }) => ({
        id: deps.links.page(`/editions/${edition.slug}/writeups/${session.id}`),
        title: writeup.title,
        url: deps.links.page(`/editions/${edition.slug}/writeups/${session.id}`),
        updated: new Date(writeup.updatedAt),
        published: new Date(writeup.firstPublishedAt ?? writeup.publishedAt ?? writeup.updatedAt),
        summary: writeup.summary,
        contentHtml: markdown.render(writeup.body, { headingLevel: 2 }),
      })),
    });
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  };

  app.get('/writeups.atom', async (request, reply) => {
    const programme = await loadCurrentProgramme(deps);
    if (!programme)
      return reply.code(404).type('text/plain').send('No edition has been published yet.');
    return sendFeed(request, reply, programme.edition);
  });

  app.get<{ Params: { slug: string } }>('/editions/:slug/writeups.atom', async (request, reply) =>
    sendFeed(request, reply, await findEdition(request.params.slug)),
  );

  const findEdition = async (slug: string) => {
    const edition = await deps.store.programme.findEditionBySlug(slug);
    if (!edition) throw new NotFoundError(`The edition "${slug}"`);
    return edition;
  };

  app.get<{ Params: { slug: string } }>('/editions/:slug/writeups', async (request, reply) => {
    const edition = await findEdition(request.params.slug);
    authorize(request, 'writeups.read', { editionId: edition.id, editionStatus: edition.status });
    const zone = request.viewerTimeZone ?? edition.homeTimeZone;
    const published = await listPublishedWriteups(deps, edition);
    const report = await deps.store.reports.findReport(edition.id);
    return reply.render('writeups/list.njk', {
      title: `Write-ups: ${edition.name}`,
      edition: { ...edition, path: `/editions/${edition.slug}` },
      hasReport: report?.status === 'published',
      writeups: published.map(({ writeup, session, rule }) => ({
        url: `/editions/${edition.slug}/writeups/${session.id}`,
        title: writeup.title,
        summary: writeup.summary,
        session: session.title,
        when: formatLongDate(session.startsAt.slice(0, 10)),
        published: formatDateTime(writeup.publishedAt ?? writeup.updatedAt, zone),
        rule: rule === 'chatham-house' ? ATTRIBUTION_LABELS[rule].label : null,
      })),
    });
  });

  /** The write-up page with its comments; a comment form's problems keep what was typed. */
  const renderWriteup = async (
    request: FastifyRequest,
    reply: FastifyReply,
    context: WriteupContext & { writeup: NonNullable<WriteupContext['writeup']> },
    options: { values?: Body; errors?: FieldError[]; done?: string } = {},
  ) => {
    const { edition, writeup, session, rule } = context;
    const zone = request.viewerTimeZone ?? edition.homeTimeZone;
    const { canComment, canModerate } = commentRights(request.actor, context);
    const comments = await listCommentsFor(deps, request.actor, context);
    const errors = options.errors ?? [];
    const pagePath = `/editions/${edition.slug}/writeups/${session.id}`;
    return reply.render(
      'writeups/writeup.njk',
      {
        title: writeup.title,
        edition: { ...edition, path: `/editions/${edition.slug}` },
        writeup,
        session: { ...session, path: `/editions/${edition.slug}/sessions/${session.id}` },
        published: formatDateTime(writeup.publishedAt ?? writeup.updatedAt, zone),
        isChathamHouse: rule === 'chatham-house',
        ruleHint: ATTRIBUTION_LABELS[rule].hint,
        commentsPath: `${pagePath}/comments`,
        comments: comments.map((comment) => ({
          ...comment,
          when: formatDateTime(comment.createdAt, zone),
          // Plain text: each line the commenter wrote becomes a paragraph, escaped by the view.
          paragraphs: comment.text.split(/\n+/),
        })),
        canComment,
        canModerate,
        isSignedIn: request.actor.kind === 'person',
        signInPath: '/sign-in',
        commentLimit: COMMENT_MAX_LENGTH.toLocaleString('en-GB'),
        form: presentForm(options.values ?? {}, errors),
        done: options.done ? DONE[options.done] : undefined,
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  /** The edition in the address, once the actor may do `action` there: who may comes first. */
  const authorizeOn = async (
    request: FastifyRequest<{ Params: PageParams }>,
    action: 'writeups.read' | 'writeups.comment' | 'writeups.moderate-comments',
  ) => {
    const edition = await findEdition(request.params.slug);
    authorize(request, action, { editionId: edition.id, editionStatus: edition.status });
    return edition;
  };

  app.get<{ Params: PageParams; Querystring: { done?: string } }>(
    '/editions/:slug/writeups/:sessionId',
    async (request, reply) => {
      const edition = await authorizeOn(request, 'writeups.read');
      const context = await loadPublishedWriteup(deps, edition.slug, request.params.sessionId);
      return renderWriteup(request, reply, context, { done: request.query.done });
    },
  );

  // One limit per person across write-ups, so that nobody floods the comments of an edition.
  const commentLimit = app.createRateLimit({
    max: COMMENT_RATE_LIMIT.max,
    timeWindow: COMMENT_RATE_LIMIT.minutes * 60_000,
    keyGenerator: (request) =>
      `writeup-comments:${request.actor.kind === 'person' ? request.actor.personId : request.ip}`,
  });

  app.post<{ Params: PageParams; Body: Body }>(
    '/editions/:slug/writeups/:sessionId/comments',
    async (request, reply) => {
      requireSignedIn(request);
      const edition = await authorizeOn(request, 'writeups.comment');
      const limited = await commentLimit(request);
      if (!limited.isAllowed && limited.isExceeded) {
        reply.header('retry-after', String(limited.ttlInSeconds));
        const minutes = Math.max(1, Math.ceil(limited.ttlInSeconds / 60));
        return reply.render(
          'error.njk',
          {
            title: 'You are adding comments too quickly',
            message: `You can add ${COMMENT_RATE_LIMIT.max} comments every ${COMMENT_RATE_LIMIT.minutes} minutes. Your comment was not added: wait ${minutes} minute${minutes === 1 ? '' : 's'}, then add it again.`,
            backPath: `/editions/${edition.slug}/writeups/${request.params.sessionId}#comments`,
          },
          429,
        );
      }
      const body = (request.body ?? {}) as Body;
      const result = await addComment(
        deps,
        request.actor,
        edition.slug,
        request.params.sessionId,
        body.text,
      );
      if (result.ok)
        return reply.redirect(
          `/editions/${edition.slug}/writeups/${request.params.sessionId}?done=comment-added#comments`,
          303,
        );
      const context = await loadWriteupContext(deps.store, edition.slug, request.params.sessionId);
      const writeup = context.writeup;
      if (writeup?.status !== 'published')
        return reply.render(
          'error.njk',
          {
            title: 'This write-up is not published',
            message: result.errors.map((error) => error.message).join(' '),
            backPath: `/editions/${edition.slug}/writeups`,
          },
          409,
        );
      return renderWriteup(
        request,
        reply,
        { ...context, writeup },
        { values: { text: body.text }, errors: result.errors },
      );
    },
  );

  app.post<{ Params: PageParams & { commentId: string }; Body: Body }>(
    '/editions/:slug/writeups/:sessionId/comments/:commentId/hide',
    async (request, reply) => {
      requireSignedIn(request);
      // Organizers only, before any lookup: nobody else learns which comments exist.
      const edition = await authorizeOn(request, 'writeups.moderate-comments');
      const body = (request.body ?? {}) as Body;
      const result = await setCommentHidden(
        deps,
        request.actor,
        edition.slug,
        request.params.sessionId,
        request.params.commentId,
        body.hidden,
      );
      if (!result.ok)
        return reply.render(
          'error.njk',
          {
            title: 'There is a problem with the request',
            message: result.errors.map((error) => error.message).join(' '),
            backPath: `/editions/${edition.slug}/writeups/${request.params.sessionId}#comments`,
          },
          400,
        );
      return reply.redirect(
        `/editions/${edition.slug}/writeups/${request.params.sessionId}?done=${result.value.hidden ? 'comment-hidden' : 'comment-shown'}#comments`,
        303,
      );
    },
  );
}
