import type { FastifyInstance } from 'fastify';
import {
  INVITATION_LINK_DAYS,
  SESSION_DAYS,
  SIGN_IN_LINK_MINUTES,
} from '../../../app/access/sign-in.ts';

/** The privacy notice: what Convene keeps, why, who sees it, for how long, and what people can do. */
export async function privacyRoutes(app: FastifyInstance) {
  app.get('/privacy', async (_request, reply) =>
    reply.render('privacy/privacy.njk', {
      title: 'How Convene uses your data',
      // From the code that enforces them, so the notice cannot drift from what happens.
      signInLinkMinutes: SIGN_IN_LINK_MINUTES,
      invitationLinkDays: INVITATION_LINK_DAYS,
      sessionDays: SESSION_DAYS,
    }),
  );
}
