import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { currentZoneName, isValidTimeZone, listTimeZones } from '../../domain/time-zones/zones.ts';

/** The cookie that remembers the time zone a person chose or their browser reported. */
export const TIME_ZONE_COOKIE = 'convene_tz';

declare module 'fastify' {
  interface FastifyRequest {
    /** The viewer's own time zone, when known. */
    viewerTimeZone: string | null;
  }
}

const ZONES = listTimeZones();

/** Reads the remembered time zone and offers the list of zones to every page. */
export const timeZonePlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('viewerTimeZone', null);
  app.addHook('preHandler', async (request) => {
    const zone = request.cookies[TIME_ZONE_COOKIE];
    request.viewerTimeZone = zone && isValidTimeZone(zone) ? currentZoneName(zone) : null;
    request.pageGlobals.viewerTimeZone = request.viewerTimeZone;
    request.pageGlobals.timeZones = ZONES;
    request.pageGlobals.currentPath = request.url;
  });
});
