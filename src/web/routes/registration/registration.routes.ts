import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  loadRegistrationView,
  type RegistrationView,
} from '../../../app/registration/registration.queries.ts';
import { respondToInvitation } from '../../../app/registration/respond-to-invitation.ts';
import type { Actor } from '../../../domain/access/actor.ts';
import { can } from '../../../domain/policy/policy.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';
import {
  presentRegistrationConfirmation,
  presentRegistrationForm,
  registrationFormValues,
} from '../../presenters/registration.presenter.ts';
import { formatLongDate } from '../../presenters/time.ts';

type Params = { slug: string };
type Person = Extract<Actor, { kind: 'person' }>;

/**
 * An invitee's registration: attend or decline, and how they take part. Each page asks the
 * policy; before that, a person who cannot register is told why in plain words.
 */
export async function registrationRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  /**
   * Loads the edition for the signed-in invitee, or answers for them: sign in first, you are not
   * invited, or registration is closed. Returns null when a reply was sent.
   */
  const loadFor = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
  ): Promise<{ actor: Person; view: RegistrationView } | null> => {
    const actor = requireSignedIn(request);
    const view = await loadRegistrationView(deps, actor, request.params.slug);
    const { edition } = view.programme;
    const subject = { editionId: edition.id, editionStatus: edition.status };
    if (!actor.invitedEditionIds.includes(edition.id) || view.invitation === null) {
      await reply.render(
        'error.njk',
        {
          title: 'You are not invited to this edition',
          message:
            'Registration is only for people the organizers have invited. If you think you should be invited, reply to the organizers who told you about the convening.',
          backPath: '/account',
        },
        403,
      );
      return null;
    }
    if (!can(actor, 'registration.respond', subject)) {
      await reply.render(
        'error.njk',
        {
          title: 'Registration is closed',
          message:
            edition.status === 'draft'
              ? `Registration for ${edition.name} is not open yet. The organizers will tell you when it opens.`
              : `${edition.name} has ended, so registration is closed.`,
          backPath: '/account',
        },
        403,
      );
      return null;
    }
    authorize(request, 'registration.respond', subject);
    return { actor, view };
  };

  const renderForm = (
    reply: FastifyReply,
    view: RegistrationView,
    values: Record<string, unknown>,
    errors: { field: string; message: string }[],
  ) => {
    const page = presentRegistrationForm(view, values, errors, deps.clock.now());
    return reply.render(
      'registration/registration.njk',
      {
        ...page,
        respondedOn: page.respondedAt ? formatLongDate(page.respondedAt.slice(0, 10)) : null,
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get<{ Params: Params }>('/editions/:slug/registration', async (request, reply) => {
    const loaded = await loadFor(request, reply);
    if (!loaded) return reply;
    return renderForm(reply, loaded.view, registrationFormValues(loaded.view), []);
  });

  app.post<{ Params: Params; Body: Record<string, unknown> }>(
    '/editions/:slug/registration',
    async (request, reply) => {
      const loaded = await loadFor(request, reply);
      if (!loaded) return reply;
      const body = request.body ?? {};
      const result = await respondToInvitation(deps, loaded.actor, request.params.slug, body);
      if (!result.ok) return renderForm(reply, loaded.view, body, result.errors);
      return reply.redirect(
        `/editions/${loaded.view.programme.edition.slug}/registration/confirmation?saved=1`,
        303,
      );
    },
  );

  app.get<{ Params: Params; Querystring: { saved?: string } }>(
    '/editions/:slug/registration/confirmation',
    async (request, reply) => {
      const loaded = await loadFor(request, reply);
      if (!loaded) return reply;
      // Nothing to confirm before the first answer: the form is where to give it.
      if (loaded.view.invitation?.status === 'invited')
        return reply.redirect(`/editions/${loaded.view.programme.edition.slug}/registration`, 303);
      return reply.render('registration/confirmation.njk', {
        ...presentRegistrationConfirmation(loaded.view, deps.clock.now()),
        justSaved: request.query.saved === '1',
      });
    },
  );
}
