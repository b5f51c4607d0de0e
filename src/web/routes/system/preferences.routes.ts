import type { FastifyInstance } from 'fastify';
import { currentZoneName, isValidTimeZone } from '../../../domain/time-zones/zones.ts';
import { TIME_ZONE_COOKIE } from '../../plugins/time-zone.ts';

/** Only paths on this site may be returned to, so the form cannot be used to send people elsewhere. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/programme';
}

/** Lets a person choose the time zone the programme is shown in; remembered for a year. */
export async function preferencesRoutes(app: FastifyInstance, options: { secureCookies: boolean }) {
  app.post<{ Body: { timeZone?: string; returnTo?: string } }>(
    '/preferences/time-zone',
    async (request, reply) => {
      const zone = currentZoneName(String(request.body?.timeZone ?? '').trim());
      const returnTo = safeReturnPath(request.body?.returnTo);
      if (!isValidTimeZone(zone)) {
        return reply.render(
          'error.njk',
          {
            title: 'Choose a time zone from the list',
            message: `"${zone}" is not a time zone we know. Go back and choose one from the list, such as Europe/London.`,
            backPath: returnTo,
          },
          400,
        );
      }
      reply.setCookie(TIME_ZONE_COOKIE, zone, {
        path: '/',
        maxAge: 60 * 60 * 24 * 365,
        sameSite: 'lax',
        httpOnly: false, // the page script reads it to avoid asking the browser twice
        secure: options.secureCookies,
      });
      return reply.redirect(returnTo, 303);
    },
  );
}
