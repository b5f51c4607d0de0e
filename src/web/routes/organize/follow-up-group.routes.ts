import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  formGroups,
  loadFollowUpOverview,
  retryFollowUpMail,
  sendIntroductions,
  type GroupMemberView,
} from '../../../app/follow-up-groups/follow-up-groups.ts';
import { MAX_SEND_ATTEMPTS } from '../../../domain/invitations/mail-retry.ts';
import { DEFAULT_GROUP_SIZES } from '../../../domain/follow-up-groups/follow-up-groups.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatDateTime, formatShortDate, formatTimeRange } from '../../presenters/time.ts';

type SlugParams = { slug: string };
type Body = Record<string, unknown>;

const DONE: Record<string, string> = {
  formed:
    'The groups were formed. Check them, form them again if you like, then send the introductions.',
  sent: 'The introductions are being sent: one email to each member of each group.',
  'already-sent': 'These introductions were already sent, so nothing was sent again.',
  retried: 'The introduction will be sent again in a moment.',
};

const ONE_HOUR = 3_600_000;

/** "Thu 3 Jun, 07:00–08:00 UTC": a suggested call in one zone. */
const describeHour = (startsAt: string, zone: string) =>
  `${formatShortDate(startsAt, zone)}, ${formatTimeRange(startsAt, new Date(Date.parse(startsAt) + ONE_HOUR).toISOString(), zone)}`;

/** Where a member's introduction email is, in words, with the reason when it failed. */
function describeMail(mail: GroupMemberView['mail'], zone: string) {
  if (!mail) return { label: 'Not sent: no longer registered when the groups were sent' };
  switch (mail.status) {
    case 'queued':
    case 'sending':
      return { label: 'Waiting to be sent' };
    case 'sent':
      return { label: 'Sent' };
    case 'retrying':
      return {
        label: 'Will be tried again',
        detail:
          `Try ${mail.attempts + 1} of ${MAX_SEND_ATTEMPTS} at ${formatDateTime(mail.nextAttemptAt, zone)}. ${mail.lastError ?? ''}`.trim(),
      };
    case 'failed':
      return {
        label: 'Could not be sent',
        detail: mail.lastError ?? 'The mail server did not take it.',
        retryId: mail.id,
      };
  }
}

/**
 * Follow-up groups (organizers of the edition, under /organize, whose hook asks the policy):
 * form groups of the people who named a struggle, look at them, form again, then send each
 * member an introduction to the others.
 */
export async function followUpGroupRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const render = async (
    request: FastifyRequest<{ Params: SlugParams }>,
    reply: FastifyReply,
    options: { values?: Body; errors?: FieldError[]; done?: string; problem?: string } = {},
  ) => {
    const overview = await loadFollowUpOverview(deps, request.actor, request.params.slug);
    const { edition } = overview;
    const zone = request.viewerTimeZone ?? edition.homeTimeZone;
    const errors = options.errors ?? [];
    const path = `/organize/editions/${edition.slug}/follow-up-groups`;
    return reply.render(
      'follow-up-groups/follow-up-groups.njk',
      {
        title: 'Follow-up groups',
        edition,
        path,
        zone,
        form: presentForm(
          options.values ?? { minSize: DEFAULT_GROUP_SIZES.min, maxSize: DEFAULT_GROUP_SIZES.max },
          errors,
        ),
        themeOptions: [
          { value: '', label: 'Choose a theme' },
          ...overview.themes.map((theme) => ({
            value: theme.id,
            label: `${theme.name} (${theme.strugglingCount} ${theme.strugglingCount === 1 ? 'person' : 'people'})`,
          })),
        ],
        groupings: overview.groupings.map(({ grouping, theme, groups }) => ({
          id: grouping.id,
          theme: theme?.name ?? 'A deleted theme',
          isSent: grouping.status === 'sent',
          sizes: `${grouping.minSize} to ${grouping.maxSize}`,
          formed: formatDateTime(grouping.formedAt, zone),
          sent: grouping.sentAt ? formatDateTime(grouping.sentAt, zone) : null,
          // Emails still on their way (queued, being sent, or to be tried again).
          waiting:
            grouping.status === 'sent' &&
            groups.some((group) =>
              group.members.some(
                (member) =>
                  member.mail !== null && !['sent', 'failed'].includes(member.mail.status),
              ),
            ),
          people: groups.reduce((sum, group) => sum + group.members.length, 0),
          themeId: grouping.themeId,
          minSize: grouping.minSize,
          maxSize: grouping.maxSize,
          groups: groups.map((group) => ({
            number: group.number,
            members: group.members.map((member) => ({
              ...member,
              mail: grouping.status === 'sent' ? describeMail(member.mail, zone) : null,
            })),
            suggested: describeHour(group.suggestedStart, zone),
            suggestedUtc: describeHour(group.suggestedStart, 'UTC'),
          })),
        })),
        done: options.done ? DONE[options.done] : undefined,
        problem: options.problem,
      },
      errors.length > 0 ? 400 : options.problem ? 409 : 200,
    );
  };

  app.get<{ Params: SlugParams; Querystring: { done?: string } }>(
    '/editions/:slug/follow-up-groups',
    async (request, reply) => render(request, reply, { done: request.query.done }),
  );

  app.post<{ Params: SlugParams; Body: Body }>(
    '/editions/:slug/follow-up-groups',
    async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const result = await formGroups(deps, request.actor, request.params.slug, body);
      if (result.ok)
        return reply.redirect(
          `/organize/editions/${request.params.slug}/follow-up-groups?done=formed#grouping-${result.value.id}`,
          303,
        );
      return render(request, reply, {
        values: { themeId: body.themeId, minSize: body.minSize, maxSize: body.maxSize },
        errors: result.errors,
      });
    },
  );

  app.post<{ Params: SlugParams & { groupingId: string } }>(
    '/editions/:slug/follow-up-groups/:groupingId/send',
    async (request, reply) => {
      const result = await sendIntroductions(
        deps,
        request.actor,
        request.params.slug,
        request.params.groupingId,
      );
      return reply.redirect(
        `/organize/editions/${request.params.slug}/follow-up-groups?done=${result.status}#grouping-${request.params.groupingId}`,
        303,
      );
    },
  );

  app.post<{ Params: SlugParams; Body: Body }>(
    '/editions/:slug/follow-up-groups/retry',
    async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const mailId = typeof body.mailId === 'string' ? body.mailId : '';
      const result = await retryFollowUpMail(deps, request.actor, request.params.slug, mailId);
      if (!result.ok) return render(request, reply, { problem: result.reason });
      return reply.redirect(
        `/organize/editions/${request.params.slug}/follow-up-groups?done=retried#grouping-${result.groupingId}`,
        303,
      );
    },
  );
}
